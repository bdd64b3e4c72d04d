import { randomUUID } from 'node:crypto';
import type { WriteContext } from '@congdoan/ddb';

/** An accountant acting in `unitId`'s subtree (null: the whole tree) at `now`: the caller of the app's use cases. */
export function accountantIn(
  unitId: string | null,
  now: Date | string,
  id = 'accountant-1',
): { unitId: string | null; write: WriteContext } {
  const at = new Date(now);
  return {
    unitId,
    write: {
      actor: { id, roles: ['accountant'], unitId },
      correlationId: randomUUID(),
      now: () => at,
      newId: randomUUID,
    },
  };
}
