import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type DissolutionJob, JobStalled, UnitDissolutionRequested } from '@congdoan/contracts';
import {
  ConditionFailedError,
  commit,
  type Db,
  event,
  JOB_LEASE_MS,
  jobLeaseIndex,
  stripKeys,
  TransactionConflictError,
} from '@congdoan/ddb';
import type { DissolutionStore } from '../app/dissolutions/ports.ts';

/** One dissolution job per unit: asking twice finds the first. */
const jobKey = (unitId: string) => ({ pk: `DISSOLUTION#${unitId}`, sk: 'JOB' });
/** The job's id leads to its unit. */
const jobIdKey = (jobId: string) => ({ pk: `DISSOLUTIONJOB#${jobId}`, sk: 'JOB' });

const strip = (item: Record<string, unknown>) => stripKeys<DissolutionJob>(item);

/** The job kind on the lease index (the sweeper's resumers are keyed by it); a job's id there is its unit's. */
export const DISSOLUTION_JOB_KIND = 'dissolution';

/** The lease index entry of a job that progressed at `at`, as `SET` values: found by the sweeper a lease later. */
const leaseValues = (unitId: string, at: Date) => {
  const index = jobLeaseIndex(DISSOLUTION_JOB_KIND, unitId, at.getTime() + JOB_LEASE_MS) as {
    gsi2pk: string;
    gsi2sk: string;
  };
  return { ':leasePk': index.gsi2pk, ':leaseSk': index.gsi2sk, ':progressAt': at.toISOString() };
};
const SET_LEASE = 'gsi2pk = :leasePk, gsi2sk = :leaseSk, progressAt = :progressAt';

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
                  Item: {
                    ...jobKey(job.unitId),
                    kind: 'dissolution-job',
                    ...job,
                    progressAt: job.createdAt,
                    ...jobLeaseIndex(DISSOLUTION_JOB_KIND, job.unitId, Date.parse(job.createdAt) + JOB_LEASE_MS),
                  },
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

    async requeue(job, ctx, options = {}) {
      const events = [event(UnitDissolutionRequested, { unitId: job.unitId, jobId: job.id })];
      // Asked for again (a failed job) is progress; queued again by the sweeper is not.
      const { stall } = options;
      if (stall?.signal) {
        events.push(
          event(JobStalled, {
            jobKind: DISSOLUTION_JOB_KIND,
            jobId: job.id,
            unitId: job.unitId,
            stalledSince: stall.since,
            attempts: job.attempts,
          }),
        );
      }
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: jobKey(job.unitId),
                  UpdateExpression: `SET #status = :queued, #version = :next, updatedAt = :at, gsi2pk = :leasePk, gsi2sk = :leaseSk, ${stall ? 'stallSignalledFor = :stall' : 'progressAt = :at'}`,
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':queued': 'queued',
                    ':next': job.version + 1,
                    ':read': job.version,
                    ':at': ctx.now().toISOString(),
                    ':leasePk': leaseValues(job.unitId, ctx.now())[':leasePk'],
                    ':leaseSk': leaseValues(job.unitId, ctx.now())[':leaseSk'],
                    ...(stall ? { ':stall': stall.since } : {}),
                  },
                },
              },
            ],
            events,
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError) throw new TransactionConflictError(error);
        throw error;
      }
    },

    progress(unitId, field, now) {
      return {
        Update: {
          Key: jobKey(unitId),
          UpdateExpression: `ADD #field :one SET ${SET_LEASE}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#field': field },
          ExpressionAttributeValues: { ':one': 1, ...leaseValues(unitId, now) },
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
      // A run that starts renews the lease; a job that ends leaves the lease index.
      let remove = '';
      if (patch.status === 'running') {
        Object.assign(values, leaseValues(before.unitId, ctx.now()));
        sets.push(SET_LEASE);
      } else if (patch.status === 'succeeded' || patch.status === 'failed') {
        remove = ' REMOVE gsi2pk, gsi2sk';
      }
      try {
        await commit(
          db,
          {
            items: [
              {
                Update: {
                  Key: jobKey(before.unitId),
                  UpdateExpression: `SET ${sets.join(', ')}${remove}`,
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
