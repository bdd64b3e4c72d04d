import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  assertSealable,
  type IdentityCipher,
  IdentityUnreadableError,
  type SealedIdentity,
} from '../app/case-ports.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The local identity cipher: AES-256-GCM under a 32-byte key that lives outside the table (a
 * key file of the local platform, a fresh key in tests), the case id as additional data. In AWS
 * a KMS key does this job. The stored form is iv ‖ tag ‖ ciphertext, base64.
 */
export function localIdentityCipher(key: Buffer): IdentityCipher {
  if (key.length !== 32) throw new Error('the local identity key must be 32 bytes');
  const keyId = `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  return {
    async seal(caseId: string, plaintext: string): Promise<SealedIdentity> {
      assertSealable(plaintext);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(caseId, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'), keyId };
    },
    async open(caseId: string, sealed: SealedIdentity): Promise<string> {
      if (sealed.keyId !== keyId)
        throw new IdentityUnreadableError(caseId, `sealed under ${sealed.keyId}, not this key (${keyId})`);
      const raw = Buffer.from(sealed.ciphertext, 'base64');
      try {
        const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(caseId, 'utf8'));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch (cause) {
        // Another case's ciphertext, or a tampered one: the tag does not authenticate.
        throw new IdentityUnreadableError(caseId, 'it does not authenticate under this key and case', { cause });
      }
    },
  };
}
