import { problemSchema } from '@congdoan/contracts';

/** A problem+json response of a route, documented in OpenAPI. */
export const problem = (description: string) => ({ description, schema: problemSchema });

/** The answers every route may give. */
export const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

/** Who does the inspection committee's work. */
export const INSPECTORS = ['admin', 'inspector'] as const;
/** Who reads it: the committee, and a unit's officers for what concerns their unit. */
export const READERS = ['admin', 'officer', 'inspector'] as const;
