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

/** OAuth scopes of the resource server, for machine clients (client credentials). */
export const RESOURCE_SERVER_ID = 'congdoan-api';

export const SCOPES = {
  'membership.read': 'Read members and the organisation tree',
  'membership.write': 'Create and update members and units',
  'finance.read': 'Read finance data',
  'finance.write': 'Record finance data',
} as const;

export type Scope = keyof typeof SCOPES;

/** A machine client holding any of these scopes acts with the `integration` role. */
export function scopeRoles(scopes: readonly string[]): Role[] {
  const ours = scopes.map((s) => s.replace(`${RESOURCE_SERVER_ID}/`, ''));
  return ours.some((s) => s in SCOPES) ? ['integration'] : [];
}
