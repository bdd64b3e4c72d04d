import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localIdentityCipher } from '../../src/adapters/local-identity-cipher.ts';
import { IDENTITY_MAX_BYTES, IdentityTooLargeError, IdentityUnreadableError } from '../../src/app/case-ports.ts';

const identity = JSON.stringify({ fullName: 'Nguyễn Văn A', cccd: '024190000123' });

describe('localIdentityCipher', () => {
  const cipher = localIdentityCipher(randomBytes(32));

  it('opens what it sealed for the same case, and the ciphertext carries nothing readable', async () => {
    const sealed = await cipher.seal('case-1', identity);
    expect(sealed.keyId).toMatch(/^local:[0-9a-f]{16}$/);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).not.toContain('024190000123');
    expect(await cipher.open('case-1', sealed)).toBe(identity);
  });

  it('does not open a ciphertext moved to another case, tampered with, or sealed under another key', async () => {
    const sealed = await cipher.seal('case-1', identity);
    await expect(cipher.open('case-2', sealed)).rejects.toThrow();
    const raw = Buffer.from(sealed.ciphertext, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    await expect(cipher.open('case-1', { ...sealed, ciphertext: raw.toString('base64') })).rejects.toThrow();
    await expect(localIdentityCipher(randomBytes(32)).open('case-1', sealed)).rejects.toThrow(/not this key/);
  });

  it('says a ciphertext does not open with the one error class, naming the case and not the identity', async () => {
    const sealed = await cipher.seal('case-1', identity);
    const error = await cipher.open('case-2', sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityUnreadableError);
    expect(String(error)).toContain('case-2');
    expect(String(error)).not.toContain('024190000123');
  });

  it('seals at most IDENTITY_MAX_BYTES of UTF-8, as KMS does in AWS', async () => {
    const fits = 'ễ'.repeat(IDENTITY_MAX_BYTES / 4) + 'a'.repeat(IDENTITY_MAX_BYTES / 4);
    expect(Buffer.byteLength(fits)).toBe(IDENTITY_MAX_BYTES);
    expect(await cipher.open('case-1', await cipher.seal('case-1', fits))).toBe(fits);
    await expect(cipher.seal('case-1', `${fits}a`)).rejects.toThrow(IdentityTooLargeError);
    await expect(cipher.seal('case-1', `${fits}a`)).rejects.toThrow(/4097 bytes is over the 4096/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => localIdentityCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
