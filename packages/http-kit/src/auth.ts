import { type Actor, forbiddenRole, ROLES, type Role, scopeRoles } from '@congdoan/contracts';
import { noUnitScope, unauthorized } from './errors.ts';

/** JWT claims as API Gateway HTTP API hands them over (arrays may arrive flattened to `"[a b]"`). */
export type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/** Who is calling, as every use case needs it: role and unit subtree. */
export interface AuthContext {
  subject: string;
  roles: Role[];
  /** The unit whose subtree the caller may act in; null means the whole tree. */
  unitId: string | null;
  scopes: string[];
  /** A machine client (OAuth client credentials) rather than a person. */
  isMachine: boolean;
  actor: Actor;
}

/** The claim naming the caller's unit; `*` means the whole tree. */
export const UNIT_CLAIM = 'unit_id';
export const WHOLE_TREE = '*';

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * A claim that holds a list: a real array, a JSON array string, or the
 * `"[a b c]"` form API Gateway's JWT authorizer turns arrays into.
 */
export function claimList(value: JwtClaims[string]): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.map(String).filter((v) => v.length > 0);
  const text = String(value).trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    if (text.includes('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map(String).filter((v) => v.length > 0);
      } catch {
        // Not JSON: fall through to the space-separated form.
      }
    }
    return splitWords(text.slice(1, -1));
  }
  return splitWords(text);
}

const splitWords = (text: string) => text.split(/[\s,]+/).filter((v) => v.length > 0);

/**
 * Builds the caller's context from verified JWT claims (API Gateway or the local
 * gateway checked the signature). Throws 401 without a subject, 403 without a unit.
 */
export function parseAuth(claims: JwtClaims | undefined | null): AuthContext {
  const subject = claims?.sub;
  if (!claims || typeof subject !== 'string' || subject.length === 0) throw unauthorized();

  const groups = claimList(claims['cognito:groups']);
  const scopes = claimList(claims.scope);
  const roles = [...new Set([...groups.filter((g) => KNOWN_ROLES.has(g)), ...scopeRoles(scopes)])] as Role[];

  const unitClaim = claims[UNIT_CLAIM];
  if (unitClaim === undefined || unitClaim === null || String(unitClaim).trim() === '') throw noUnitScope();
  const unit = String(unitClaim).trim();
  const unitId = unit === WHOLE_TREE ? null : unit;

  const isMachine =
    scopeRoles(scopes).length > 0 && groups.length === 0 && (claims.username === undefined || claims.username === '');

  return { subject, roles, unitId, scopes, isMachine, actor: { id: subject, roles, unitId } };
}

export function hasRole(auth: Pick<AuthContext, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => auth.roles.includes(role));
}

/** Throws 403 `forbidden-role` unless the caller holds one of `roles`. */
export function requireRole(auth: Pick<AuthContext, 'roles'>, roles: readonly Role[]): void {
  if (!hasRole(auth, roles)) throw forbiddenRole(roles);
}
