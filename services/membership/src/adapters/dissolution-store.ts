import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type DissolutionJob, UnitDissolutionRequested } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, event, TransactionConflictError } from '@congdoan/ddb';
import type { DissolutionStore } from '../app/dissolutions/ports.ts';

/** One dissolution job per unit: asking twice finds the first. */
const jobKey = (unitId: string) => ({ pk: `DISSOLUTION#${unitId}`, sk: 'JOB' });
/** The job's id leads to its unit. */
const jobIdKey = (jobId: string) => ({ pk: `DISSOLUTIONJOB#${jobId}`, sk: 'JOB' });

const strip = ({ pk: _pk, sk: _sk, kind: _kind, ...job }: Record<string, unknown>) => job as DissolutionJob;

export function createDissolutionStore(db: Db): DissolutionStore {
  const { client, tableName } = db;
  const get = async (unitId: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: jobKey(unitId), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  };
  return {
    get,

    async getById(jobId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: jobIdKey(jobId) }));
      return Item ? get(Item.unitId as string) : undefined;
    },

    async create(job, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: { ...jobKey(job.unitId), kind: 'dissolution-job', ...job },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Put: { Item: { ...jobIdKey(job.id), kind: 'dissolution-job-id', unitId: job.unitId } } },
            ],
            events: [event(UnitDissolutionRequested, { unitId: job.unitId, jobId: job.id })],
            audit: [
              { entityType: 'unit', entityId: job.unitId, action: 'dissolution-requested', before: null, after: job },
            ],
          },
          ctx,
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 0) return false;
        throw error;
      }
    },

    async requeue(job, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: jobKey(job.unitId),
                UpdateExpression: 'SET #status = :queued, #version = :next, updatedAt = :at',
                ConditionExpression: '#version = :read',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: {
                  ':queued': 'queued',
                  ':next': job.version + 1,
                  ':read': job.version,
                  ':at': ctx.now().toISOString(),
                },
              },
            },
          ],
          events: [event(UnitDissolutionRequested, { unitId: job.unitId, jobId: job.id })],
        },
        ctx,
      );
    },

    progress(unitId, field) {
      return {
        Update: {
          Key: jobKey(unitId),
          UpdateExpression: 'ADD #field :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#field': field },
          ExpressionAttributeValues: { ':one': 1 },
        },
      };
    },

    async setStatus(before, patch, ctx) {
      const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
      const values: Record<string, unknown> = {
        ':read': before.version,
        ':next': before.version + 1,
        ':at': ctx.now().toISOString(),
      };
      const sets = ['#version = :next', '#updatedAt = :at'];
      for (const [k, v] of Object.entries(patch)) {
        names[`#${k}`] = k;
        values[`:${k}`] = v;
        sets.push(`#${k} = :${k}`);
      }
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: jobKey(before.unitId),
                  UpdateExpression: `SET ${sets.join(', ')}`,
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: names,
                  ExpressionAttributeValues: values,
                },
              },
            ],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new TransactionConflictError(error);
        throw error;
      }
      return (await get(before.unitId))!;
    },
  };
}
