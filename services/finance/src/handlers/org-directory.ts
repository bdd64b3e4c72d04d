import { createOrgDirectoryHandler } from '@congdoan/org-directory';

/** The organisation directory, mounted in finance for scope checks. */
export const handler = createOrgDirectoryHandler('finance');
