import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Unit } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, queryAll, type WriteContext } from '@congdoan/ddb';
import type { UnitLookup, UnitNode } from './scope.ts';

/** A unit as the directory keeps it: enough for scope checks and labels. */
export interface DirectoryUnit extends UnitNode {
  code: string;
  name: string;
  level: Unit['level'];
  status: Unit['status'];
  /** The founding decision's day; null: not known. */
  foundedOn: string | null;
  /** The day of the last merger into the unit; null: none recorded. */
  lastMergerOn: string | null;
  version: number;
}

const key = (id: string) => ({ pk: `ORG#${id}`, sk: 'UNIT' });
const childrenPk = (parentId: string | null) => `ORG_CHILDREN#${parentId ?? 'ROOT'}`;

/**
 * Upserts the unit if the event's version is newer than what the directory has.
 * Unit events carry the whole unit, so this tolerates duplicates and any order.
 * Returns false when the event was stale or a duplicate.
 */
export async function applyUnitSnapshot(db: Db, unit: Unit, ctx: WriteContext): Promise<boolean> {
  const item: Record<string, unknown> = {
    ...key(unit.id),
    kind: 'org-unit',
    id: unit.id,
    parentId: unit.parentId,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    status: unit.status,
    foundedOn: unit.foundedOn ?? null,
    lastMergerOn: unit.lastMerger?.date ?? null,
    version: unit.version,
    gsi1pk: childrenPk(unit.parentId),
    gsi1sk: `${unit.status}#${unit.code}`,
  };
  try {
    await commit(
      db,
      {
        items: [
          {
            Put: {
              Item: item,
              ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
              ExpressionAttributeValues: { ':version': unit.version },
            },
          },
        ],
      },
      ctx,
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

/** A unit's active children, by code, from the children index (a Query, all pages). */
export async function activeChildrenOf(db: Db, parentId: string): Promise<DirectoryUnit[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :active)',
    ExpressionAttributeValues: { ':pk': childrenPk(parentId), ':active': 'active#' },
  });
  return items.map(directoryUnitOf);
}

const directoryUnitOf = (Item: Record<string, unknown>): DirectoryUnit => ({
  id: String(Item.id),
  parentId: (Item.parentId as string | null | undefined) ?? null,
  code: String(Item.code),
  name: String(Item.name),
  level: Item.level as Unit['level'],
  status: Item.status as Unit['status'],
  foundedOn: (Item.foundedOn as string | null | undefined) ?? null,
  lastMergerOn: (Item.lastMergerOn as string | null | undefined) ?? null,
  version: Number(Item.version),
});

export function directoryLookup(db: Db): UnitLookup & { getUnit(id: string): Promise<DirectoryUnit | undefined> } {
  const getUnit = async (id: string): Promise<DirectoryUnit | undefined> => {
    const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key(id) }));
    return Item ? directoryUnitOf(Item) : undefined;
  };
  return { getUnit, getNode: getUnit };
}
