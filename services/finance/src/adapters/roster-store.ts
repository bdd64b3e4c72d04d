import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  ConditionFailedError,
  commit,
  type Db,
  MAX_TRANSACTION_ITEMS,
  queryAll,
  stripKeys,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import type { ApplyOutcome, RosterMember, RosterStore } from '../app/dues/ports.ts';
import {
  type Admission,
  buildHistory,
  historyInUnit,
  type RosterChange,
  type Span,
  unitsOf,
} from '../domain/roster/history.ts';
import {
  ROSTER_CHANGE_PREFIX,
  ROSTER_KIND,
  rosterChangeKey,
  rosterEntryKey,
  rosterHeadKey,
  rosterMemberPk,
  rosterUnitPk,
} from './roster-keys.ts';

/** Enough for every concurrent delivery of one member's events to land. */
const APPLY_ATTEMPTS = 30;

export function createRosterStore(db: Db): RosterStore {
  const table = db.tableName;

  async function applyOnce(change: RosterChange, ctx: WriteContext): Promise<ApplyOutcome | 'retry'> {
    const items = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': rosterMemberPk(change.memberId) },
    });
    const kept = items.filter((i) => String(i.sk).startsWith(ROSTER_CHANGE_PREFIX)).map((i) => changeFromItem(i));
    if (kept.some((c) => c.version === change.version)) return 'duplicate';
    const head = items.find((i) => i.sk === 'HEAD') as (RosterMember & Record<string, unknown>) | undefined;

    const all = [...kept, change].sort((a, b) => a.version - b.version);
    const latest = all.at(-1)!;
    const history = buildHistory(all);
    const units = unitsOf(history);
    const removed = (head?.units ?? []).filter((u) => !units.includes(u));
    const member: RosterMember = {
      memberId: change.memberId,
      fullName: latest.fullName,
      ...history,
      units,
      changeCount: all.length,
      latestVersion: latest.version,
    };

    const writes: WriteItem[] = [
      {
        Put: {
          Item: {
            ...changeItem(change),
            ...rosterChangeKey(change.memberId, change.version),
            kind: ROSTER_KIND.change,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          Item: { ...rosterHeadKey(change.memberId), kind: ROSTER_KIND.head, ...member },
          ConditionExpression: head ? 'changeCount = :n' : 'attribute_not_exists(pk)',
          ...(head ? { ExpressionAttributeValues: { ':n': kept.length } } : {}),
        },
      },
      ...units.map(
        (unitId): WriteItem => ({
          Put: {
            Item: {
              ...rosterEntryKey(unitId, change.memberId),
              kind: ROSTER_KIND.entry,
              unitId,
              memberId: change.memberId,
              fullName: member.fullName,
              ...historyInUnit(history, unitId),
              latestVersion: member.latestVersion,
            },
          },
        }),
      ),
      ...removed.map((unitId): WriteItem => ({ Delete: { Key: rosterEntryKey(unitId, change.memberId) } })),
    ];
    if (writes.length + 1 > MAX_TRANSACTION_ITEMS) {
      throw new Error(`member ${change.memberId} belongs to too many units for one roster transaction`);
    }
    try {
      await commit(
        db,
        {
          items: writes,
          audit: [
            {
              entityType: 'roster-member',
              entityId: change.memberId,
              action: `apply-${change.kind}`,
              before: head ? { changeCount: head.changeCount, units: head.units } : null,
              after: { changeCount: member.changeCount, units, version: change.version },
            },
          ],
        },
        ctx,
      );
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionFailedError) return error.index === 0 ? 'duplicate' : 'retry';
      if (error instanceof TransactionConflictError) return 'retry';
      throw error;
    }
  }

  return {
    async apply(change, ctx) {
      for (let attempt = 1; ; attempt++) {
        const outcome = await applyOnce(change, ctx);
        if (outcome !== 'retry') return outcome;
        if (attempt >= APPLY_ATTEMPTS) {
          throw new Error(`roster change of member ${change.memberId} v${change.version} kept conflicting`);
        }
        const ceiling = Math.min(200, 5 * 2 ** Math.min(attempt, 6));
        await new Promise((r) => setTimeout(r, ceiling / 2 + Math.random() * (ceiling / 2)));
      }
    },

    async unitRoster(unitId) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': rosterUnitPk(unitId) },
        ProjectionExpression: 'memberId, fullName, spans, admissions',
      });
      return items.map((i) => ({
        memberId: String(i.memberId),
        fullName: String(i.fullName),
        spans: i.spans as Span[],
        admissions: (i.admissions as Admission[] | undefined) ?? [],
      }));
    },

    async member(memberId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: table, Key: rosterHeadKey(memberId), ConsistentRead: true }),
      );
      return Item ? stripKeys<RosterMember>(Item) : undefined;
    },
  };
}

/** The item keeps its own kind in `kind`, so the change's kind is stored as `changeKind`. */
const changeItem = ({ kind, ...change }: RosterChange) => ({ ...change, changeKind: kind });

function changeFromItem(item: Record<string, unknown>): RosterChange {
  const { changeKind, ...rest } = stripKeys<Record<string, unknown>>(item);
  return { ...rest, kind: changeKind } as unknown as RosterChange;
}
