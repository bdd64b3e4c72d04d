import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Award } from '@congdoan/contracts';
import { type Db, stripKeys, type WriteItem } from '@congdoan/ddb';
import type { HonourRolls, StatsPlan, StatsStore } from '../app/honours-ports.ts';
import type { StatsDelta } from '../domain/honours.ts';
import { honourStatsKey, honourStatsPk, unitHonoursIndex } from './keys.ts';
import { gsi1Page } from './pages.ts';

/** Item attributes that are not counters. */
const NOT_COUNTERS = new Set(['pk', 'sk', 'kind', 'unitId', 'year']);

/**
 * `ADD` a change's delta to the counters of its year for its unit and every unit above it, in the
 * change's own transaction (unconditioned: a counter item is made on first use).
 */
export function statsItems(plan: StatsPlan | undefined): WriteItem[] {
  if (!plan) return [];
  const entries = Object.entries(plan.delta).filter(([, v]) => v !== 0);
  if (entries.length === 0) return [];
  const names: Record<string, string> = { '#kind': 'kind', '#unitId': 'unitId', '#year': 'year' };
  const values: Record<string, unknown> = { ':kind': 'honour-stats', ':year': plan.year };
  const adds = entries.map(([name, v], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = v;
    return `#c${i} :c${i}`;
  });
  return plan.units.map((unitId) => ({
    Update: {
      Key: honourStatsKey(unitId, plan.year),
      UpdateExpression: `SET #kind = :kind, #unitId = :unitId, #year = :year ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':unitId': unitId },
    },
  }));
}

export function createStatsStore(db: Db): StatsStore {
  return {
    async of(unitId, fromYear, toYear) {
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': honourStatsPk(unitId),
            ':from': honourStatsKey(unitId, fromYear).sk,
            ':to': honourStatsKey(unitId, toYear).sk,
          },
        }),
      );
      // At most 50 years (the route's bound), each a few hundred bytes: one page.
      return (out.Items ?? []).map((item) => {
        const counters: StatsDelta = {};
        for (const [k, v] of Object.entries(item)) if (!NOT_COUNTERS.has(k) && typeof v === 'number') counters[k] = v;
        return counters;
      });
    },
  };
}

export function createHonourRolls(db: Db): HonourRolls {
  return {
    ofUnit: (unitId, year, page) =>
      gsi1Page(
        db,
        { gsi1pk: unitHonoursIndex(unitId, '').gsi1pk, prefix: year === undefined ? '' : `${year}#` },
        page,
        (i) => stripKeys<Award>(i),
      ),
  };
}
