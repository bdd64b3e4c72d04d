import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll, stripKeys } from '@congdoan/ddb';
import type { PlanStore } from '../app/ports.ts';
import type { PlanRecord } from '../domain/plan.ts';
import { planKey, unitPlansIndex } from './keys.ts';
import { versioned, write } from './writes.ts';

export const planItem = (plan: PlanRecord) => ({
  ...planKey(plan.id),
  kind: 'plan',
  ...unitPlansIndex(plan.unitId, plan.year, plan.id),
  ...plan,
});

export const planFromItem = (item: Record<string, unknown>) => stripKeys<PlanRecord>(item);

export function createPlanStore(db: Db): PlanStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: planKey(id), ConsistentRead: true }),
      );
      return Item ? planFromItem(Item) : undefined;
    },
    async listOfUnit(unitId, year) {
      const index = unitPlansIndex(unitId, '', '');
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: year === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND begins_with(gsi1sk, :year)',
        ExpressionAttributeValues: { ':pk': index.gsi1pk, ...(year === undefined ? {} : { ':year': `${year}#` }) },
        ScanIndexForward: false,
      });
      return items.map(planFromItem);
    },
    async create(plan, ctx) {
      await write(
        db,
        [['record', versioned(planItem(plan), 0)]],
        {
          audit: [{ entityType: 'inspection-plan', entityId: plan.id, action: 'create', before: null, after: plan }],
        },
        ctx,
      );
    },
    async save(before, after, ctx, action, ifMatch) {
      await write(
        db,
        [['record', versioned(planItem(after), before.version)]],
        { audit: [{ entityType: 'inspection-plan', entityId: after.id, action, before, after }] },
        ctx,
        ifMatch,
      );
    },
  };
}
