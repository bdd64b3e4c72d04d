import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, type MemberState, memberStateSchema, staleVersion } from '@congdoan/contracts';
import {
  type AuditEntry,
  ConditionFailedError,
  commit,
  type Db,
  type PendingEvent,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import type {
  CccdLock,
  MemberChange,
  MemberCreation,
  MemberFilter,
  MemberStore,
  StoredMember,
} from '../app/member-ports.ts';
import type { Page, PageKey } from '../app/ports.ts';
import { assertMayTakeCccd, type LastExit } from '../domain/member/lifecycle.ts';
import { searchKey, vietnameseSortKey } from '../domain/member/names.ts';
import { counterDeltas, counters, holdsCccd, isCounted } from '../domain/member-counters.ts';
import { announceIfLate, changeEntryItem } from './change-feed.ts';
import { addCounters } from './counter-writes.ts';
import {
  accountKey,
  cardKey,
  cardSequenceKey,
  cccdIndex,
  cccdLockKey,
  memberKey,
  statsKey,
  unitKey,
  unitMembersIndex,
} from './keys.ts';

const MEMBER_FIELDS = Object.keys(memberStateSchema.shape) as (keyof MemberState)[];

function toItem(m: MemberState, counted: Record<string, number>): Record<string, unknown> {
  const sortKey = vietnameseSortKey(m.fullName);
  return {
    ...memberKey(m.id),
    kind: 'member',
    ...m,
    counted,
    sortKey,
    searchKey: searchKey(m.fullName),
    ...unitMembersIndex(m.unitId, m.status, sortKey, m.id),
    ...cccdIndex(m.cccd, m.id),
  };
}

function fromItem(item: Record<string, unknown>): StoredMember {
  const member: Record<string, unknown> = {};
  for (const field of MEMBER_FIELDS) member[field] = item[field] ?? null;
  return { member: member as MemberState, counted: (item.counted as Record<string, number>) ?? {} };
}

const cccdTaken = () =>
  conflict('cccd-taken', {
    vi: 'Số CCCD này đã thuộc một hồ sơ đoàn viên đang hoạt động hoặc đang chờ kết nạp. Một người chỉ có một tư cách đoàn viên.',
    en: 'This CCCD already belongs to an active membership or a pending application. A person holds one membership at a time.',
  });

const unitNotActive = (unitId: string) =>
  conflict('unit-not-active', {
    vi: `Đơn vị "${unitId}" không còn hoạt động (đã giải thể), không thể nhận đoàn viên.`,
    en: `Unit "${unitId}" is not active (dissolved) and cannot take members.`,
  });

type Label =
  | 'member'
  | 'lock-put'
  | 'lock-release'
  | 'unit-join'
  | 'unit-leave'
  | 'stats'
  | 'card'
  | 'card-seq'
  | 'change'
  | 'also'
  | 'account-put'
  | 'account-delete';

export function createMemberStore(db: Db): MemberStore {
  const { client, tableName } = db;

  const get = async (id: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: memberKey(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  };

  /**
   * The lock of a CCCD, read consistently. A CCCD with no lock item yet may still
   * have exited memberships from before locks remembered exits (they were deleted
   * on exit then): those come from the CCCD index, old enough for its eventual
   * consistency not to matter, and the lock's absence is what the write is
   * conditioned on.
   */
  const readLock = async (
    cccd: string,
    options = { pastExits: true },
  ): Promise<{ holderId?: string; lock: CccdLock }> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: cccdLockKey(cccd), ConsistentRead: true }),
    );
    if (Item) {
      return {
        holderId: typeof Item.memberId === 'string' ? Item.memberId : undefined,
        lock: { version: Number(Item.v ?? 0), lastExit: (Item.lastExit as LastExit | undefined) ?? null },
      };
    }
    if (!options.pastExits) return { lock: { version: null, lastExit: null } };
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        FilterExpression: '#status = :exited',
        ExpressionAttributeNames: { '#status': 'status', '#exit': 'exit', '#id': 'id' },
        ExpressionAttributeValues: { ':pk': cccdIndex(cccd, '').gsi2pk, ':exited': 'exited' },
        ProjectionExpression: '#id, #exit',
      }),
    );
    const exits = (out.Items ?? [])
      .map((i) => ({ memberId: i.id as string, ...(i.exit as Omit<LastExit, 'memberId'>) }))
      .sort((a, b) => b.date.localeCompare(a.date));
    return { lock: { version: null, lastExit: exits[0] ?? null } };
  };

  /** Taking a CCCD for `after`: the re-admission rule on the lock's last exit, then the write conditioned on that read. */
  const takeLock = async (
    cccd: string,
    before: StoredMember | null,
    after: MemberState,
    known: CccdLock | undefined,
    ctx: WriteContext,
  ): Promise<WriteItem> => {
    const lock = known ?? (await readLock(cccd)).lock;
    assertMayTakeCccd(lock.lastExit, before?.member ?? null, after, ctx.now());
    return cccdLockTake(cccd, after.id, lock);
  };

  return {
    get,

    async findByCccd(cccd) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': cccdIndex(cccd, '').gsi2pk },
        }),
      );
      return (out.Items ?? []).map((i) => fromItem(i).member);
    },

    async findByCard(cardNumber) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: cardKey(cardNumber) }));
      if (!Item) return undefined;
      return (await get(Item.memberId as string))?.member;
    },

    async listByUnit(unitId, filter: MemberFilter, page): Promise<Page<MemberState>> {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':pk': unitMembersIndex(unitId, '', '', '').gsi1pk };
      let keyCondition = 'gsi1pk = :pk';
      if (filter.status) {
        keyCondition += ' AND begins_with(gsi1sk, :status)';
        values[':status'] = `${filter.status}#`;
      }
      const filters: string[] = [];
      const eq = (field: string, value: unknown) => {
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        filters.push(`#${field} = :${field}`);
      };
      if (filter.gender) eq('gender', filter.gender);
      if (filter.employmentCategory) eq('employmentCategory', filter.employmentCategory);
      if (filter.educationLevel) eq('educationLevel', filter.educationLevel);
      if (filter.partyMember !== undefined) eq('partyMember', filter.partyMember);
      if (filter.bornAfter) {
        names['#dob'] = 'dateOfBirth';
        values[':bornAfter'] = filter.bornAfter;
        filters.push('#dob > :bornAfter');
      }
      if (filter.bornOnOrBefore) {
        names['#dob'] = 'dateOfBirth';
        values[':bornOnOrBefore'] = filter.bornOnOrBefore;
        filters.push('#dob <= :bornOnOrBefore');
      }
      if (filter.nameQuery) {
        names['#searchKey'] = 'searchKey';
        values[':q'] = searchKey(filter.nameQuery);
        filters.push('contains(#searchKey, :q)');
      }
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: keyCondition,
          FilterExpression: filters.length ? filters.join(' AND ') : undefined,
          ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
          ExpressionAttributeValues: values,
          Limit: page.limit,
          ExclusiveStartKey: page.startKey,
        }),
      );
      const items = out.Items ?? [];
      return {
        items: items.map((i) => fromItem(i).member),
        keys: items.map((i) => ({ pk: i.pk, sk: i.sk, gsi1pk: i.gsi1pk, gsi1sk: i.gsi1sk })),
        lastKey: out.LastEvaluatedKey as PageKey | undefined,
      };
    },

    async findByAccount(subject) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: accountKey(subject), ConsistentRead: true }),
      );
      return Item ? (await get(Item.memberId as string))?.member : undefined;
    },

    async findHolder(cccd) {
      const { holderId } = await readLock(cccd, { pastExits: false });
      return holderId ? get(holderId) : undefined;
    },

    async readCccd(cccd) {
      const { holderId, lock } = await readLock(cccd);
      return { holder: holderId ? await get(holderId) : undefined, lock };
    },

    async readCardSequence(year) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: cardSequenceKey(year), ConsistentRead: true }),
      );
      return Number(Item?.seq ?? 0);
    },

    async save(change: MemberChange, ctx: WriteContext, events: readonly PendingEvent[]) {
      const { before, after, day } = change;
      const { items, labels, push } = writeList<Label>();
      const counted = counters(after);

      push('member', memberPut(after, counted, before));

      // The CCCD is held from application to exit; the lock makes uniqueness part of this transaction,
      // and remembers the exit for the re-admission rule.
      const heldBefore = before && holdsCccd(before.member) ? before.member.cccd : null;
      const heldAfter = holdsCccd(after) ? after.cccd : null;
      if (heldBefore && heldBefore !== heldAfter) {
        const exit = after.status === 'exited' && after.exit ? after.exit : null;
        push(
          'lock-release',
          cccdLockRelease(heldBefore, after.id, exit && { memberId: after.id, date: exit.date, reason: exit.reason }),
        );
      }
      if (heldAfter && heldAfter !== heldBefore) {
        push('lock-put', await takeLock(heldAfter, before, after, change.lock, ctx));
      }

      // A user account opens one member's own record, so it is linked to one member at most.
      const accountBefore = before?.member.accountSubject ?? null;
      const accountAfter = after.accountSubject ?? null;
      if (accountBefore && accountBefore !== accountAfter) {
        push('account-delete', linkDelete(accountKey(accountBefore), after.id));
      }
      if (accountAfter && accountAfter !== accountBefore) push('account-put', accountPut(accountAfter, after.id));

      // The unit's member counter, which dissolution checks.
      const countedBefore = before && isCounted(before.member) ? before.member.unitId : null;
      const countedAfter = isCounted(after) ? after.unitId : null;
      if (countedBefore !== countedAfter) {
        if (countedBefore) push('unit-leave', unitLeave(countedBefore));
        if (countedAfter) push('unit-join', unitJoin(countedAfter, 1));
      }

      // Statistics: the counters now, and the same change on the day it took effect.
      const stats = new StatsDeltas();
      stats.add(before, after, counted, day, change.flows);
      stats.push(push);

      // A new card number is unique, and taken from the year's sequence without gaps or repeats.
      if (after.cardNumber && after.cardNumber !== before?.member.cardNumber && change.card) {
        push('card', cardPut(after.cardNumber, after.id));
        push('card-seq', cardSequenceAdvance(change.card.year, change.card.read, 1));
      }

      // The change feed (GET /v1/membership/changes): this save's entry, committed with it or not at all.
      const feedEntry = changeEntryItem(change, ctx.now());
      push('change', { Put: { Item: feedEntry } });

      for (const item of change.alsoWrite ?? []) push('also', item);

      try {
        await commit(db, { items, events, audit: [auditOf(change)] }, ctx);
      } catch (error) {
        throw translate(error, labels[errorIndex(error)], change.ifMatch, after);
      }
      await announceIfLate(db, feedEntry, ctx.now());
    },

    async createMany(creations: readonly MemberCreation[], ctx: WriteContext) {
      const first = creations[0];
      if (!first) return;
      const { unitId } = first.after;
      const { year, read } = first.card;
      creations.forEach((c, i) => {
        if (c.after.unitId !== unitId || c.card.year !== year || c.card.read !== read + i || !c.after.cardNumber) {
          throw new Error('createMany: creations must be of one unit and card year, with consecutive card reads');
        }
        if (c.events.length === 0) throw new Error('createMany: every creation carries its event');
      });

      const locks = await Promise.all(
        creations.map((c) => (holdsCccd(c.after) ? takeLock(c.after.cccd, null, c.after, c.lock, ctx) : null)),
      );
      const { items, labels, push } = writeList<{ label: Label; of: number }>();
      const stats = new StatsDeltas();
      const feedEntries: ReturnType<typeof changeEntryItem>[] = [];
      let joining = 0;
      creations.forEach((c, of) => {
        const { after } = c;
        const counted = counters(after);
        push({ label: 'member', of }, memberPut(after, counted, null));
        if (holdsCccd(after)) push({ label: 'lock-put', of }, locks[of] as WriteItem);
        if (after.accountSubject) push({ label: 'account-put', of }, accountPut(after.accountSubject, after.id));
        push({ label: 'card', of }, cardPut(after.cardNumber as string, after.id));
        const feedEntry = changeEntryItem({ ...c, before: null }, ctx.now());
        feedEntries.push(feedEntry);
        push({ label: 'change', of }, { Put: { Item: feedEntry } });
        if (isCounted(after)) joining++;
        stats.add(null, after, counted, c.day, c.flows);
      });
      // The items every creation moves, each written once with the sum of their changes.
      const shared = (label: Label) => ({ label, of: -1 });
      if (joining > 0) push(shared('unit-join'), unitJoin(unitId, joining));
      stats.push((label, item) => push(shared(label), item));
      push(shared('card-seq'), cardSequenceAdvance(year, read, creations.length));

      // `commit` pairs audit records with events by index: each creation's first event comes first.
      const events = [
        ...creations.map((c) => c.events[0] as PendingEvent),
        ...creations.flatMap((c) => c.events.slice(1)),
      ];
      const audit = creations.map((c) => auditOf({ ...c, before: null }));
      try {
        await commit(db, { items, events, audit }, ctx);
      } catch (error) {
        const failed = labels[errorIndex(error)];
        throw translate(error, failed?.label, undefined, creations[failed?.of ?? -1]?.after ?? first.after);
      }
      for (const entry of feedEntries) await announceIfLate(db, entry, ctx.now());
    },
  };
}

/** Write items in order with a label each, so a failed condition's index names what failed. */
function writeList<L>() {
  const items: WriteItem[] = [];
  const labels: L[] = [];
  const push = (label: L, item: WriteItem) => {
    labels.push(label);
    items.push(item);
  };
  return { items, labels, push };
}

function memberPut(after: MemberState, counted: Record<string, number>, before: StoredMember | null): WriteItem {
  return {
    Put: {
      Item: toItem(after, counted),
      ...(before
        ? {
            ConditionExpression: 'version = :readVersion',
            ExpressionAttributeValues: { ':readVersion': before.member.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * A CCCD's lock taken by `memberId`, if it is as read: free (or absent), at the
 * version the decision was made on. Any change since (another holder, an exit)
 * fails the condition; `translate` tells a holder (409) from a retry.
 */
const cccdLockTake = (cccd: string, memberId: string, read: CccdLock): WriteItem => {
  const condition =
    read.version === null
      ? 'attribute_not_exists(pk)'
      : read.version === 0
        ? 'attribute_exists(pk) AND attribute_not_exists(memberId) AND attribute_not_exists(#v)'
        : 'attribute_not_exists(memberId) AND #v = :read';
  return {
    Update: {
      Key: cccdLockKey(cccd),
      UpdateExpression: 'SET #kind = :kind, memberId = :id, #v = :next',
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#kind': 'kind', '#v': 'v' },
      ExpressionAttributeValues: {
        ':kind': 'cccd-lock',
        ':id': memberId,
        ':next': (read.version ?? 0) + 1,
        ...(read.version ? { ':read': read.version } : {}),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
};

/** The holder lets the CCCD go; an exit is remembered on the lock (`lastExit`) for the re-admission rule. */
const cccdLockRelease = (cccd: string, memberId: string, exit: LastExit | null): WriteItem => ({
  Update: {
    Key: cccdLockKey(cccd),
    UpdateExpression: `SET #v = if_not_exists(#v, :zero) + :one${exit ? ', lastExit = :exit' : ''} REMOVE memberId`,
    ConditionExpression: 'memberId = :id',
    ExpressionAttributeNames: { '#v': 'v' },
    ExpressionAttributeValues: { ':id': memberId, ':zero': 0, ':one': 1, ...(exit ? { ':exit': exit } : {}) },
  },
});

const accountPut = (subject: string, memberId: string): WriteItem => ({
  Put: {
    Item: { ...accountKey(subject), kind: 'account-link', memberId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Deletes a lock or link item that must still point at `memberId`. */
const linkDelete = (key: Record<string, string>, memberId: string): WriteItem => ({
  Delete: {
    Key: key,
    ConditionExpression: 'memberId = :id',
    ExpressionAttributeValues: { ':id': memberId },
  },
});

const unitLeave = (unitId: string): WriteItem => ({
  Update: {
    Key: unitKey(unitId),
    UpdateExpression: 'ADD memberCount :minus',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':minus': -1 },
  },
});

const unitJoin = (unitId: string, n: number): WriteItem => ({
  Update: {
    Key: unitKey(unitId),
    UpdateExpression: 'ADD memberCount :n',
    ConditionExpression: 'attribute_exists(pk) AND #status = :active',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':n': n, ':active': 'active' },
  },
});

const cardPut = (cardNumber: string, memberId: string): WriteItem => ({
  Put: {
    Item: { ...cardKey(cardNumber), kind: 'card', memberId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The year's card sequence moves from `read` (the value read) to `read + n`, or fails if it moved meanwhile. */
const cardSequenceAdvance = (year: number, read: number, n: number): WriteItem => ({
  Update: {
    Key: cardSequenceKey(year),
    UpdateExpression: 'SET seq = :next',
    ConditionExpression: read === 0 ? 'attribute_not_exists(seq)' : 'seq = :read',
    ExpressionAttributeValues: read === 0 ? { ':next': n } : { ':next': read + n, ':read': read },
  },
});

const auditOf = (change: Pick<MemberChange, 'before' | 'after' | 'action'>): AuditEntry => ({
  entityType: 'member',
  entityId: change.after.id,
  action: change.action,
  before: change.before?.member ?? null,
  after: change.after,
});

/**
 * Statistics changes summed over one or more member changes: per unit, the counters
 * now (`CURRENT`) and per business day (`DAY#…`), each day's with that day's flows.
 */
class StatsDeltas {
  private readonly units = new Map<
    string,
    { current: Record<string, number>; days: Map<string, Record<string, number>> }
  >();

  add(
    before: StoredMember | null,
    after: MemberState,
    counted: Record<string, number>,
    day: string,
    flows: MemberChange['flows'],
  ) {
    const deltas = counterDeltas(before ? { unitId: before.member.unitId, counted: before.counted } : null, {
      unitId: after.unitId,
      counted,
    });
    for (const unitId of Object.keys(flows ?? {})) if (!deltas.has(unitId)) deltas.set(unitId, {});
    for (const [unitId, delta] of deltas) {
      const unit = this.units.get(unitId) ?? { current: {}, days: new Map<string, Record<string, number>>() };
      this.units.set(unitId, unit);
      const daily = unit.days.get(day) ?? {};
      unit.days.set(day, daily);
      sumInto(unit.current, delta);
      sumInto(daily, { ...delta, ...flows?.[unitId] });
    }
  }

  /** One `ADD` per statistics item, without counters that summed to zero or items left with none. */
  push(push: (label: 'stats', item: WriteItem) => void) {
    for (const [unitId, unit] of this.units) {
      const current = nonZero(unit.current);
      if (Object.keys(current).length > 0) push('stats', addCounters(statsKey(unitId), current, unitId));
      for (const [day, sums] of unit.days) {
        const daily = nonZero(sums);
        if (Object.keys(daily).length > 0) push('stats', addCounters(statsKey(unitId, day), daily, unitId));
      }
    }
  }
}

function sumInto(acc: Record<string, number>, delta: Record<string, number>) {
  for (const [name, n] of Object.entries(delta)) acc[name] = (acc[name] ?? 0) + n;
}

const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));

const errorIndex = (error: unknown) => (error instanceof ConditionFailedError ? error.index : -1);
function translate(error: unknown, label: Label | undefined, ifMatch: number | undefined, after: MemberState): unknown {
  if (!(error instanceof ConditionFailedError)) return error;
  switch (label) {
    case 'member': {
      const actual = Number(error.item?.version ?? Number.NaN);
      return ifMatch !== undefined ? staleVersion(ifMatch, actual) : new TransactionConflictError(error);
    }
    case 'lock-put':
      // Held by someone else now: taken. Free but changed since it was read (an exit): decide again.
      return typeof error.item?.memberId === 'string' ? cccdTaken() : new TransactionConflictError(error);
    case 'account-put':
      return conflict('account-linked-elsewhere', {
        vi: 'Tài khoản này đã được gắn với hồ sơ một đoàn viên khác.',
        en: 'This account is already linked to another member’s record.',
      });
    case 'unit-join':
      return unitNotActive(after.unitId);
    default:
      // A counter, lock or sequence moved under us: read again and retry.
      return new TransactionConflictError(error);
  }
}
