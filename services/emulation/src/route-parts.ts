import { problemSchema } from '@congdoan/contracts';

/** A problem+json response of a route, documented in OpenAPI. */
export const problem = (description: string) => ({ description, schema: problemSchema });

/** The answers every route may give. */
export const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

/** Who runs emulation: the emulation desk, a unit's officers, administrators. */
export const EMULATION_STAFF = ['admin', 'officer', 'emulation-officer'] as const;
