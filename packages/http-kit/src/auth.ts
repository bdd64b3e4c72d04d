import {
  type Actor,
  forbiddenRole,
  ROLES,
  type Role,
  type RouteDefinition,
  routeScopes,
  scopeRoles,
  tokenScope,
} from '@congdoan/contracts';
import { insufficientScope, noUnitScope, unauthorized } from './errors.ts';

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
  /**
   * The member record linked to the person's account (`member_id` claim), when the token names
   * one: who they are as a member, e.g. an inspector assigned to a case. Absent otherwise.
   */
  memberId?: string;
}

/** The claim naming the caller's unit; `*` means the whole tree. */
export const UNIT_CLAIM = 'unit_id';
export const WHOLE_TREE = '*';
/** The claim naming the member record linked to a person's account. */
export const MEMBER_CLAIM = 'member_id';

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
 *
 * A person's roles are their groups. A machine client is a token with no user (no
 * `username`, no groups) holding a scope of our resource server: it acts as `integration`.
 * A person's token carries our scopes too (those of their roles), which never make them one.
 */
export function parseAuth(claims: JwtClaims | undefined | null): AuthContext {
  const subject = claims?.sub;
  if (!claims || typeof subject !== 'string' || subject.length === 0) throw unauthorized();

  const groups = claimList(claims['cognito:groups']);
  const scopes = claimList(claims.scope);
  const isMachine =
    groups.length === 0 && (claims.username === undefined || claims.username === '') && scopeRoles(scopes).length > 0;
  const roles = isMachine ? scopeRoles(scopes) : ([...new Set(groups.filter((g) => KNOWN_ROLES.has(g)))] as Role[]);

  const unitClaim = claims[UNIT_CLAIM];
  if (unitClaim === undefined || unitClaim === null || String(unitClaim).trim() === '') throw noUnitScope();
  const unit = String(unitClaim).trim();
  const unitId = unit === WHOLE_TREE ? null : unit;

  const memberClaim = isMachine ? undefined : claims[MEMBER_CLAIM];
  const memberId = typeof memberClaim === 'string' && memberClaim.trim() !== '' ? memberClaim.trim() : undefined;
  return {
    subject,
    roles,
    unitId,
    scopes,
    isMachine,
    actor: { id: subject, roles, unitId },
    ...(memberId ? { memberId } : {}),
  };
}

/**
 * The JWT authorizer's scope rule for a route: the token (its `scope` claim, as a list) must
 * hold at least one of `routeScopes(service, route)`, written `congdoan-api/<scope>`. Returns
 * the 403 `insufficient-scope` to answer, or undefined when the token may call the route.
 * http-kit's route stack and the local gateway both call it, so they refuse alike.
 */
export function routeScopeRefusal(
  service: string,
  route: Pick<RouteDefinition, 'method' | 'scopes'>,
  tokenScopes: readonly string[],
) {
  const needed = routeScopes(service, route).map(tokenScope);
  return needed.some((scope) => tokenScopes.includes(scope)) ? undefined : insufficientScope(needed);
}

export function hasRole(auth: Pick<AuthContext, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => auth.roles.includes(role));
}

/** Throws 403 `forbidden-role` unless the caller holds one of `roles`. */
export function requireRole(auth: Pick<AuthContext, 'roles'>, roles: readonly Role[]): void {
  if (!hasRole(auth, roles)) throw forbiddenRole(roles);
}
