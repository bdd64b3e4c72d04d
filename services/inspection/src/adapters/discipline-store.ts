import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Discipline } from '@congdoan/contracts';
import { type Db, queryAll, queryPage, stripKeys } from '@congdoan/ddb';
import type { DisciplineStore } from '../app/ports.ts';
import type { GuardEntry } from '../domain/discipline.ts';
import { datedBefore } from './date-index.ts';
import {
  disciplineGuardKey,
  disciplineKey,
  issuedDisciplineKey,
  LAPSE_INDEX_PK,
  lapseIndex,
  type MilestoneKind,
  unitDisciplineIndex,
} from './keys.ts';
import { type Labelled, versioned, write } from './writes.ts';

/** Decisions in force that may lapse carry the lapse index; lapsed, revoked and final ones leave it. */
export const disciplineItem = (d: Discipline) => ({
  ...disciplineKey(d.id),
  kind: 'discipline',
  ...unitDisciplineIndex(d.subject.unitId, d.decision.date, d.id),
  ...(d.status === 'in-force' && d.lapsesOn ? lapseIndex(d.lapsesOn, d.id) : {}),
  ...d,
});

const fromItem = (item: Record<string, unknown>) => stripKeys<Discipline>(item);

const MILESTONES: readonly MilestoneKind[] = ['decided', 'lapsed', 'revoked'];

/**
 * The milestones a change reaches, each on its own day: a new decision is decided on its date, a
 * lapse on its lapse day, a revocation on the revoking decision's date. A deferred lapse reaches none.
 */
function milestonesOf(before: Discipline | null, after: Discipline): [MilestoneKind, string][] {
  const reached: [MilestoneKind, string][] = [];
  if (!before) reached.push(['decided', after.decision.date]);
  if (after.status === 'lapsed' && before?.status !== 'lapsed' && after.lapsedOn) {
    reached.push(['lapsed', after.lapsedOn]);
  }
  if (after.status === 'revoked' && before?.status !== 'revoked' && after.revocation) {
    reached.push(['revoked', after.revocation.decision.date]);
  }
  return reached;
}

/** The report's entry of one milestone under the issuer: written again as the same item if a step is retried. */
const milestoneItem = (d: Discipline, milestone: MilestoneKind, day: string): Labelled => [
  'other',
  {
    Put: {
      Item: {
        ...issuedDisciplineKey(d.issuerUnitId, milestone, day, d.id),
        kind: 'discipline-milestone',
        disciplineId: d.id,
        form: d.form,
        milestone,
        day,
      },
    },
  },
];

export function createDisciplineStore(db: Db): DisciplineStore {
  const get = async (key: Record<string, string>) =>
    (await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))).Item;
  return {
    async get(id) {
      const item = await get(disciplineKey(id));
      return item ? fromItem(item) : undefined;
    },
    async listOfUnit(unitId, page) {
      const { gsi1pk } = unitDisciplineIndex(unitId, '', '');
      const { items, nextCursor } = await queryPage(
        db,
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': gsi1pk },
          ScanIndexForward: false,
        },
        page,
        // A cursor is the client's input: it must continue this unit's list.
        { gsi1pk },
      );
      return { items: items.map(fromItem), nextCursor };
    },
    async readGuard(subject) {
      const item = await get(disciplineGuardKey(subject));
      return item
        ? { version: Number(item.version), entries: (item.entries as GuardEntry[]) ?? [] }
        : { version: 0, entries: [] };
    },
    async save(change, ctx, ifMatch) {
      const { before, after, guard } = change;
      await write(
        db,
        [
          ['record', versioned(disciplineItem(after), before?.version ?? 0)],
          ...milestonesOf(before, after).map(([milestone, day]) => milestoneItem(after, milestone, day)),
          [
            'other',
            versioned(
              {
                ...disciplineGuardKey(after.subject),
                kind: 'discipline-guard',
                version: guard.read + 1,
                entries: guard.entries,
              },
              guard.read,
            ),
          ],
        ],
        {
          events: change.events,
          audit: [{ entityType: 'discipline', entityId: after.id, action: change.action, before, after }],
        },
        ctx,
        ifMatch,
      );
    },
    async milestonesIn(issuerUnitId, year) {
      const reached = await Promise.all(
        MILESTONES.map(async (milestone) => {
          const { pk } = issuedDisciplineKey(issuerUnitId, milestone, '', '');
          const items = await queryAll(db, {
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': pk,
              ':from': `${milestone}#${year}-01-01`,
              ':to': `${milestone}#${year}-12-31~`,
            },
          });
          return items.map((i) => ({
            milestone,
            id: String(i.disciplineId),
            form: i.form as Discipline['form'],
            day: String(i.day),
          }));
        }),
      );
      return reached.flat();
    },
    async lapsingBefore(day, limit) {
      return (await datedBefore(db, LAPSE_INDEX_PK, day, limit)).map(fromItem);
    },
  };
}
