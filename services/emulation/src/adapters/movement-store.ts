import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Movement, Registration, RegistrationTotals } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, stripKeys, type WriteItem } from '@congdoan/ddb';
import type { MovementStore, RegistrationStore, TotalsPlan } from '../app/movement-ports.ts';
import { alreadyConfirmed } from '../domain/errors.ts';
import { EMPTY_TOTALS } from '../domain/movement.ts';
import {
  movementKey,
  movementRegistrationsIndex,
  registrationKey,
  totalsPk,
  totalsSk,
  unitMovementsIndex,
} from './keys.ts';
import { gsi1Page } from './pages.ts';

const TOTAL_FIELDS = Object.keys(EMPTY_TOTALS) as (keyof RegistrationTotals)[];

/** A movement's own `kind` (movement or campaign) is kept as `movementKind`: `kind` names the item. */
const movementItem = (m: Movement) => ({
  ...movementKey(m.id),
  ...unitMovementsIndex(m.unitId, m.period.from, m.id),
  ...m,
  kind: 'movement',
  movementKind: m.kind,
});
function movementFromItem(item: Record<string, unknown>): Movement {
  const { movementKind, ...rest } = stripKeys<Omit<Movement, 'kind'> & { movementKind: Movement['kind'] }>(item);
  return { ...rest, kind: movementKind };
}

export function createMovementStore(db: Db): MovementStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: movementKey(id) }));
      return Item ? movementFromItem(Item) : undefined;
    },
    async create(movement, ctx) {
      await commit(
        db,
        {
          items: [
            {
              Put: {
                Item: movementItem(movement),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
          audit: [{ entityType: 'movement', entityId: movement.id, action: 'launch', before: null, after: movement }],
        },
        ctx,
      );
    },
    async launchedBy(unitIds, year) {
      // Per unit, the movements started by the end of the year; those ended before it are dropped.
      const pages = await Promise.all(
        unitIds.map(async (unitId) => {
          const items: Movement[] = [];
          let start: Record<string, unknown> | undefined;
          do {
            const out = await db.client.send(
              new QueryCommand({
                TableName: db.tableName,
                IndexName: 'gsi1',
                KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :last',
                ExpressionAttributeValues: {
                  ':pk': unitMovementsIndex(unitId, '', '').gsi1pk,
                  ':last': `${year}-12-31#\uffff`,
                },
                ExclusiveStartKey: start,
              }),
            );
            items.push(...(out.Items ?? []).map(movementFromItem));
            start = out.LastEvaluatedKey;
          } while (start);
          return items;
        }),
      );
      return pages.flat().filter((m) => m.period.to >= `${year}-01-01`);
    },
  };
}

/** `ADD` the delta to one totals item, creating it on first use. */
function addTotals(unitId: string, movementId: string | null, year: number, delta: TotalsPlan['delta']): WriteItem {
  const fields = TOTAL_FIELDS.filter((f) => (delta[f] ?? 0) !== 0);
  const names: Record<string, string> = { '#kind': 'kind', '#unitId': 'unitId', '#year': 'year', '#mov': 'movementId' };
  const values: Record<string, unknown> = {
    ':kind': 'registration-totals',
    ':unitId': unitId,
    ':year': year,
    ':mov': movementId,
  };
  const adds = fields.map((f, i) => {
    names[`#t${i}`] = f;
    values[`:t${i}`] = delta[f];
    return `#t${i} :t${i}`;
  });
  return {
    Update: {
      Key: { pk: totalsPk(unitId), sk: totalsSk(movementId, year) },
      UpdateExpression: `SET #kind = :kind, #unitId = :unitId, #year = :year, #mov = :mov ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

const totalsItems = (plan: TotalsPlan): WriteItem[] => [
  ...plan.allUnits.map((u) => addTotals(u, null, plan.year, plan.delta)),
  ...plan.movementUnits.map((u) => addTotals(u, plan.movementId, plan.year, plan.delta)),
];

/** A registration's own `kind` (title, commitment, deeds) is kept as `registrationKind`. */
const registrationItem = (r: Registration) => ({
  ...registrationKey(r.id),
  ...movementRegistrationsIndex(r.movementId, r.registeredOn, r.id),
  ...r,
  kind: 'registration',
  registrationKind: r.kind,
});
function registrationFromItem(item: Record<string, unknown>): Registration {
  const { registrationKind, ...rest } = stripKeys<
    Omit<Registration, 'kind'> & { registrationKind: Registration['kind'] }
  >(item);
  return { ...rest, kind: registrationKind };
}

export function createRegistrationStore(db: Db): RegistrationStore {
  return {
    async get(id) {
      const { Item } = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: registrationKey(id), ConsistentRead: true }),
      );
      return Item ? registrationFromItem(Item) : undefined;
    },

    ofMovement: (movementId, page) =>
      gsi1Page(db, { gsi1pk: movementRegistrationsIndex(movementId, '', '').gsi1pk }, page, registrationFromItem),

    async register(registration, plan, ctx) {
      await commit(
        db,
        {
          items: [
            { Put: { Item: registrationItem(registration), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              ConditionCheck: {
                Key: movementKey(registration.movementId),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            ...totalsItems(plan),
          ],
          audit: [
            {
              entityType: 'registration',
              entityId: registration.id,
              action: 'register',
              before: null,
              after: registration,
            },
          ],
        },
        ctx,
      );
    },

    async confirm(before, after, plan, ctx) {
      try {
        await commit(
          db,
          {
            items: [
              {
                Put: {
                  Item: registrationItem(after),
                  ConditionExpression: '#version = :read AND #status = :registered',
                  ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
                  ExpressionAttributeValues: { ':read': before.version, ':registered': 'registered' },
                },
              },
              ...totalsItems(plan),
            ],
            audit: [{ entityType: 'registration', entityId: after.id, action: 'confirm', before, after }],
          },
          ctx,
        );
      } catch (error) {
        // The only change a registration undergoes is its confirmation: another got there first.
        if (error instanceof ConditionFailedError && error.index === 0) throw alreadyConfirmed();
        throw error;
      }
    },

    async totals(unitId, fromYear, toYear, movementId) {
      const out = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': totalsPk(unitId),
            ':from': totalsSk(movementId, fromYear),
            ':to': totalsSk(movementId, toYear),
          },
        }),
      );
      // At most 50 years (the query's bound): one page.
      return (out.Items ?? []).map((i) => ({
        year: Number(i.year),
        totals: Object.fromEntries(TOTAL_FIELDS.map((f) => [f, Number(i[f] ?? 0)])) as RegistrationTotals,
      }));
    },
  };
}
