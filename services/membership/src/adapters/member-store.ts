import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, type MemberState, memberStateSchema, staleVersion } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  type PendingEvent,
  TransactionConflictError,
  type WriteContext,
  type WriteItem,
} from '@congdoan/ddb';
import type { MemberChange, MemberFilter, MemberStore, StoredMember } from '../app/member-ports.ts';
import type { Page, PageKey } from '../app/ports.ts';
import { searchKey, vietnameseSortKey } from '../domain/member/names.ts';
import { counterDeltas, counters, holdsCccd, isCounted } from '../domain/member-counters.ts';
import { announceIfLate, changeEntryItem } from './change-feed.ts';
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

/** `ADD` of several counters to one item; counter names are arbitrary, so each goes through a placeholder. */
function addCounters(key: Record<string, string>, deltas: Record<string, number>, unitId: string): WriteItem {
  const names: Record<string, string> = { '#unitId': 'unitId' };
  const values: Record<string, unknown> = { ':unitId': unitId };
  const parts = Object.entries(deltas).map(([name, delta], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = delta;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      Key: key,
      UpdateExpression: `SET #unitId = :unitId ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
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
  | 'lock-delete'
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
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: cccdLockKey(cccd), ConsistentRead: true }),
      );
      return Item ? get(Item.memberId as string) : undefined;
    },

    async readCardSequence(year) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: cardSequenceKey(year), ConsistentRead: true }),
      );
      return Number(Item?.seq ?? 0);
    },

    async save(change: MemberChange, ctx: WriteContext, events: readonly PendingEvent[]) {
      const { before, after, day } = change;
      const items: WriteItem[] = [];
      const labels: Label[] = [];
      const push = (label: Label, item: WriteItem) => {
        labels.push(label);
        items.push(item);
      };
      const counted = counters(after);

      push('member', {
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
      });

      // The CCCD is held from application to exit; the lock makes uniqueness part of this transaction.
      const heldBefore = before && holdsCccd(before.member) ? before.member.cccd : null;
      const heldAfter = holdsCccd(after) ? after.cccd : null;
      if (heldBefore && heldBefore !== heldAfter) {
        push('lock-delete', {
          Delete: {
            Key: cccdLockKey(heldBefore),
            ConditionExpression: 'memberId = :id',
            ExpressionAttributeValues: { ':id': after.id },
          },
        });
      }
      if (heldAfter && heldAfter !== heldBefore) {
        push('lock-put', {
          Put: {
            Item: { ...cccdLockKey(heldAfter), kind: 'cccd-lock', memberId: after.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }

      // A user account opens one member's own record, so it is linked to one member at most.
      const accountBefore = before?.member.accountSubject ?? null;
      const accountAfter = after.accountSubject ?? null;
      if (accountBefore && accountBefore !== accountAfter) {
        push('account-delete', {
          Delete: {
            Key: accountKey(accountBefore),
            ConditionExpression: 'memberId = :id',
            ExpressionAttributeValues: { ':id': after.id },
          },
        });
      }
      if (accountAfter && accountAfter !== accountBefore) {
        push('account-put', {
          Put: {
            Item: { ...accountKey(accountAfter), kind: 'account-link', memberId: after.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }

      // The unit's member counter, which dissolution checks.
      const countedBefore = before && isCounted(before.member) ? before.member.unitId : null;
      const countedAfter = isCounted(after) ? after.unitId : null;
      if (countedBefore !== countedAfter) {
        if (countedBefore) {
          push('unit-leave', {
            Update: {
              Key: unitKey(countedBefore),
              UpdateExpression: 'ADD memberCount :minus',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          });
        }
        if (countedAfter) {
          push('unit-join', {
            Update: {
              Key: unitKey(countedAfter),
              UpdateExpression: 'ADD memberCount :one',
              ConditionExpression: 'attribute_exists(pk) AND #status = :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':one': 1, ':active': 'active' },
            },
          });
        }
      }

      // Statistics: the counters now, and the same change on the day it took effect.
      const deltas = counterDeltas(before ? { unitId: before.member.unitId, counted: before.counted } : null, {
        unitId: after.unitId,
        counted,
      });
      for (const unitId of Object.keys(change.flows ?? {})) if (!deltas.has(unitId)) deltas.set(unitId, {});
      for (const [unitId, delta] of deltas) {
        const flows = change.flows?.[unitId] ?? {};
        if (Object.keys(delta).length > 0) push('stats', addCounters(statsKey(unitId), delta, unitId));
        const daily = { ...delta, ...flows };
        if (Object.keys(daily).length > 0) push('stats', addCounters(statsKey(unitId, day), daily, unitId));
      }

      // A new card number is unique, and taken from the year's sequence without gaps or repeats.
      if (after.cardNumber && after.cardNumber !== before?.member.cardNumber && change.card) {
        push('card', {
          Put: {
            Item: { ...cardKey(after.cardNumber), kind: 'card', memberId: after.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        push('card-seq', {
          Update: {
            Key: cardSequenceKey(change.card.year),
            UpdateExpression: 'SET seq = :next',
            ConditionExpression: change.card.read === 0 ? 'attribute_not_exists(seq)' : 'seq = :read',
            ExpressionAttributeValues:
              change.card.read === 0
                ? { ':next': change.card.read + 1 }
                : { ':next': change.card.read + 1, ':read': change.card.read },
          },
        });
      }

      // The change feed (GET /v1/membership/changes): this save's entry, committed with it or not at all.
      const feedEntry = changeEntryItem(change, ctx.now());
      push('change', { Put: { Item: feedEntry } });

      for (const item of change.alsoWrite ?? []) push('also', item);

      try {
        await commit(
          db,
          {
            items,
            events,
            audit: [
              {
                entityType: 'member',
                entityId: after.id,
                action: change.action,
                before: before?.member ?? null,
                after,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        throw translate(error, labels, change, after);
      }
      await announceIfLate(db, feedEntry, ctx.now());
    },
  };
}

function translate(error: unknown, labels: Label[], change: MemberChange, after: MemberState): unknown {
  if (!(error instanceof ConditionFailedError)) return error;
  switch (labels[error.index]) {
    case 'member': {
      const actual = Number(error.item?.version ?? Number.NaN);
      return change.ifMatch !== undefined ? staleVersion(change.ifMatch, actual) : new TransactionConflictError(error);
    }
    case 'lock-put':
      return cccdTaken();
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
