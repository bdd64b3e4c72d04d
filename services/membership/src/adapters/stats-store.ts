import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { commit, type Db } from '@congdoan/ddb';
import type { Counters, StatsStore } from '../app/statistics/ports.ts';
import { addCounters } from './counter-writes.ts';
import { statsKey } from './keys.ts';

const NOT_COUNTERS = new Set(['pk', 'sk', 'unitId']);

function countersOf(item: Record<string, unknown> | undefined): Counters {
  const out: Counters = {};
  for (const [k, v] of Object.entries(item ?? {})) if (!NOT_COUNTERS.has(k) && typeof v === 'number') out[k] = v;
  return out;
}

export function createStatsStore(db: Db): StatsStore {
  const { client, tableName } = db;

  /** Every `DAY#` item of a unit in (after, upTo], summed. */
  async function sumDays(unitId: string, range: { after?: string; upTo?: string }): Promise<Counters> {
    const sum: Counters = {};
    let startKey: Record<string, unknown> | undefined;
    const low = range.after ? `DAY#${range.after}\uffff` : 'DAY#';
    const high = range.upTo ? `DAY#${range.upTo}` : 'DAY#\uffff';
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':pk': statsKey(unitId).pk, ':low': low, ':high': high },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) {
        for (const [k, v] of Object.entries(countersOf(item))) sum[k] = (sum[k] ?? 0) + v;
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return sum;
  }

  return {
    async current(unitIds) {
      const out = new Map<string, Counters>();
      for (let i = 0; i < unitIds.length; i += 100) {
        let keys = unitIds.slice(i, i + 100).map((id) => statsKey(id));
        // BatchGet may leave keys unprocessed under load: ask again for those.
        for (let attempt = 0; keys.length > 0; attempt++) {
          const res = await client.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
          );
          for (const item of res.Responses?.[tableName] ?? []) out.set(item.unitId as string, countersOf(item));
          keys = (res.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
          if (keys.length > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
        }
      }
      return out;
    },

    changesAfter: (unitId, day) => sumDays(unitId, { after: day }),

    changesBetween: (unitId, from, to) => sumDays(unitId, { after: previousDay(from), upTo: to }),

    async correct(unitId, delta, ctx) {
      const nonZero = Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0));
      if (Object.keys(nonZero).length === 0) return;
      // Only `now` is corrected: daily changes are written in the same transactions as `now`,
      // so drift is `now` parting from them, and mending it mends past reports too.
      await commit(
        db,
        {
          items: [addCounters(statsKey(unitId), nonZero, unitId)],
          audit: [
            {
              entityType: 'unit-statistics',
              entityId: unitId,
              action: 'rebuild-correction',
              before: null,
              after: delta,
            },
          ],
        },
        ctx,
      );
    },
  };
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
