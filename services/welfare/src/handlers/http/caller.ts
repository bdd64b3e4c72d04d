import type { WriteContext } from '@congdoan/ddb';

/** What a use case needs to know of the caller. */
export const caller = (req: { auth: { unitId: string | null }; write: WriteContext }) => ({
  unitId: req.auth.unitId,
  write: req.write,
});
