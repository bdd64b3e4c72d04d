import { problemSchema } from '@congdoan/contracts';

/** A problem+json response of a route, documented in OpenAPI. */
export const problem = (description: string) => ({ description, schema: problemSchema });

/** The answers every authenticated route may give. */
export const authProblems = {
  401: problem('Missing or invalid token'),
  403: problem('The caller lacks the role'),
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
