import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Award, Nomination } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  queryAll,
  stripKeys,
  TransactionConflictError,
  type WriteItem,
} from '@congdoan/ddb';
import type { AwardStore, NominationStore } from '../app/nomination-ports.ts';
import { awardExists, initiativeUnavailable } from '../domain/errors.ts';
import { spendInitiative } from './initiative-store.ts';
import { awardKey, honoursPk, nominationKey, unitNominationsIndex } from './keys.ts';
import { gsi1Page } from './pages.ts';

/** An award in its recipient's partition, once per title and year. */
function awardPut(award: Award): WriteItem {
  const recipient =
    award.recipient.kind === 'member'
      ? { kind: 'member' as const, memberId: award.recipient.memberId }
      : { kind: 'unit' as const, unitId: award.recipient.unitId };
  return {
    Put: {
      Item: { ...awardKey(recipient, award.year, award.titleCode), ...award, kind: 'award' },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function createAwardStore(db: Db): AwardStore {
  return {
    async record(award, ctx) {
      try {
        await commit(
          db,
          {
            items: [awardPut(award)],
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

const nominationItem = (n: Nomination) => ({
  ...nominationKey(n.id),
  ...unitNominationsIndex(n.proposingUnitId, n.year, n.id),
  ...n,
  kind: 'nomination',
});

export function createNominationStore(db: Db): NominationStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: nominationKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<Nomination>(Item) : undefined;
    },
    async save(before, after, action, ctx, award) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: nominationItem(after),
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':read': before.version },
                },
              },
              ...(award ? [awardPut(award)] : []),
            ],
            audit: [
              { entityType: 'nomination', entityId: after.id, action, before, after },
              ...(award
                ? [{ entityType: 'award', entityId: award.id, action: 'record', before: null, after: award }]
                : []),
            ],
          },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.index === 1 && award) throw awardExists(award.titleCode, award.year);
        throw new TransactionConflictError(error);
      }
    },
    listOfUnit: (unitId, year, page) =>
      gsi1Page(
        db,
        { gsi1pk: unitNominationsIndex(unitId, '', '').gsi1pk, prefix: year === undefined ? '' : `${year}#` },
        page,
        (i) => stripKeys<Nomination>(i),
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
