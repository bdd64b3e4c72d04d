import { type ChangeSet, ConditionFailedError, commit, type Db, type WriteContext } from '@congdoan/ddb';

/**
 * Commits a change whose conditions say it has been made already (an item that
 * must not exist yet, a state it must still be in): true when committed, false
 * when a condition failed and nothing was written. Any other error is thrown.
 */
export async function commitOnce(db: Db, change: ChangeSet, ctx: WriteContext): Promise<boolean> {
  try {
    await commit(db, change, ctx);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
