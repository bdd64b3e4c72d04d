import { committeeHandlers } from './committee.ts';
import { dissolutionHandlers } from './dissolution.ts';
import { importHandlers } from './import.ts';
import { integrationHandlers } from './integration.ts';
import { statisticsHandlers } from './statistics.ts';

/** The areas a cold start does not load (see ../http.ts): one chunk, loaded by the first request to any of them. */
export const occasionalHandlers = {
  ...committeeHandlers,
  ...statisticsHandlers,
  ...dissolutionHandlers,
  ...importHandlers,
  ...integrationHandlers,
};
