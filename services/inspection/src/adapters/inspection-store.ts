import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Inspection } from '@congdoan/contracts';
import { type Db, stripKeys } from '@congdoan/ddb';
import type { InspectionStore } from '../app/ports.ts';
import { inspectionKey, unitInspectionsIndex } from './keys.ts';
import { planItem } from './plan-store.ts';
import { recommendationItem } from './recommendation-store.ts';
import { type Labelled, versioned, write } from './writes.ts';

const inspectionItem = (i: Inspection) => ({
  ...inspectionKey(i.id),
  kind: 'inspection',
  ...unitInspectionsIndex(i.unitId, i.decision.date, i.id),
  ...i,
});

export function createInspectionStore(db: Db): InspectionStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: inspectionKey(id), ConsistentRead: true }),
      );
      return Item ? stripKeys<Inspection>(Item) : undefined;
    },
    async create(inspection, ctx) {
      await write(
        db,
        [['record', versioned(inspectionItem(inspection), 0)]],
        {
          audit: [
            { entityType: 'inspection', entityId: inspection.id, action: 'open', before: null, after: inspection },
          ],
        },
        ctx,
      );
    },
    /** The step, its new recommendations and the plan item it completes: one transaction. */
    async save(change, ctx, ifMatch) {
      const { before, after, plan, recommendations = [] } = change;
      const items: Labelled[] = [
        ['record', versioned(inspectionItem(after), before.version)],
        ...recommendations.map((r): Labelled => ['other', versioned(recommendationItem(r), 0)]),
        ...(plan ? [['other', versioned(planItem(plan.after), plan.before.version)] as Labelled] : []),
      ];
      await write(
        db,
        items,
        {
          events: change.events ?? [],
          audit: [
            { entityType: 'inspection', entityId: after.id, action: change.action, before, after },
            ...recommendations.map((r) => ({
              entityType: 'recommendation',
              entityId: r.id,
              action: 'create',
              before: null,
              after: r,
            })),
            ...(plan
              ? [
                  {
                    entityType: 'inspection-plan',
                    entityId: plan.after.id,
                    action: 'complete-item',
                    before: plan.before,
                    after: plan.after,
                  },
                ]
              : []),
          ],
        },
        ctx,
        ifMatch,
      );
    },
  };
}
