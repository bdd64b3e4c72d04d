import { randomUUID } from 'node:crypto';
import { DisciplineLapsed, DisciplineRevoked, ProceedingClosed, ProceedingOpened } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dissolutionDecided } from '../../../../test/support/bus-events.ts';
import { freshTable } from '../../../../test/support/tables.ts';
import { createSubjectRecords } from '../../src/adapters/subject-records.ts';
import { type InspectionFactEvent, recordInspectionFact } from '../../src/app/inspection-facts.ts';
import type { SubjectRecords } from '../../src/app/ports.ts';
import { checkEligibility } from '../../src/domain/eligibility/engine.ts';
import type { EligibilityFacts } from '../../src/domain/eligibility/facts.ts';
import { titleOn } from '../../src/domain/policy/catalogue.ts';
import { ABSENCE_SETTINGS } from '../../src/domain/policy/settings.ts';
import { reprimanded } from './inspection-events.ts';

/**
 * Emulation keeping inspection's discipline and proceeding events on DynamoDB Local, as the
 * subscription hands them over: each event once, each record at its highest version, whatever
 * order they arrive in. The events are built here and checked against inspection's contracts.
 */
let db: Db;
let deps: { subjects: SubjectRecords };
const ctx = (): WriteContext => ({
  actor: { id: 'emulation:inspection-facts', roles: [], unitId: null },
  correlationId: randomUUID(),
  now: () => new Date('2026-03-10T03:00:00Z'),
  newId: randomUUID,
});

const member = (memberId: string) => ({ kind: 'member' as const, memberId, unitId: 'cdcs-a' });
const decided = (memberId: string, disciplineId: string) => reprimanded(memberId, disciplineId);
const lapsed = (memberId: string, disciplineId: string): InspectionFactEvent => ({
  type: 'DisciplineLapsed',
  eventId: randomUUID(),
  data: DisciplineLapsed.data.parse({
    disciplineId,
    version: 2,
    subject: member(memberId),
    form: 'reprimand',
    lapsedOn: '2026-05-03',
  }),
});
const revoked = (memberId: string, disciplineId: string): InspectionFactEvent => ({
  type: 'DisciplineRevoked',
  eventId: randomUUID(),
  data: DisciplineRevoked.data.parse({
    disciplineId,
    version: 2,
    subject: member(memberId),
    form: 'reprimand',
    decision: { number: '20/QĐ-UBKT', date: '2025-08-01' },
    issuerUnitId: 'upper',
    groundsSummary: 'Khiếu nại được chấp nhận',
  }),
});
const opened = (memberId: string, proceedingId: string, version = 1, openedOn = '2026-01-05'): InspectionFactEvent => ({
  type: 'ProceedingOpened',
  eventId: randomUUID(),
  data: ProceedingOpened.data.parse({
    proceedingId,
    version,
    kind: 'denunciation',
    subject: member(memberId),
    handlingUnitId: 'upper',
    openedOn,
  }),
});
const closed = (memberId: string, proceedingId: string, version = 2): InspectionFactEvent => ({
  type: 'ProceedingClosed',
  eventId: randomUUID(),
  data: ProceedingClosed.data.parse({
    proceedingId,
    version,
    kind: 'denunciation',
    subject: member(memberId),
    handlingUnitId: 'upper',
    closedOn: '2026-02-10',
    outcome: 'concluded',
  }),
});
const apply = (ev: InspectionFactEvent) => recordInspectionFact(deps, ev, ctx());
const of = (memberId: string) => deps.subjects.of({ kind: 'member', memberId });

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = { subjects: createSubjectRecords(db) };
});

describe('inspection’s discipline events, kept for eligibility', () => {
  it('keeps a decision, then its lapse; a redelivery changes nothing', async () => {
    const d = decided('m-1', 'd-1');
    expect(await apply(d)).toBe('applied');
    expect(await apply(d)).toBe('duplicate');
    expect((await of('m-1')).disciplines).toEqual([
      {
        disciplineId: 'd-1',
        form: 'reprimand',
        decision: { number: '12/QĐ-UBKT', date: '2025-05-03' },
        status: 'in-force',
        lapsedOn: null,
      },
    ]);
    const l = lapsed('m-1', 'd-1');
    expect(await apply(l)).toBe('applied');
    expect(await apply(l)).toBe('duplicate');
    expect((await of('m-1')).disciplines[0]).toMatchObject({ status: 'lapsed', lapsedOn: '2026-05-03' });
  });

  it('keeps the highest version when a revocation overtakes its decision, the decision’s number still filled in', async () => {
    expect(await apply(revoked('m-2', 'd-2'))).toBe('applied');
    expect(await apply(decided('m-2', 'd-2'))).toBe('superseded');
    expect((await of('m-2')).disciplines).toEqual([
      {
        disciplineId: 'd-2',
        form: 'reprimand',
        decision: { number: '12/QĐ-UBKT', date: '2025-05-03' },
        status: 'revoked',
        lapsedOn: null,
      },
    ]);
  });

  it('applies each of concurrent redeliveries once', async () => {
    const d = decided('m-3', 'd-3');
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => apply(d)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect((await of('m-3')).disciplines).toHaveLength(1);
  });
});

describe('a dissolution (giải tán) of a unit', () => {
  it('is kept against the unit, in force and never lapsing; a redelivery changes nothing', async () => {
    const dissolved: InspectionFactEvent = {
      type: 'DisciplineDecided',
      eventId: randomUUID(),
      data: dissolutionDecided('cdcs-z', 'd-unit'),
    };
    expect(await apply(dissolved)).toBe('applied');
    expect(await apply(dissolved)).toBe('duplicate');
    expect((await deps.subjects.of({ kind: 'unit', unitId: 'cdcs-z' })).disciplines).toEqual([
      {
        disciplineId: 'd-unit',
        form: 'dissolution',
        decision: { number: '21/QĐ-UBKT', date: '2026-03-09' },
        status: 'in-force',
        lapsedOn: null,
      },
    ]);
  });
});

describe('proceedings, kept for the freeze', () => {
  const facts = (records: Awaited<ReturnType<typeof of>>, checkedOn: string): EligibilityFacts => ({
    nominationId: 'nom-1',
    title: titleOn('lao-dong-tien-tien', '2026-01-01')!,
    period: { year: 2025, from: '2025-01-01', to: '2025-12-31' },
    checkedOn,
    candidate: {
      kind: 'member',
      memberId: 'm-4',
      joinDate: '2010-01-01',
      history: [{ from: '2010-01-01', to: null, unitId: 'cdcs-a', status: 'active' }],
    },
    ...records,
    absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
    absenceSetting: ABSENCE_SETTINGS[0]!,
    heldTitles: [],
    achievements: [],
    titleNames: {},
  });

  it('freezes a candidate while a denunciation is pending, and releases them once it closes', async () => {
    await apply(opened('m-4', 'p-1'));
    const pending = checkEligibility(facts(await of('m-4'), '2026-01-15'));
    expect(pending.outcome).toBe('frozen');
    expect(pending.verdicts.find((v) => v.rule === 'not-under-proceeding')?.reason.vi).toBe(
      'Tạm dừng xét: đang bị tố cáo từ ngày 05/01/2026, chưa kết thúc ngày 15/01/2026 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    await apply(closed('m-4', 'p-1'));
    const released = checkEligibility(facts(await of('m-4'), '2026-02-20'));
    expect(released.outcome).toBe('eligible');
  });

  it('keeps a closing that arrived before its opening closed, with the opening day filled in', async () => {
    expect(await apply(closed('m-5', 'p-2'))).toBe('applied');
    expect((await of('m-5')).proceedings).toEqual([]); // no opening day yet: nothing to freeze on
    expect(await apply(opened('m-5', 'p-2'))).toBe('superseded');
    expect((await of('m-5')).proceedings).toEqual([
      { proceedingId: 'p-2', kind: 'denunciation', openedOn: '2026-01-05', closedOn: '2026-02-10' },
    ]);
  });

  it('reopens on a later version, from its new opening day', async () => {
    await apply(opened('m-6', 'p-3', 1, '2026-01-05'));
    await apply(closed('m-6', 'p-3', 2));
    await apply(opened('m-6', 'p-3', 3, '2026-03-01'));
    expect((await of('m-6')).proceedings).toEqual([
      { proceedingId: 'p-3', kind: 'denunciation', openedOn: '2026-03-01', closedOn: null },
    ]);
  });
});
