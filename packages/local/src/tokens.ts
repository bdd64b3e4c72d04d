/**
 * Dev tokens shaped like Cognito access tokens, and their verification as the API Gateway
 * JWT authorizer does it (signature by a key of the set, named by `kid`; exp/nbf/iat; iss;
 * aud or client_id among the audiences; access tokens only).
 *
 * A person's token carries their groups and, in `scope`, the scopes of every route their
 * roles may call (`roleScopes`), as the pre-token-generation trigger adds them in AWS. A
 * machine client's token (client credentials) carries no user, no groups, and the scopes it
 * asked for. The subject is derived from the roles (or client) and unit, so asking again
 * gives the same `sub`, and an Idempotency-Key stays the same caller's across runs.
 *
 * The ES256 key pair is generated on first start and kept in `<dataDir>/jwt-key.json`,
 * so tokens stay valid across restarts; with no data folder it lives in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  allScopes,
  RESOURCE_SERVER_ID,
  type Role,
  roleScopes,
  type ServiceManifest,
  tokenScope,
} from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import {
  type CryptoKey,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
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

/** Seconds a token's `iat` may lie ahead of this clock, as between two servers' clocks. */
export const CLOCK_SKEW_SECONDS = 30;
/** The scope Cognito gives every user signing in with the user pool's own API. */
export const COGNITO_USER_SCOPE = 'aws.cognito.signin.user.admin';
/** The machine client that `roles: ['integration']` stands for. */
export const DEFAULT_MACHINE_CLIENT = 'integration';

interface TokenRequestBase {
  /** The unit whose subtree the caller may act in; omitted or null means the whole tree. */
  unitId?: string | null;
  /** `sub`; by default derived from the roles (or client) and unit, the same on every request. */
  subject?: string;
  /** Lifetime in seconds (may be negative, to make an expired token in a test). Default 1 h. */
  expiresIn?: number;
  /** Extra or overriding claims, e.g. a foreign `client_id` in a test. */
  extraClaims?: Record<string, unknown>;
}

/** A person: their roles become groups, and the scopes of their roles' routes fill `scope`. */
export interface PersonTokenRequest extends TokenRequestBase {
  /** `['integration']` alone stands for the machine client `integration` with every scope. */
  roles: readonly Role[];
}

/** A machine client (OAuth client credentials): no user, no groups, only scopes. */
export interface MachineTokenRequest extends TokenRequestBase {
  /** The client's name, like an app client in Cognito, e.g. `integration`. */
  client: string;
  /** Scopes without the `congdoan-api/` prefix; default every scope of the resource server. */
  scopes?: readonly string[];
}

export type TokenRequest = PersonTokenRequest | MachineTokenRequest;

export interface IssuedToken {
  token: string;
  /** Null only for a token made without `exp` (which the gateway refuses). */
  expiresAt: string | null;
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

  private readonly keySet: JWTVerifyGetKey;
  /** Every scope of the resource server, from the manifests' routes. */
  readonly scopes: readonly string[];

  private constructor(
    private readonly stored: StoredKey,
    private readonly privateKey: CryptoKey,
    readonly audiences: readonly string[],
    private readonly manifests: readonly ServiceManifest[],
  ) {
    this.keySet = createLocalJWKSet(this.jwks());
    this.scopes = allScopes(manifests);
  }

  /**
   * Loads the key pair from `path`, or generates and saves it there; `null` keeps it in memory.
   * `manifests` (default every service) decide the scopes tokens carry.
   */
  static async load(
    path: string | null,
    options: { audiences?: readonly string[]; manifests?: readonly ServiceManifest[] } = {},
  ): Promise<LocalTokens> {
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
    return new LocalTokens(stored, privateKey, options.audiences ?? [LOCAL_AUDIENCE], options.manifests ?? MANIFESTS);
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

  /**
   * The claims of a Cognito access token for these roles (or this client) and unit. Throws on
   * a request no Cognito token could answer: `integration` beside a person's roles, a scope
   * the resource server does not have, or scopes asked for a person.
   */
  claimsFor(request: TokenRequest, now = new Date()): JWTPayload & Record<string, unknown> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + (request.expiresIn ?? DEFAULT_TOKEN_TTL_SECONDS);
    const unit = request.unitId ?? WHOLE_TREE_UNIT;
    const machine = machineClientOf(request);
    let identity: Record<string, unknown>;
    if (machine) {
      const scopes = machine.scopes ?? this.scopes;
      const unknown = scopes.filter((s) => !this.scopes.includes(s));
      if (unknown.length > 0) throw new Error(`no such scope: ${unknown.join(', ')}`);
      identity = {
        sub: request.subject ?? stableSubject('client', [machine.client], unit),
        scope: [...new Set(scopes)].map(tokenScope).join(' '),
      };
    } else {
      const roles = [...new Set((request as PersonTokenRequest).roles)];
      if ('scopes' in request)
        throw new Error('a person’s scopes come from their roles; ask with client for a machine');
      const subject = request.subject ?? stableSubject('person', roles, unit);
      // The pre-token-generation trigger adds the scopes of the person's roles in AWS.
      const scopes = roleScopes(this.manifests, roles).map(tokenScope);
      identity = {
        sub: subject,
        scope: [COGNITO_USER_SCOPE, ...scopes].join(' '),
        'cognito:groups': roles,
        username: subject,
      };
    }
    const claims: JWTPayload & Record<string, unknown> = {
      ...identity,
      iss: this.issuerUrl,
      client_id: LOCAL_CLIENT_ID,
      token_use: 'access',
      auth_time: iat,
      iat,
      exp,
      jti: randomUUID(),
      origin_jti: randomUUID(),
      [UNIT_ID_CLAIM]: unit,
    };
    return { ...claims, ...request.extraClaims };
  }

  async issue(request: TokenRequest): Promise<IssuedToken> {
    const claims = this.claimsFor(request);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.stored.kid, typ: 'JWT' })
      .sign(this.privateKey);
    // A test may drop `exp` through extraClaims, to check that such a token is refused.
    const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : null;
    return { token, expiresAt, claims };
  }

  /**
   * Checks a bearer token the way the HTTP API's JWT authorizer does: signed by the key its
   * `kid` names in the key set, issued here, not expired, not issued in the future, with an
   * audience (aud or client_id) of the API, and an access token (an ID token is refused).
   */
  async verify(token: string | undefined, now = new Date()): Promise<VerifyResult> {
    if (!token) return { ok: false, reason: 'missing-token', message: 'no bearer token' };
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.keySet, {
        issuer: this.issuerUrl,
        algorithms: [TOKEN_ALGORITHM],
        requiredClaims: ['exp'],
        currentDate: now,
      });
      payload = verified.payload;
      if (!verified.protectedHeader.kid) return invalid('the token names no signing key (kid)');
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'token-expired', message: error.message };
      return invalid(error instanceof Error ? error.message : String(error));
    }
    if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS) {
      return invalid(`the token was issued in the future (iat ${payload.iat})`);
    }
    if (payload.token_use !== 'access') {
      return invalid(`not an access token (token_use ${JSON.stringify(payload.token_use ?? null)})`);
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

const invalid = (message: string): VerifyResult => ({ ok: false, reason: 'invalid-token', message });

/** The machine client a request asks for, if it is one: `client`, or `roles: ['integration']` alone. */
function machineClientOf(request: TokenRequest): { client: string; scopes?: readonly string[] } | undefined {
  if ('client' in request) return { client: request.client, scopes: request.scopes };
  if (!request.roles.includes('integration')) return undefined;
  if (request.roles.length > 1) {
    throw new Error('integration is a machine client’s role: ask for it alone, or as { client, scopes }');
  }
  return { client: DEFAULT_MACHINE_CLIENT };
}

/**
 * A subject derived from who asks: a person's roles (in any order) or a client's name, and
 * the unit. The same request always gets the same `sub`; another role set or unit, another.
 */
export function stableSubject(kind: 'person' | 'client', names: readonly string[], unitId: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([kind, [...new Set(names)].sort(), unitId]))
    .digest('hex');
  return `local-${digest.slice(0, 32)}`;
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
