import { problemSchema, type RouteDefinition, scopeArea } from '@congdoan/contracts';

/** A problem+json response of a route, documented in OpenAPI. */
export const problem = (description: string) => ({ description, schema: problemSchema });

/** The answers every authenticated route may give. */
export const authProblems = {
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

/** Who may change members and committees. */
export const WRITERS = ['admin', 'officer', 'integration'] as const;

/** Who may read them (personal fields are masked per role). */
export const READERS = [
  'admin',
  'officer',
  'accountant',
  'inspector',
  'emulation-officer',
  'welfare-officer',
  'integration',
] as const;

type Scoped = Pick<RouteDefinition, 'method' | 'scopes'>;

/**
 * The organisation: units, their committees and officers, statistics and dissolutions.
 * Its routes need `membership.units.read` (GET) or `membership.units.write`. No personal record.
 */
export const unitsArea = <const R extends readonly Scoped[]>(routes: R): R => scopeArea('membership.units', routes);

/**
 * Members' records: applications and their life cycle, lookups, imports, exports, bulk upsert
 * and the change feed. Its routes need `membership.members.read` (GET) or `membership.members.write`.
 */
export const membersArea = <const R extends readonly Scoped[]>(routes: R): R => scopeArea('membership.members', routes);
