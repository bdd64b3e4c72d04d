import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Bloc, BlocScore } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, stripKeys, TransactionConflictError } from '@congdoan/ddb';
import type { BlocStore } from '../app/bloc-ports.ts';
import { blocClosed, blocExists, blocFlagProposed } from '../domain/errors.ts';
import { BLOC_SCORE_PREFIX, blocCodeKey, blocKey, blocPk, blocScoreKey, blocYearIndex } from './keys.ts';

const blocItem = (b: Bloc) => ({
  ...blocKey(b.id),
  ...blocYearIndex(b.year, b.organiserUnitId, b.code, b.id),
  ...b,
  kind: 'bloc',
});
const blocOf = (item: Record<string, unknown>) => stripKeys<Bloc>(item);
const sheetOf = (item: Record<string, unknown>) => stripKeys<BlocScore>(item);

/** The bloc as the write left it, or a conflict to retry when the condition failed for another reason. */
function failed(error: unknown, index: number, whenProposed: () => Error): never {
  if (error instanceof ConditionFailedError && error.index === index) {
    const proposal = error.item?.flagProposal;
    if (proposal !== undefined && proposal !== null) throw whenProposed();
    throw new TransactionConflictError(error);
  }
  if (error instanceof ConditionFailedError) throw new TransactionConflictError(error);
  throw error;
}

export function createBlocStore(db: Db): BlocStore {
  const get = async (id: string) => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: blocKey(id), ConsistentRead: true }),
    );
    return Item ? blocOf(Item) : undefined;
  };
  /** Sets the flag proposal from `bloc`'s state (condition), audited; returns the bloc written. */
  const writeFlag = async (
    bloc: Bloc,
    flagProposal: Bloc['flagProposal'],
    condition: string,
    values: Record<string, unknown>,
    action: string,
    ctx: Parameters<BlocStore['create']>[1],
  ) => {
    const after: Bloc = { ...bloc, flagProposal, version: bloc.version + 1 };
    try {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: blocKey(bloc.id),
                UpdateExpression: 'SET flagProposal = :proposal, #version = :next',
                ConditionExpression: `#version = :read AND ${condition}`,
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: {
                  ':proposal': flagProposal,
                  ':next': after.version,
                  ':read': bloc.version,
                  ...values,
                },
              },
            },
          ],
          audit: [{ entityType: 'bloc', entityId: bloc.id, action, before: bloc, after }],
        },
        ctx,
      );
    } catch (error) {
      failed(error, 0, blocFlagProposed);
    }
    return after;
  };

  return {
    get,
    async withScores(id) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': blocPk(id) },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      const bloc = items.find((i) => i.sk === 'BLOC');
      if (!bloc) return undefined;
      return {
        bloc: blocOf(bloc),
        sheets: items.filter((i) => String(i.sk).startsWith(BLOC_SCORE_PREFIX)).map(sheetOf),
      };
    },
    async ofCode(organiserUnitId, code, year) {
      const { Item } = await db.client.send(
        new GetCommand({
          TableName: db.tableName,
          Key: blocCodeKey(organiserUnitId, code, year),
          ConsistentRead: true,
        }),
      );
      return typeof Item?.blocId === 'string' ? get(Item.blocId) : undefined;
    },
    async ofYear(year) {
      const items: Bloc[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': blocYearIndex(year, '', '', '').gsi1pk },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(out.Items ?? []).map(blocOf));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async create(bloc, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              { Put: { Item: blocItem(bloc), ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  Item: {
                    ...blocCodeKey(bloc.organiserUnitId, bloc.code, bloc.year),
                    kind: 'bloc-code',
                    blocId: bloc.id,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
            audit: [{ entityType: 'bloc', entityId: bloc.id, action: 'form', before: null, after: bloc }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw blocExists(bloc.code, bloc.year);
        throw error;
      }
    },
    async saveScore(before, after, ctx) {
      const sheetCondition = before
        ? {
            ConditionExpression: '#version = :read',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':read': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...blocScoreKey(after.blocId, after.unitId), ...after, kind: 'bloc-score' },
                  ...sheetCondition,
                },
              },
              {
                Update: {
                  Key: blocKey(after.blocId),
                  UpdateExpression: 'ADD scoreRevision :one',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_type(flagProposal, :null)',
                  ExpressionAttributeValues: { ':one': 1, ':null': 'NULL' },
                },
              },
            ],
            audit: [
              {
                entityType: 'bloc-score',
                entityId: `${after.blocId}#${after.unitId}`,
                action: 'score',
                before: before ?? null,
                after,
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        failed(error, 1, blocClosed);
      }
    },
    proposeFlag: (bloc, proposal, ctx) =>
      writeFlag(
        bloc,
        proposal,
        'attribute_type(flagProposal, :null) AND scoreRevision = :revision',
        { ':null': 'NULL', ':revision': bloc.scoreRevision },
        'propose-flag',
        ctx,
      ),
    settleFlag: (bloc, nominationId, ctx) =>
      writeFlag(
        bloc,
        nominationId === undefined || !bloc.flagProposal ? null : { ...bloc.flagProposal, nominationId },
        'attribute_type(flagProposal, :map)',
        { ':map': 'M' },
        nominationId === undefined ? 'withdraw-flag' : 'nominate-flag',
        ctx,
      ),
  };
}
