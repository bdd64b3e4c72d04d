/**
 * Roles a caller may hold. A user gets them from Cognito groups; a machine client
 * from its OAuth scopes (see `scopeRoles`). Every use case checks a role and the
 * caller's unit subtree.
 */
export const ROLES = [
  'admin', // upper-level staff administering the organisation in their subtree
  'officer', // grassroots union officer (chair, vice-chair, committee member)
  'accountant', // keeps a unit's books
  'inspector', // inspection committee (UBKT)
  'emulation-officer', // emulation and awards desk
  'welfare-officer', // welfare fund desk
  'member', // a union member seeing their own record
  'integration', // a provincial system integrating machine to machine
] as const;

export type Role = (typeof ROLES)[number];

/** The Cognito resource server whose OAuth scopes the API's routes require. */
export const RESOURCE_SERVER_ID = 'congdoan-api';

/** A scope as Cognito writes it in an access token's `scope` claim: `congdoan-api/membership.members.write`. */
export const tokenScope = (scope: string): string => `${RESOURCE_SERVER_ID}/${scope}`;

/** The scopes of our resource server among a token's, without the prefix; Cognito's own and other servers' are dropped. */
export function resourceScopes(tokenScopes: readonly string[]): string[] {
  const prefix = tokenScope('');
  return tokenScopes.filter((s) => s.startsWith(prefix) && s.length > prefix.length).map((s) => s.slice(prefix.length));
}

/**
 * The roles a machine client (a client-credentials token: no user, no groups) acts with:
 * `integration` when it holds any scope of our resource server. Which routes it may call is
 * decided per route by its scopes (`routeScopes`), as the JWT authorizer does.
 */
export function scopeRoles(tokenScopes: readonly string[]): Role[] {
  return resourceScopes(tokenScopes).length > 0 ? ['integration'] : [];
}
