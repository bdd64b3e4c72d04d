import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IDENTITY_KEY_ENV, identityCipherFromEnv } from '../../src/adapters/identity-cipher.ts';
import { localIdentityCipher } from '../../src/adapters/local-identity-cipher.ts';

const identity = JSON.stringify({ fullName: 'Trần Thị B', cccd: '024190000456', phone: '0912345678' });

describe('identityCipherFromEnv', () => {
  it('names its variables after the manifest key: INSPECTION_IDENTITY_KMS_KEY_ID and INSPECTION_IDENTITY_KEY', () => {
    expect(IDENTITY_KEY_ENV).toEqual({
      kmsKeyId: 'INSPECTION_IDENTITY_KMS_KEY_ID',
      localKey: 'INSPECTION_IDENTITY_KEY',
    });
  });

  it('uses the local key of INSPECTION_IDENTITY_KEY when no KMS key is set', async () => {
    const key = randomBytes(32);
    const cipher = identityCipherFromEnv({ INSPECTION_IDENTITY_KEY: key.toString('base64') });
    const sealed = await cipher.seal('case-1', identity);
    expect(sealed.keyId).toMatch(/^local:[0-9a-f]{16}$/);
    // The same key opens it, on its own: nothing but the key is needed after a restart.
    expect(await localIdentityCipher(key).open('case-1', sealed)).toBe(identity);
    expect(await cipher.open('case-1', sealed)).toBe(identity);
    await expect(cipher.open('case-2', sealed)).rejects.toThrow(/case-2 does not open/);
  });

  it('builds without any key, and fails on first use with an error naming both variables', async () => {
    const cipher = identityCipherFromEnv({});
    await expect(cipher.seal('case-1', identity)).rejects.toThrow(
      /No identity key is configured: set INSPECTION_IDENTITY_KMS_KEY_ID .* or INSPECTION_IDENTITY_KEY/,
    );
    await expect(cipher.open('case-1', { ciphertext: 'AA==', keyId: 'local:0' })).rejects.toThrow(
      /INSPECTION_IDENTITY_KMS_KEY_ID/,
    );
    await expect(identityCipherFromEnv({ INSPECTION_IDENTITY_KEY: '  ' }).seal('case-1', identity)).rejects.toThrow(
      /No identity key is configured/,
    );
  });

  it('refuses a local key that is not 32 bytes of base64, without repeating it', async () => {
    for (const bad of [
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      `${randomBytes(32).toString('base64url')}`,
      'not a key at all, but a sentence of forty-four',
    ]) {
      const error = await identityCipherFromEnv({ INSPECTION_IDENTITY_KEY: bad })
        .seal('case-1', identity)
        .catch((e: unknown) => e);
      expect(String(error)).toMatch(/INSPECTION_IDENTITY_KEY must hold a 32-byte key in base64/);
      expect(String(error)).not.toContain(bad);
    }
  });
});
