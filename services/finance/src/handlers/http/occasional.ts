import { levyHandlers } from './levy.ts';
import { policyHandlers } from './policy.ts';
import { reconciliationHandlers } from './reconciliation.ts';
import { reportsHandlers } from './reports.ts';

/** The areas a cold start does not load (see ../http.ts): one chunk, loaded by the first request to any of them. */
export const occasionalHandlers = {
  ...policyHandlers,
  ...levyHandlers,
  ...reconciliationHandlers,
  ...reportsHandlers,
};
