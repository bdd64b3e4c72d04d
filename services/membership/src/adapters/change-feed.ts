import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MemberState } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { type ChangeFeed, LATE_COMMIT_MS, type StoredChange } from '../app/integration/feed.ts';
import type { MemberChange } from '../app/member-ports.ts';
import { changeKey, changeMonthKey } from './change-keys.ts';

/** The feed entry of one member save, stamped `at`; member-store.ts writes it in the save's transaction. */
export function changeEntryItem(change: Pick<MemberChange, 'before' | 'after' | 'action'>, at: Date) {
  const { before, after, action } = change;
  const iso = at.toISOString();
  const fromUnitId = before && before.member.unitId !== after.unitId ? before.member.unitId : null;
  return {
    ...changeKey(iso, after.id, after.version),
    kind: 'member-change',
    memberId: after.id,
    unitId: after.unitId,
    fromUnitId,
    version: after.version,
    action,
    at: iso,
    member: after,
  };
}

/**
 * After a commit that ended `LATE_COMMIT_MS` or more after its entry's timestamp,
 * a reader may already have passed that timestamp: write the entry again, stamped
 * now. Readers apply by version, so the repeat is harmless; a failure here is
 * left to the lag alone, never to the save, which has happened.
 */
export async function announceIfLate(db: Db, entry: ReturnType<typeof changeEntryItem>, committedAt: Date) {
  if (committedAt.getTime() - Date.parse(entry.at) < LATE_COMMIT_MS) return false;
  const iso = committedAt.toISOString();
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...entry, ...changeKey(iso, entry.memberId, entry.version), at: iso, reannounced: entry.at },
      }),
    );
    return true;
  } catch {
    return false;
  }
}

export function createChangeFeed(db: Db): ChangeFeed {
  return {
    async readMonth(month, { after, before }, limit) {
      if (after && after >= before) return { entries: [], more: false };
      // No key is a prefix of another (fixed format), so `after + ' '` is below every key after `after`.
      const range = after
        ? { cond: 'sk BETWEEN :after AND :before', values: { ':after': `${after} `, ':before': before } }
        : { cond: 'sk < :before', values: { ':before': before } };
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: `pk = :pk AND ${range.cond}`,
          ExpressionAttributeValues: { ':pk': changeMonthKey(month).pk, ...range.values },
          Limit: limit,
          // A committed entry is visible to the next page at once.
          ConsistentRead: true,
        }),
      );
      const entries = (out.Items ?? []).map(
        (i): StoredChange => ({
          key: i.sk as string,
          memberId: i.memberId as string,
          unitId: i.unitId as string,
          fromUnitId: (i.fromUnitId as string | null | undefined) ?? null,
          version: Number(i.version),
          action: i.action as string,
          at: i.at as string,
          member: i.member as MemberState,
        }),
      );
      return { entries, more: out.LastEvaluatedKey !== undefined };
    },
  };
}
