/**
 * Dev tokens shaped like Cognito access tokens, and their verification as the API Gateway
 * JWT authorizer does it (signature, exp/nbf, iss, aud or client_id among the audiences).
 *
 * The ES256 key pair is generated on first start and kept in `<dataDir>/jwt-key.json`,
 * so tokens stay valid across restarts; with no data folder it lives in memory.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RESOURCE_SERVER_ID, type Role, SCOPES } from '@congdoan/contracts';
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

export const TOKEN_ALGORITHM = 'ES256';
/** The audience the authorizer accepts: the resource server (the app client id in Cognito). */
export const LOCAL_AUDIENCE = RESOURCE_SERVER_ID;
/** The app client that local tokens say issued them. */
export const LOCAL_CLIENT_ID = RESOURCE_SERVER_ID;
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** The claim naming the caller's unit; `*` is the whole tree (as http-kit reads it). */
export const UNIT_ID_CLAIM = 'unit_id';
export const WHOLE_TREE_UNIT = '*';

export interface TokenRequest {
  roles: readonly Role[];
  /** The unit whose subtree the caller may act in; omitted or null means the whole tree. */
  unitId?: string | null;
  /** `sub`; defaults to a fresh `local-<uuid>`. */
  subject?: string;
  /** Lifetime in seconds (may be negative, to make an expired token in a test). Default 1 h. */
  expiresIn?: number;
  /** Extra or overriding claims, e.g. a foreign `client_id` in a test. */
  extraClaims?: Record<string, unknown>;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
  claims: JWTPayload & Record<string, unknown>;
}

export type VerifyFailure = 'missing-token' | 'invalid-token' | 'token-expired' | 'wrong-audience';

export type VerifyResult =
  | { ok: true; claims: JWTPayload & Record<string, unknown> }
  | { ok: false; reason: VerifyFailure; message: string };

interface StoredKey {
  alg: typeof TOKEN_ALGORITHM;
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: string;
}

export class LocalTokens {
  private issuerUrl = 'http://127.0.0.1/_local';

  private constructor(
    private readonly stored: StoredKey,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly audiences: readonly string[],
  ) {}

  /** Loads the key pair from `path`, or generates and saves it there; `null` keeps it in memory. */
  static async load(path: string | null, audiences: readonly string[] = [LOCAL_AUDIENCE]): Promise<LocalTokens> {
    let stored = path && existsSync(path) ? readKey(path) : undefined;
    if (!stored) {
      const pair = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
      const kid = `local-${randomUUID().slice(0, 8)}`;
      stored = {
        alg: TOKEN_ALGORITHM,
        kid,
        privateJwk: await exportJWK(pair.privateKey),
        publicJwk: await exportJWK(pair.publicKey),
        createdAt: new Date().toISOString(),
      };
      if (path) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
      }
    }
    const privateKey = (await importJWK(stored.privateJwk, TOKEN_ALGORITHM)) as CryptoKey;
    const publicKey = (await importJWK(stored.publicJwk, TOKEN_ALGORITHM)) as CryptoKey;
    return new LocalTokens(stored, privateKey, publicKey, audiences);
  }

  /** `http://127.0.0.1:<port>/_local`, known once the gateway listens. */
  get issuer(): string {
    return this.issuerUrl;
  }

  setIssuer(issuer: string): void {
    this.issuerUrl = issuer;
  }

  get keyId(): string {
    return this.stored.kid;
  }

  /** The public key set, as Cognito publishes it at `/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.stored.publicJwk, kid: this.stored.kid, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  }

  /** The claims of a Cognito access token for these roles and unit. */
  claimsFor(request: TokenRequest, now = new Date()): JWTPayload & Record<string, unknown> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + (request.expiresIn ?? DEFAULT_TOKEN_TTL_SECONDS);
    const subject = request.subject ?? `local-${randomUUID()}`;
    const groups = [...new Set(request.roles.filter((r) => r !== 'integration'))];
    const machine = request.roles.includes('integration');
    // A machine client (client credentials) gets resource-server scopes instead of groups.
    const scope = machine
      ? Object.keys(SCOPES)
          .map((s) => `${RESOURCE_SERVER_ID}/${s}`)
          .join(' ')
      : 'aws.cognito.signin.user.admin';
    const claims: JWTPayload & Record<string, unknown> = {
      sub: subject,
      iss: this.issuerUrl,
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      scope,
      auth_time: iat,
      iat,
      exp,
      jti: randomUUID(),
      origin_jti: randomUUID(),
      [UNIT_ID_CLAIM]: request.unitId ?? WHOLE_TREE_UNIT,
    };
    if (groups.length > 0) {
      claims['cognito:groups'] = groups;
      claims.username = subject;
    }
    return { ...claims, ...request.extraClaims };
  }

  async issue(request: TokenRequest): Promise<IssuedToken> {
    const claims = this.claimsFor(request);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.stored.kid, typ: 'JWT' })
      .sign(this.privateKey);
    return { token, expiresAt: new Date(Number(claims.exp) * 1000).toISOString(), claims };
  }

  /** Checks a bearer token the way the HTTP API's JWT authorizer does. */
  async verify(token: string | undefined): Promise<VerifyResult> {
    if (!token) return { ok: false, reason: 'missing-token', message: 'no bearer token' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuerUrl,
        algorithms: [TOKEN_ALGORITHM],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'token-expired', message: error.message };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: 'invalid-token', message };
    }
    const audiences = [
      ...(Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : []),
      ...(typeof payload.client_id === 'string' ? [payload.client_id] : []),
    ];
    if (!audiences.some((a) => this.audiences.includes(a))) {
      return { ok: false, reason: 'wrong-audience', message: `aud/client_id ${JSON.stringify(audiences)}` };
    }
    return { ok: true, claims: payload as JWTPayload & Record<string, unknown> };
  }
}

function readKey(path: string): StoredKey {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
    if (stored.alg !== TOKEN_ALGORITHM || !stored.privateJwk || !stored.publicJwk || !stored.kid) {
      throw new Error('unexpected shape');
    }
    return stored;
  } catch (error) {
    throw new Error(`the local signing key ${path} is unreadable; delete it to make a new one`, { cause: error });
  }
}

/**
 * Claims as API Gateway hands them to the function: every value a string, and a list as
 * `"[a b]"` (that is what the HTTP API's JWT authorizer does to arrays).
 */
export function claimsForLambda(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[key] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') out[key] = JSON.stringify(value);
    else out[key] = String(value);
  }
  return out;
}

/** The scopes API Gateway lists in `authorizer.jwt.scopes`: the `scope` claim split on spaces. */
export function scopesOf(claims: Record<string, unknown>): string[] | null {
  const scope = claims.scope ?? claims.scp;
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  if (Array.isArray(scope)) return scope.map(String);
  return null;
}
