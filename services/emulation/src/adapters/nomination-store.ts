import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Award, Nomination } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, stripKeys } from '@congdoan/ddb';
import type { AwardStore, NominationStore } from '../app/nomination-ports.ts';
import { awardExists, initiativeUnavailable } from '../domain/errors.ts';
import { spendInitiative } from './initiative-store.ts';
import { awardKey, honoursPk, nominationKey, unitNominationsIndex } from './keys.ts';
import { gsi1Page } from './pages.ts';

export function createAwardStore(db: Db): AwardStore {
  return {
    async record(award, ctx) {
      const recipient =
        award.recipient.kind === 'member'
          ? { kind: 'member' as const, memberId: award.recipient.memberId }
          : { kind: 'unit' as const, unitId: award.recipient.unitId };
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...awardKey(recipient, award.year, award.titleCode), ...award, kind: 'award' },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
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

export function createNominationStore(db: Db): NominationStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: nominationKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<Nomination>(Item) : undefined;
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
                  Item: {
                    ...nominationKey(nomination.id),
                    ...unitNominationsIndex(nomination.proposingUnitId, nomination.year, nomination.id),
                    ...nomination,
                    kind: 'nomination',
                  },
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
