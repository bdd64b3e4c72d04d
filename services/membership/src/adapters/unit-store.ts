import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  conflict,
  staleVersion,
  type Unit,
  UnitCreated,
  UnitDissolved,
  UnitMerged,
  UnitMoved,
  UnitUpdated,
  unitSchema,
} from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, event, TransactionConflictError, type WriteItem } from '@congdoan/ddb';
import type { Page, PageKey, UnitStore } from '../app/ports.ts';
import { allUnitsIndex, childrenIndex, unitCodeKey, unitKey } from './keys.ts';

const UNIT_FIELDS = Object.keys(unitSchema.shape) as (keyof Unit)[];

function toItem(unit: Unit): Record<string, unknown> {
  return {
    ...unitKey(unit.id),
    kind: 'unit',
    ...unit,
    ...childrenIndex(unit.parentId, unit.status, unit.code),
    ...allUnitsIndex(unit.level, unit.code),
  };
}

function fromItem(item: Record<string, unknown>): Unit {
  const unit: Record<string, unknown> = {};
  for (const field of UNIT_FIELDS) unit[field] = item[field];
  // Units written before these fields existed: not known, none recorded.
  unit.foundedOn ??= null;
  unit.lastMerger ??= null;
  return unit as Unit;
}

const codeTaken = (code: string) =>
  conflict('unit-code-taken', {
    vi: `Mã đơn vị "${code}" đã được dùng cho một đơn vị khác.`,
    en: `Unit code "${code}" is already used by another unit.`,
  });

/** The unit's own version guard: with If-Match a mismatch is the client's 412, without it a re-read and retry. */
function unitGuard(before: Unit): { condition: string; values: Record<string, unknown> } {
  return { condition: 'version = :readVersion', values: { ':readVersion': before.version } };
}

function versionFailure(error: unknown, index: number, ifMatch: number | undefined, current: Unit): unknown {
  if (error instanceof ConditionFailedError && error.index === index) {
    const actual = Number(error.item?.version ?? current.version);
    return ifMatch !== undefined ? staleVersion(ifMatch, actual) : new TransactionConflictError(error);
  }
  return error;
}

export function createUnitStore(db: Db): UnitStore {
  const { client, tableName } = db;

  async function get(id: string): Promise<Unit | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: unitKey(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  async function queryPage(
    index: 'gsi1' | 'gsi2',
    keyCondition: string,
    values: Record<string, unknown>,
    page: { limit: number; startKey?: PageKey },
  ): Promise<Page<Unit>> {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeValues: values,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    const items = out.Items ?? [];
    const keyNames = index === 'gsi1' ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    return {
      items: items.map(fromItem),
      keys: items.map((i) => Object.fromEntries(['pk', 'sk', ...keyNames].map((k) => [k, i[k]]))),
      lastKey: out.LastEvaluatedKey,
    };
  }

  const listChildren: UnitStore['listChildren'] = (parentId, page, options) =>
    options?.includeDissolved
      ? queryPage('gsi1', 'gsi1pk = :pk', { ':pk': childrenIndex(parentId, '', '').gsi1pk }, page)
      : queryPage(
          'gsi1',
          'gsi1pk = :pk AND begins_with(gsi1sk, :active)',
          { ':pk': childrenIndex(parentId, '', '').gsi1pk, ':active': 'active#' },
          page,
        );

  const counter = (
    unitId: string,
    delta: 1 | -1,
    extraCondition?: { expr: string; values: Record<string, unknown> },
  ) => ({
    Update: {
      Key: unitKey(unitId),
      UpdateExpression: 'ADD childCount :delta',
      ConditionExpression: ['attribute_exists(pk)', '#status = :active', extraCondition?.expr]
        .filter(Boolean)
        .join(' AND '),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':delta': delta, ':active': 'active', ...extraCondition?.values },
    },
  });

  /** A unit leaves its parent (moved away or dissolved): one active child fewer. */
  const leaveParent = (parentId: string): WriteItem => ({
    Update: {
      Key: unitKey(parentId),
      UpdateExpression: 'ADD childCount :delta',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': -1 },
    },
  });

  return {
    get,
    getNode: get,
    listChildren,

    listAll: (page) => queryPage('gsi2', 'gsi2pk = :pk', { ':pk': 'UNITS' }, page),

    async countActiveChildren(parentId) {
      let count = 0;
      let startKey: PageKey | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :active)',
            ExpressionAttributeValues: { ':pk': `CHILDREN#${parentId}`, ':active': 'active#' },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        count += out.Count ?? 0;
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return count;
    },

    async create(unit, parent, ctx) {
      const items: WriteItem[] = [
        { Put: { Item: toItem(unit), ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            Item: { ...unitCodeKey(unit.code), kind: 'unit-code', unitId: unit.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      if (parent) items.push(counter(parent.id, 1));
      try {
        await commit(
          db,
          {
            items,
            events: [event(UnitCreated, { unit })],
            audit: [{ entityType: 'unit', entityId: unit.id, action: 'create', before: null, after: unit }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 1) throw codeTaken(unit.code);
        // The parent was dissolved meanwhile: reading again reports it properly.
        if (error instanceof ConditionFailedError && error.index === 2) throw new TransactionConflictError(error);
        throw error;
      }
    },

    async update(before, after, changed, ctx, ifMatch) {
      const items: WriteItem[] = [
        {
          Put: {
            Item: toItem(after),
            ConditionExpression: unitGuard(before).condition,
            ExpressionAttributeValues: unitGuard(before).values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ];
      if (before.code !== after.code) {
        items.push(
          {
            Delete: {
              Key: unitCodeKey(before.code),
              ConditionExpression: 'unitId = :id',
              ExpressionAttributeValues: { ':id': before.id },
            },
          },
          {
            Put: {
              Item: { ...unitCodeKey(after.code), kind: 'unit-code', unitId: after.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        );
      }
      try {
        await commit(
          db,
          {
            items,
            events: [event(UnitUpdated, { unit: after, changed })],
            audit: [{ entityType: 'unit', entityId: after.id, action: 'update', before, after }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index === 2) throw codeTaken(after.code);
        throw versionFailure(error, 0, ifMatch, before);
      }
    },

    async move(before, after, newParentChain, ctx, ifMatch) {
      // Guard the new parent's whole ancestor chain: if any of them moved meanwhile
      // (perhaps under this very unit), the cycle check above is stale and must be redone.
      const writes = new Map<string, WriteItem>();
      writes.set(before.id, {
        Put: {
          Item: toItem(after),
          ConditionExpression: unitGuard(before).condition,
          ExpressionAttributeValues: unitGuard(before).values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
      newParentChain.forEach((ancestor, i) => {
        const unchanged = { expr: 'version = :v', values: { ':v': ancestor.version } };
        if (i === 0) {
          writes.set(ancestor.id, counter(ancestor.id, 1, unchanged));
        } else {
          writes.set(ancestor.id, {
            ConditionCheck: {
              Key: unitKey(ancestor.id),
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: unchanged.values,
            },
          });
        }
      });
      if (before.parentId) {
        const previous = writes.get(before.parentId);
        // The old parent may also be an ancestor of the new one: one item, both effects.
        if (previous && 'ConditionCheck' in previous) {
          writes.set(
            before.parentId,
            counter(before.parentId, -1, {
              expr: 'version = :v',
              values: previous.ConditionCheck.ExpressionAttributeValues ?? {},
            }),
          );
        } else {
          writes.set(before.parentId, leaveParent(before.parentId));
        }
      }
      try {
        await commit(
          db,
          {
            items: [...writes.values()],
            events: [event(UnitMoved, { unit: after, fromParentId: before.parentId, toParentId: after.parentId! })],
            audit: [{ entityType: 'unit', entityId: after.id, action: 'move', before, after }],
          },
          ctx,
        );
      } catch (error) {
        if (error instanceof ConditionFailedError && error.index > 0) throw new TransactionConflictError(error);
        throw versionFailure(error, 0, ifMatch, before);
      }
    },

    async dissolve(before, after, ctx, ifMatch, mergedInto) {
      const items: WriteItem[] = [
        {
          // Counters are read in the same condition: a member or child added meanwhile refuses the dissolution.
          Put: {
            Item: toItem(after),
            ConditionExpression: 'version = :readVersion AND childCount = :zero AND memberCount = :zero',
            ExpressionAttributeValues: { ':readVersion': before.version, ':zero': 0 },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ];
      if (before.parentId) items.push(leaveParent(before.parentId));
      const events = [event(UnitDissolved, { unit: after })];
      const audit = [{ entityType: 'unit', entityId: after.id, action: 'dissolve', before, after }];
      if (mergedInto) {
        // Only the merger's fields: the absorbing unit's counters move on their own (ADD) and stay as they are.
        items.push({
          Update: {
            Key: unitKey(mergedInto.after.id),
            UpdateExpression: 'SET lastMerger = :merger, version = :version, updatedAt = :at',
            ConditionExpression: 'version = :readVersion AND #status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':merger': mergedInto.after.lastMerger,
              ':version': mergedInto.after.version,
              ':at': mergedInto.after.updatedAt,
              ':readVersion': mergedInto.before.version,
              ':active': 'active',
            },
          },
        });
        events.push(
          event(UnitMerged, {
            unit: mergedInto.after,
            absorbedUnitId: after.id,
            date: after.dissolution!.effectiveDate,
          }),
        );
        audit.push({
          entityType: 'unit',
          entityId: mergedInto.after.id,
          action: 'merge',
          before: mergedInto.before,
          after: mergedInto.after,
        });
      }
      try {
        await commit(db, { items, events, audit }, ctx);
      } catch (error) {
        // The absorbing unit changed meanwhile: read both again.
        if (mergedInto && error instanceof ConditionFailedError && error.index === items.length - 1) {
          throw new TransactionConflictError(error);
        }
        if (
          error instanceof ConditionFailedError &&
          error.index === 0 &&
          Number(error.item?.version) === before.version
        ) {
          // Same version, so a counter changed: re-read and let the domain rule explain.
          throw new TransactionConflictError(error);
        }
        throw versionFailure(error, 0, ifMatch, before);
      }
    },

    async repairChildCount(unit, actual, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Update: {
                Key: unitKey(unit.id),
                UpdateExpression: 'SET childCount = :actual',
                ConditionExpression: 'childCount = :stored',
                ExpressionAttributeValues: { ':actual': actual, ':stored': unit.childCount },
              },
            },
          ],
          audit: [
            {
              entityType: 'unit',
              entityId: unit.id,
              action: 'repair-child-count',
              before: { childCount: unit.childCount },
              after: { childCount: actual },
            },
          ],
        },
        ctx,
      );
    },
  };
}
