import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Award, Nomination, SeatAllocation } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  queryAll,
  stripKeys,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import type { AwardStore, NominationStore, QuotaStore } from '../app/nomination-ports.ts';
import {
  allocationExists,
  awardExists,
  initiativeUnavailable,
  notSeated,
  quotaBelowUsed,
  quotaFull,
} from '../domain/errors.ts';
import { releaseInitiative, spendInitiative } from './initiative-store.ts';
import {
  awardKey,
  honoursPk,
  nominationKey,
  quotaKey,
  quotaPk,
  unitHonoursIndex,
  unitNominationsIndex,
} from './keys.ts';
import { gsi1Page } from './pages.ts';
import { statsItems } from './stats-store.ts';

/** An award in its recipient's partition, once per title and year. */
function awardPut(award: Award): WriteItem {
  const recipient =
    award.recipient.kind === 'member'
      ? { kind: 'member' as const, memberId: award.recipient.memberId }
      : { kind: 'unit' as const, unitId: award.recipient.unitId };
  return {
    Put: {
      Item: {
        ...awardKey(recipient, award.year, award.titleCode),
        // The unit's honour roll: its own awards and its members' while in it.
        ...unitHonoursIndex(
          award.unitId,
          award.year,
          recipient.kind === 'unit' ? 'collective' : 'individual',
          award.titleCode,
          award.id,
        ),
        ...award,
        kind: 'award',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function createAwardStore(db: Db): AwardStore {
  return {
    async record(award, ctx, stats) {
      try {
        await commit(
          db,
          {
            items: [awardPut(award), ...statsItems(stats)],
            audit: [{ entityType: 'award', entityId: award.id, action: 'record', before: null, after: award }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 0) throw awardExists(award.titleCode, award.year);
        throw error;
      }
    },
    async ofRecipient(recipient) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :award)',
        ExpressionAttributeValues: { ':pk': honoursPk(recipient), ':award': 'AWARD#' },
        ConsistentRead: true,
      });
      return items.map((i) => stripKeys<Award>(i));
    },
  };
}

/**
 * Takes one seat of a quota, if one is left: by a nomination the quota's allocation seated, or
 * while the quota has no allocation (one made meanwhile stops a decision it did not seat).
 */
const takeSeat = (unitId: string, year: number, titleCode: string, allocationId: string | null): WriteItem => ({
  Update: {
    Key: quotaKey(unitId, year, titleCode),
    UpdateExpression: 'SET used = used + :one',
    ConditionExpression: allocationId
      ? 'attribute_exists(pk) AND used < seats AND allocation.id = :allocation'
      : 'attribute_exists(pk) AND used < seats AND attribute_not_exists(allocation)',
    ExpressionAttributeValues: { ':one': 1, ...(allocationId ? { ':allocation': allocationId } : {}) },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/** A nomination stored before receipts were kept has none, and was neither refused nor released. */
function nominationOf(item: Record<string, unknown>): Nomination {
  const n = stripKeys<Nomination>(item);
  return { ...n, receipt: n.receipt ?? null, refusal: n.refusal ?? null, released: n.released ?? null };
}

const nominationItem = (n: Nomination) => ({
  ...nominationKey(n.id),
  ...unitNominationsIndex(n.proposingUnitId, n.year, n.id),
  ...n,
  kind: 'nomination',
});

/** Writes `after` if the nomination is still at `before`'s version. */
const nominationPut = (before: Nomination, after: Nomination): WriteItem => ({
  Put: {
    Item: nominationItem(after),
    ConditionExpression: '#version = :read',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':read': before.version },
  },
});

export function createNominationStore(db: Db): NominationStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: nominationKey(id), ConsistentRead: true }),
      );
      return Item ? nominationOf(Item) : undefined;
    },
    async save(before, after, action, ctx, decided) {
      const award = decided?.award;
      const quota = decided?.quota ?? null;
      // A refusal or a council's no frees the nomination's initiatives in the same transaction.
      const released = after.released && !before.released ? after.released.initiativeIds : [];
      try {
        await commit(
          db,
          {
            items: [
              nominationPut(before, after),
              ...(award ? [awardPut(award)] : []),
              ...(award && quota ? [takeSeat(quota.unitId, award.year, award.titleCode, quota.allocationId)] : []),
              ...released.map((id) => releaseInitiative(id, after.id)),
              // Counters after every conditioned item, so a failed condition's index still names it.
              ...statsItems(decided?.stats),
            ],
            audit: [
              { entityType: 'nomination', entityId: after.id, action, before, after },
              ...(award
                ? [{ entityType: 'award', entityId: award.id, action: 'record', before: null, after: award }]
                : []),
              ...released.map((id) => ({
                entityType: 'initiative',
                entityId: id,
                action: 'release',
                before: { usedBy: { nominationId: after.id } },
                after: { usedBy: null },
              })),
            ],
            events: decided?.events ?? [],
          },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.index === 1 && award) throw awardExists(award.titleCode, award.year);
        if (error.index === 2 && award) {
          // Seats left but an allocation made meanwhile that did not seat this nomination.
          const left = Number(error.item?.used) < Number(error.item?.seats);
          if (left && error.item?.allocation) throw notSeated(award.titleCode, award.year);
          throw quotaFull(award.titleCode, award.year);
        }
        throw new TransactionConflictError(error);
      }
    },
    listOfUnit: (unitId, year, page) =>
      gsi1Page(
        db,
        { gsi1pk: unitNominationsIndex(unitId, '', '').gsi1pk, prefix: year === undefined ? '' : `${year}#` },
        page,
        nominationOf,
      ),
    async create(nomination, spentOn, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: nominationItem(nomination),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...nomination.initiativeIds.map((id) => spendInitiative(id, nomination.id, spentOn)),
            ],
            audit: [
              { entityType: 'nomination', entityId: nomination.id, action: 'propose', before: null, after: nomination },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index >= 1)
          throw initiativeUnavailable(nomination.initiativeIds[error.index - 1]!);
        throw error;
      }
    },
  };
}

export function createQuotaStore(db: Db): QuotaStore {
  return {
    async of(unitId, year) {
      const items = await queryAll(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
        ExpressionAttributeValues: { ':pk': quotaPk(unitId), ':year': `YEAR#${year}#` },
        ConsistentRead: true,
      });
      return items.map((i) => ({
        titleCode: String(i.titleCode),
        seats: Number(i.seats),
        used: Number(i.used),
        ...(i.allocation ? { allocation: i.allocation as SeatAllocation } : {}),
      }));
    },
    async allocate(allocation, usedRead, nominations, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: quotaKey(allocation.unitId, allocation.year, allocation.titleCode),
                  UpdateExpression: 'SET allocation = :allocation',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(allocation) AND used = :used',
                  ExpressionAttributeValues: { ':allocation': allocation, ':used': usedRead },
                },
              },
              ...nominations.map(({ before, after }) => nominationPut(before, after)),
            ],
            audit: [
              {
                entityType: 'quota',
                entityId: `${allocation.unitId}#${allocation.year}#${allocation.titleCode}`,
                action: 'allocate',
                before: null,
                after: allocation,
              },
              ...nominations.map(({ before, after }) => ({
                entityType: 'nomination',
                entityId: after.id,
                action: 'seat',
                before,
                after,
              })),
            ],
          },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.index === 0) throw allocationExists(allocation.titleCode, allocation.year);
        throw new TransactionConflictError(error);
      }
    },
    async set(unitId, year, quotas, ctx) {
      const items: WriteItem[] = quotas.map((q) => ({
        Update: {
          Key: quotaKey(unitId, year, q.titleCode),
          UpdateExpression:
            'SET seats = :seats, used = if_not_exists(used, :zero), titleCode = :code, unitId = :unit, #kind = :kind',
          ConditionExpression: 'attribute_not_exists(used) OR used <= :seats',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: {
            ':seats': q.seats,
            ':zero': 0,
            ':code': q.titleCode,
            ':unit': unitId,
            ':kind': 'quota',
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      }));
      try {
        await commit(
          db,
          {
            items,
            audit: [{ entityType: 'quota', entityId: `${unitId}#${year}`, action: 'set', before: null, after: quotas }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError)
          throw quotaBelowUsed(quotas[error.index]!.titleCode, Number(error.item?.used ?? 0));
        throw error;
      }
    },
  };
}
