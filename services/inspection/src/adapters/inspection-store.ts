import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Inspection } from '@congdoan/contracts';
import { type Db, queryAll, queryPage, stripKeys } from '@congdoan/ddb';
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

/** An inspection as stored; one written before inspections could rest on a case has no basis. */
const fromItem = (item: Record<string, unknown>): Inspection => {
  const inspection = stripKeys<Inspection>(item);
  return { ...inspection, basis: inspection.basis ?? null };
};

export function createInspectionStore(db: Db): InspectionStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: inspectionKey(id), ConsistentRead: true }),
      );
      return Item ? fromItem(Item) : undefined;
    },
    async create(inspection, ctx, events = []) {
      await write(
        db,
        [['record', versioned(inspectionItem(inspection), 0)]],
        {
          events,
          audit: [
            { entityType: 'inspection', entityId: inspection.id, action: 'open', before: null, after: inspection },
          ],
        },
        ctx,
      );
    },
    async listOfUnit(unitId, filter, page) {
      const { gsi1pk } = unitInspectionsIndex(unitId, '', '');
      const prefix = filter.year === undefined ? '' : `${filter.year}-`;
      const { items, nextCursor } = await queryPage(
        db,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
          // The stage is not in the key: filtered within the page read, so a page may hold fewer than the limit.
          ...(filter.stage ? { FilterExpression: 'stage = :stage' } : {}),
          ExpressionAttributeValues: {
            ':pk': gsi1pk,
            ...(prefix ? { ':prefix': prefix } : {}),
            ...(filter.stage ? { ':stage': filter.stage } : {}),
          },
          ScanIndexForward: false,
        },
        page,
        // A cursor is the client's input: it must continue this unit's list, of this year.
        { sk: 'INSPECTION', gsi1pk, gsi1sk: { prefix } },
      );
      return { items: items.map(fromItem), nextCursor };
    },
    async decidedIn(unitId, year) {
      const items = await queryAll(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :year)',
        ExpressionAttributeValues: { ':pk': unitInspectionsIndex(unitId, '', '').gsi1pk, ':year': `${year}-` },
      });
      return items.map(fromItem);
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
