import { problemSchema } from '@congdoan/contracts';

/** A problem+json response of a route, documented in OpenAPI. */
export const problem = (description: string) => ({ description, schema: problemSchema });

/** The answers every authenticated route may give. */
export const authProblems = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

/** Who keeps a unit's money: records collections, payments, postings. */
export const FINANCE_WRITERS = ['admin', 'accountant'] as const;

/** Who may read a unit's finance figures. */
export const FINANCE_READERS = ['admin', 'accountant', 'officer', 'inspector', 'integration'] as const;
