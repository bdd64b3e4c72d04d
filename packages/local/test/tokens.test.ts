/**
 * The local token check against Cognito's and the JWT authorizer's rules: tokens signed
 * with the platform's own key, but with a claim or header no Cognito access token has.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS, LocalTokens, TOKEN_ALGORITHM } from '../src/tokens.ts';
import { stubManifest } from './stub-service.ts';

const dir = mkdtempSync(join(tmpdir(), 'local-tokens-'));
const keyFile = join(dir, 'jwt-key.json');
let tokens: LocalTokens;
let sign: (claims: JWTPayload, header?: { kid?: string }) => Promise<string>;

beforeAll(async () => {
  tokens = await LocalTokens.load(keyFile, { manifests: [stubManifest] });
  tokens.setIssuer('http://127.0.0.1:4199/_local');
  // The same private key the platform signs with, to forge what only the claims make wrong.
  const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: Parameters<typeof importJWK>[0] };
  const key = await importJWK(stored.privateJwk, TOKEN_ALGORITHM);
  sign = (claims, header = { kid: tokens.keyId }) =>
    new SignJWT(claims).setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT', ...header }).sign(key);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = () => Math.floor(Date.now() / 1000);
const valid = (): JWTPayload => tokens.claimsFor({ roles: ['admin'] });

describe('LocalTokens.verify refuses what the authorizer refuses', () => {
  it('accepts a well-formed access token signed by the key its kid names', async () => {
    expect(await tokens.verify(await sign(valid()))).toMatchObject({ ok: true });
  });

  it('refuses a signed token with no exp', async () => {
    const { exp: _, ...claims } = valid();
    expect(await tokens.verify(await sign(claims))).toMatchObject({
      ok: false,
      reason: 'invalid-token',
      message: expect.stringContaining('exp'),
    });
  });

  it('refuses a token issued in the future beyond the clock skew, and accepts one within it', async () => {
    const ahead = await sign({ ...valid(), iat: now() + CLOCK_SKEW_SECONDS + 60 });
    expect(await tokens.verify(ahead)).toMatchObject({
      ok: false,
      reason: 'invalid-token',
      message: expect.stringContaining('future'),
    });
    expect(await tokens.verify(await sign({ ...valid(), iat: now() + 5 }))).toMatchObject({ ok: true });
  });

  it('refuses a token whose kid is not in the key set, or that names no key', async () => {
    const unknown = await tokens.verify(await sign(valid(), { kid: 'local-00000000' }));
    expect(unknown).toMatchObject({ ok: false, reason: 'invalid-token' });
    const none = await tokens.verify(await sign(valid(), {}));
    expect(none).toMatchObject({ ok: false, reason: 'invalid-token', message: expect.stringContaining('kid') });
  });

  it('refuses an ID token, and a token that says nothing of its use', async () => {
    const id = await tokens.verify(await sign({ ...valid(), token_use: 'id', aud: 'congdoan-api' }));
    expect(id).toMatchObject({ ok: false, reason: 'invalid-token', message: expect.stringContaining('access') });
    const { token_use: _, ...unnamed } = valid();
    expect(await tokens.verify(await sign(unnamed))).toMatchObject({ ok: false, reason: 'invalid-token' });
  });

  it('still tells an expired token apart', async () => {
    const expired = await sign({ ...valid(), iat: now() - 7200, exp: now() - 3600 });
    expect(await tokens.verify(expired)).toMatchObject({ ok: false, reason: 'token-expired' });
  });

  it('keeps the key, and so the subjects, across a restart', async () => {
    const again = await LocalTokens.load(keyFile, { manifests: [stubManifest] });
    again.setIssuer('http://127.0.0.1:4199/_local');
    expect(await again.verify((await tokens.issue({ roles: ['officer'], unitId: 'U-1' })).token)).toMatchObject({
      ok: true,
    });
    expect(again.claimsFor({ roles: ['officer'], unitId: 'U-1' }).sub).toBe(
      tokens.claimsFor({ roles: ['officer'], unitId: 'U-1' }).sub,
    );
  });
});
