import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, type Case, type CaseDeadline } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, queryPage, stripKeys, type WriteItem } from '@congdoan/ddb';
import type {
  BoardEntry,
  CaseClassFigures,
  CaseFigures,
  CaseStore,
  CaseYearFigures,
  SealedIdentity,
  SignalEntry,
} from '../app/case-ports.ts';
import { CASE_CLASSES } from '../app/case-ports.ts';
import { datedBefore } from './date-index.ts';
import {
  BOARD_SK_PREFIX,
  boardEntryKey,
  CASE_BOARD_PREFIX,
  CASE_SIGNAL_PK,
  caseBoardIndex,
  caseIdentityKey,
  caseKey,
  caseSignalIndex,
  unitCasesIndex,
} from './keys.ts';
import { type Labelled, versioned, write } from './writes.ts';

export const caseItem = (c: Case) => ({
  ...caseKey(c.id),
  kind: 'case',
  ...unitCasesIndex(c.handlingUnitId, c.receivedOn, c.id),
  ...c,
});

/** The audit image of a case: the case as the API shows it, which never holds the person. */
const auditImage = (c: Case | null) => c;

/** The day after `day`: the exclusive end of a range of days. */
const dayAfter = (day: string) => addDays(day, 1);

/**
 * The index entries an open deadline has: one per unit of the handling unit's chain (the board
 * of any unit above finds it in its own partition), the handling unit's also carrying the signal
 * index for the daily announcements.
 */
export function boardItems(c: Case, d: CaseDeadline, chain: readonly string[]): Record<string, unknown>[] {
  return chain.map((unitId) => ({
    ...boardEntryKey(c.id, d.kind, unitId),
    kind: 'case-deadline',
    ...caseBoardIndex(unitId, d.dueDate, c.id, d.kind),
    ...(unitId === c.handlingUnitId ? { ...caseSignalIndex(d.dueSoonFrom, c.id, d.kind), next: 'approaching' } : {}),
    caseId: c.id,
    class: c.class,
    handlingUnitId: c.handlingUnitId,
    deadlineKind: d.kind,
    dueDate: d.dueDate,
    dayKind: d.dayKind,
    unitId,
  }));
}

const entryOf = (item: Record<string, unknown>): BoardEntry => ({
  caseId: String(item.caseId),
  class: item.class as BoardEntry['class'],
  handlingUnitId: String(item.handlingUnitId),
  kind: item.deadlineKind as BoardEntry['kind'],
  dueDate: String(item.dueDate),
  dayKind: item.dayKind as BoardEntry['dayKind'],
});

/**
 * The index writes that take a case's entries from `existing` to the open deadlines of `after`
 * under `chain`: an entry whose deadline, due date and unit stay is left alone (so what the daily
 * run announced stays announced); the others are deleted or put.
 */
function reindex(after: Case, chain: readonly string[], existing: readonly Record<string, unknown>[]): WriteItem[] {
  const open = after.deadlines.filter((d) => d.status === 'open');
  const wanted = new Map(
    open.flatMap((d) => boardItems(after, d, chain)).map((item) => [String(item.sk), item] as const),
  );
  const writes: WriteItem[] = [];
  for (const item of existing) {
    const keep = wanted.get(String(item.sk));
    if (keep && keep.dueDate === item.dueDate) wanted.delete(String(item.sk));
    else if (!keep) writes.push({ Delete: { Key: { pk: item.pk, sk: item.sk } } });
  }
  for (const item of wanted.values()) writes.push({ Put: { Item: item } });
  return writes;
}

const emptyFigures = (): CaseClassFigures => ({
  received: 0,
  accepted: 0,
  refused: 0,
  transferred: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  open: 0,
});

/** Cases, their sealed identities, their deadline index, and the annual figures the report reads. */
export function createCaseStore(db: Db): CaseStore & CaseFigures {
  const existingEntries = (caseId: string) =>
    queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': BOARD_SK_PREFIX },
    });

  const receivedBy = async (handlingUnitId: string, lastDay: string) => {
    const { gsi1pk } = unitCasesIndex(handlingUnitId, '', '');
    const items = await queryAll(db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :end',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':end': dayAfter(lastDay) },
    });
    return items.map((i) => stripKeys<Case>(i));
  };

  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: caseKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<Case>(Item) : undefined;
    },

    async create({ record, identity, unitChain, events }, ctx) {
      const items: Labelled[] = [
        ['record', versioned(caseItem(record), 0)],
        ...(identity
          ? [['other', versioned({ ...caseIdentityKey(record.id), kind: 'case-identity', ...identity }, 0)] as Labelled]
          : []),
        ...reindex(record, unitChain, []).map((w): Labelled => ['other', w]),
      ];
      await write(
        db,
        items,
        {
          events,
          audit: [
            { entityType: 'case', entityId: record.id, action: 'receive', before: null, after: auditImage(record) },
          ],
        },
        ctx,
      );
    },

    async save({ before, after, action, unitChain, events }, ctx, ifMatch) {
      const existing = await existingEntries(after.id);
      const items: Labelled[] = [
        ['record', versioned(caseItem(after), before.version)],
        ...reindex(after, unitChain, existing).map((w): Labelled => ['other', w]),
      ];
      await write(
        db,
        items,
        {
          events,
          audit: [
            { entityType: 'case', entityId: after.id, action, before: auditImage(before), after: auditImage(after) },
          ],
        },
        ctx,
        ifMatch,
      );
    },

    async sealedIdentity(caseId) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: caseIdentityKey(caseId), ConsistentRead: true }),
      );
      if (!Item) return null;
      return { ciphertext: String(Item.ciphertext), keyId: String(Item.keyId) } satisfies SealedIdentity;
    },

    async recordReveal(caseId, reason, ctx) {
      // The audit record (who: the actor, when: its time, why: the reason) is the reveal's only
      // write; conditioned on the identity still being there. Each has its own key, so
      // simultaneous reveals are each recorded.
      await commit(
        db,
        {
          items: [{ ConditionCheck: { Key: caseIdentityKey(caseId), ConditionExpression: 'attribute_exists(pk)' } }],
          audit: [{ entityType: 'case-identity', entityId: caseId, action: 'reveal', before: null, after: { reason } }],
        },
        ctx,
      );
    },

    async board(unitId, horizon, page) {
      const gsi1pk = `${CASE_BOARD_PREFIX}${unitId}`;
      const { items, nextCursor } = await queryPage(
        db,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :end',
          ExpressionAttributeValues: { ':pk': gsi1pk, ':end': dayAfter(horizon) },
        },
        page,
        { gsi1pk },
      );
      return { items: items.map(entryOf), nextCursor };
    },

    async signalsDue(day, limit) {
      const items = await datedBefore(db, CASE_SIGNAL_PK, dayAfter(day), limit);
      return items.map((i) => ({ ...entryOf(i), next: i.next === 'overdue' ? 'overdue' : 'approaching' }));
    },

    async markSignalled(entry: SignalEntry, then, event, ctx) {
      const key = boardEntryKey(entry.caseId, entry.kind, entry.handlingUnitId);
      const values = { ':due': entry.dueDate, ':next': entry.next };
      const update = then
        ? {
            UpdateExpression: 'SET #next = :then, gsi2sk = :sk',
            ExpressionAttributeValues: {
              ...values,
              ':then': then.next,
              ':sk': caseSignalIndex(then.on, entry.caseId, entry.kind).gsi2sk,
            },
          }
        : {
            UpdateExpression: 'SET #next = :done REMOVE gsi2pk, gsi2sk',
            ExpressionAttributeValues: { ...values, ':done': 'none' },
          };
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: key,
                  // Still open with this due date (a step deletes the entry; an extension puts a new one), and still awaiting this announcement.
                  ConditionExpression: 'attribute_exists(pk) AND dueDate = :due AND #next = :next',
                  ExpressionAttributeNames: { '#next': 'next' },
                  ...update,
                },
              },
            ],
            events: [event],
          },
          ctx,
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },

    receivedBy,

    async yearFigures(handlingUnitId, year) {
      const first = `${year}-01-01`;
      const last = `${year}-12-31`;
      const figures = Object.fromEntries(CASE_CLASSES.map((c) => [c, emptyFigures()])) as CaseYearFigures;
      for (const c of await receivedBy(handlingUnitId, last)) {
        const f = figures[c.class];
        if (c.receivedOn >= first) {
          f.received += 1;
          if (c.acceptedOn) f.accepted += 1;
          if (c.stage === 'refused') f.refused += 1;
          if (c.stage === 'transferred') f.transferred += 1;
        }
        const concluded = c.resolvedOnTime !== null && c.closedOn !== null;
        if (concluded && c.closedOn! >= first && c.closedOn! <= last) {
          if (c.resolvedOnTime) f.resolvedOnTime += 1;
          else f.resolvedLate += 1;
        }
        if (c.closedOn === null || c.closedOn > last) f.open += 1;
      }
      return figures;
    },
  };
}
