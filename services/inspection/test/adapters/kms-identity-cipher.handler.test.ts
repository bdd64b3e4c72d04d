import { createHash, randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  type DecryptCommandInput,
  EncryptCommand,
  type EncryptCommandInput,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  KMSInternalException,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { identityCipherFromEnv } from '../../src/adapters/identity-cipher.ts';
import { kmsIdentityCipher } from '../../src/adapters/kms-identity-cipher.ts';
import { IDENTITY_MAX_BYTES, IdentityTooLargeError, IdentityUnreadableError } from '../../src/app/case-ports.ts';

/**
 * The KMS identity cipher against KMS replaced by aws-sdk-client-mock. The mock keeps what KMS
 * keeps: each ciphertext opens only under the key that made it and the very encryption context
 * it was made with (InvalidCiphertextException otherwise, IncorrectKeyException for a Decrypt
 * pinned to another key), so what is tested is what the adapter sends.
 */

const KEY_ARN = 'arn:aws:kms:ap-southeast-1:111122223333:key/0b8f4c6e-1d2a-4e6b-9c3d-5f7a8b9c0d1e';
const OTHER_KEY_ARN = 'arn:aws:kms:ap-southeast-1:111122223333:key/7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928';
const identity = JSON.stringify({ fullName: 'Lê Văn C', cccd: '024190000789', address: 'Xã Tân Dĩnh, Bắc Giang' });

const kms = mockClient(KMSClient);
const sealedByKms = new Map<string, { keyId: string; plaintext: Uint8Array; context: string }>();
const fingerprint = (blob: Uint8Array) => createHash('sha256').update(blob).digest('hex');
const contextOf = (context: Record<string, string> | undefined) =>
  JSON.stringify(Object.entries(context ?? {}).sort(([a], [b]) => a.localeCompare(b)));

beforeEach(() => {
  kms.reset();
  sealedByKms.clear();
  kms.on(EncryptCommand).callsFake((input: EncryptCommandInput) => {
    const blob = randomBytes(48);
    sealedByKms.set(fingerprint(blob), {
      keyId: KEY_ARN,
      plaintext: Uint8Array.from(input.Plaintext ?? []),
      context: contextOf(input.EncryptionContext),
    });
    return { CiphertextBlob: blob, KeyId: KEY_ARN, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  });
  kms.on(DecryptCommand).callsFake((input: DecryptCommandInput) => {
    const entry = sealedByKms.get(fingerprint(input.CiphertextBlob ?? new Uint8Array()));
    if (entry && input.KeyId && input.KeyId !== entry.keyId)
      throw new IncorrectKeyException({
        message: 'The key ID in the request does not identify the key',
        $metadata: {},
      });
    if (!entry || entry.context !== contextOf(input.EncryptionContext))
      throw new InvalidCiphertextException({ message: '', $metadata: {} });
    return { Plaintext: entry.plaintext, KeyId: entry.keyId, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  });
});

describe('kmsIdentityCipher', () => {
  const cipher = kmsIdentityCipher(KEY_ARN, new KMSClient({ region: 'ap-southeast-1' }));

  it('encrypts under its key with the case and purpose as encryption context, and decrypts pinned to that key with the same', async () => {
    const sealed = await cipher.seal('case-1', identity);
    expect(sealed.keyId).toBe(KEY_ARN);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('024190000789');
    const [encrypt] = kms.commandCalls(EncryptCommand);
    expect(encrypt?.args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      EncryptionContext: { caseId: 'case-1', purpose: 'denouncer-identity' },
    });
    expect(Buffer.from(encrypt?.args[0].input.Plaintext ?? []).toString('utf8')).toBe(identity);

    expect(await cipher.open('case-1', sealed)).toBe(identity);
    const [decrypt] = kms.commandCalls(DecryptCommand);
    expect(decrypt?.args[0].input).toMatchObject({
      KeyId: KEY_ARN,
      EncryptionContext: { caseId: 'case-1', purpose: 'denouncer-identity' },
    });
    expect(Buffer.from(decrypt?.args[0].input.CiphertextBlob ?? []).toString('base64')).toBe(sealed.ciphertext);
  });

  it('does not open a ciphertext moved to another case: the mismatching context fails in KMS', async () => {
    const sealed = await cipher.seal('case-1', identity);
    const error = await cipher.open('case-2', sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityUnreadableError);
    expect((error as Error).message).toMatch(/case-2 does not open: InvalidCiphertextException/);
    expect((error as Error).cause).toBeInstanceOf(InvalidCiphertextException);
    expect(String(error)).not.toContain('024190000789');
    expect(kms.commandCalls(DecryptCommand)[0]?.args[0].input.EncryptionContext).toEqual({
      caseId: 'case-2',
      purpose: 'denouncer-identity',
    });
  });

  it('does not open under another key: the Decrypt is pinned to the configured one', async () => {
    const sealed = await cipher.seal('case-1', identity);
    const other = kmsIdentityCipher(OTHER_KEY_ARN, new KMSClient({ region: 'ap-southeast-1' }));
    const error = await other.open('case-1', sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityUnreadableError);
    expect((error as Error).message).toMatch(/IncorrectKeyException/);
    expect(kms.commandCalls(DecryptCommand)[0]?.args[0].input.KeyId).toBe(OTHER_KEY_ARN);
  });

  it('lets KMS outages through as they are, for the caller to retry', async () => {
    const sealed = await cipher.seal('case-1', identity);
    kms.on(DecryptCommand).rejects(new KMSInternalException({ message: 'internal', $metadata: {} }));
    const error = await cipher.open('case-1', sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KMSInternalException);
    expect(error).not.toBeInstanceOf(IdentityUnreadableError);
  });

  it('seals up to KMS’s 4 KiB of UTF-8 and refuses more before calling KMS, naming the size only', async () => {
    const fits = 'Ư'.repeat(IDENTITY_MAX_BYTES / 2);
    expect(Buffer.byteLength(fits)).toBe(IDENTITY_MAX_BYTES);
    expect(await cipher.open('case-1', await cipher.seal('case-1', fits))).toBe(fits);
    kms.resetHistory();
    const error = await cipher.seal('case-1', `${fits}Ư`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityTooLargeError);
    expect((error as Error).message).toBe(
      "an identity of 4098 bytes is over the 4096 bytes a cipher seals (KMS's limit)",
    );
    expect(kms.commandCalls(EncryptCommand)).toHaveLength(0);
  });
});

describe('identityCipherFromEnv with INSPECTION_IDENTITY_KMS_KEY_ID', () => {
  it('seals and reveals through KMS under that key, even where a local key is also set', async () => {
    const cipher = identityCipherFromEnv({
      INSPECTION_IDENTITY_KMS_KEY_ID: KEY_ARN,
      INSPECTION_IDENTITY_KEY: randomBytes(32).toString('base64'),
    });
    const sealed = await cipher.seal('case-9', identity);
    expect(sealed.keyId).toBe(KEY_ARN);
    expect(await cipher.open('case-9', sealed)).toBe(identity);
    expect(kms.commandCalls(EncryptCommand).map((c) => c.args[0].input.KeyId)).toEqual([KEY_ARN]);
    expect(kms.commandCalls(DecryptCommand).map((c) => c.args[0].input.EncryptionContext)).toEqual([
      { caseId: 'case-9', purpose: 'denouncer-identity' },
    ]);
  });
});
