import { observedHandler } from '@congdoan/http-kit';
import { createOrgDirectoryHandler } from '@congdoan/org-directory';
import { observed } from '../metrics.ts';

/** The organisation directory, mounted in finance for scope checks. */
export const handler = observedHandler(observed, createOrgDirectoryHandler('finance'));
