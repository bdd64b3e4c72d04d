import { problemSchema } from '@congdoan/contracts';

/** A problem+json response of a route, documented in OpenAPI. */
export const problem = (description: string) => ({ description, schema: problemSchema });

/** The answers every route may give. */
export const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

/** Who keeps the funds: the welfare desk (and administrators). */
export const DESK = ['admin', 'welfare-officer'] as const;
/** Who reads them: the desk, and a unit's officers for their subtree. */
export const READERS = ['admin', 'officer', 'welfare-officer'] as const;
