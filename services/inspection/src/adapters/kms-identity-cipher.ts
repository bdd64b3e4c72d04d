import { DecryptCommand, EncryptCommand, KMSClient, KMSServiceException } from '@aws-sdk/client-kms';
import {
  assertSealable,
  type IdentityCipher,
  IdentityUnreadableError,
  type SealedIdentity,
} from '../app/case-ports.ts';

/** The `purpose` of every identity's encryption context: a ciphertext of another use never opens as one. */
export const IDENTITY_PURPOSE = 'denouncer-identity';

/** What KMS binds to each sealed identity: its case, and what it is. Decrypt must send the same. */
export function identityEncryptionContext(caseId: string): Record<string, string> {
  return { caseId, purpose: IDENTITY_PURPOSE };
}

/**
 * The identity cipher in AWS: one KMS Encrypt per identity (at most `IDENTITY_MAX_BYTES`, KMS's
 * own limit, so no data key is needed) under the service's key, with the case id and purpose as
 * encryption context, and a Decrypt pinned to that key with the same context. Loaded with
 * `import()` on the first seal or reveal (`identityCipherFromEnv`), so a cold start of the HTTP
 * function does not pay for the KMS client.
 */
export function kmsIdentityCipher(keyId: string, client: KMSClient = new KMSClient({})): IdentityCipher {
  return {
    async seal(caseId: string, plaintext: string): Promise<SealedIdentity> {
      assertSealable(plaintext);
      const out = await client.send(
        new EncryptCommand({
          KeyId: keyId,
          Plaintext: Buffer.from(plaintext, 'utf8'),
          EncryptionContext: identityEncryptionContext(caseId),
        }),
      );
      if (!out.CiphertextBlob) throw new Error(`KMS Encrypt under ${keyId} returned no ciphertext`);
      return { ciphertext: Buffer.from(out.CiphertextBlob).toString('base64'), keyId: out.KeyId ?? keyId };
    },
    async open(caseId: string, sealed: SealedIdentity): Promise<string> {
      let out: { Plaintext?: Uint8Array };
      try {
        out = await client.send(
          new DecryptCommand({
            KeyId: keyId,
            CiphertextBlob: Buffer.from(sealed.ciphertext, 'base64'),
            EncryptionContext: identityEncryptionContext(caseId),
          }),
        );
      } catch (error) {
        // Wrong case or purpose, tampering, or another key: KMS says which, never what.
        if (error instanceof KMSServiceException && UNREADABLE.has(error.name)) {
          throw new IdentityUnreadableError(caseId, `${error.name} (sealed under ${sealed.keyId})`, { cause: error });
        }
        throw error;
      }
      if (!out.Plaintext) throw new Error(`KMS Decrypt under ${keyId} returned no plaintext`);
      return Buffer.from(out.Plaintext).toString('utf8');
    },
  };
}

/** KMS's answers for a ciphertext that does not open under this key and context (not throttling or outages). */
const UNREADABLE = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);
