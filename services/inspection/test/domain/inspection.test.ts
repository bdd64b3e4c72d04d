import { CASE_CLASSES, DomainError, INSPECTION_STAGES, INSPECTION_STEPS, type Inspection } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { caseBasis, takeStep, transition } from '../../src/domain/inspection.ts';
import { addItems, approve, completeItem, type PlanRecord, planItem, progress } from '../../src/domain/plan.ts';
import { followUp, isOverdue } from '../../src/domain/recommendation.ts';
import { holdsSeatOn, teamBasis } from '../../src/domain/team.ts';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind}:${e.code}` : String(e);
  }
};

describe('the inspection state machine', () => {
  it('runs decision → team → fieldwork → findings → conclusion → recommendations', () => {
    expect(transition('decided', 'team')).toBe('team-formed');
    expect(transition('team-formed', 'fieldwork')).toBe('fieldwork');
    expect(transition('fieldwork', 'findings')).toBe('findings');
    expect(transition('findings', 'findings')).toBe('findings');
    expect(transition('findings', 'conclusion')).toBe('concluded');
    expect(transition('concluded', 'recommendations')).toBe('recommended');
    expect(transition('recommended', 'recommendations')).toBe('recommended');
  });

  it('refuses every other step with a 409 that names the stage, the step and the reason', () => {
    const legal = new Set([
      'decided>team',
      'team-formed>fieldwork',
      'fieldwork>findings',
      'findings>findings',
      'findings>conclusion',
      'concluded>recommendations',
      'recommended>recommendations',
    ]);
    for (const stage of INSPECTION_STAGES) {
      for (const step of INSPECTION_STEPS) {
        const outcome = code(() => transition(stage, step));
        expect(outcome, `${stage} > ${step}`).toBe(
          legal.has(`${stage}>${step}`) ? 'ok' : 'conflict:illegal-transition',
        );
      }
    }
    try {
      transition('decided', 'conclusion');
    } catch (e) {
      expect((e as DomainError).detail.en).toBe(
        'The step "conclusion" cannot be taken while the inspection is at "decided": findings must be recorded first, and the conclusion is given once',
      );
      expect((e as DomainError).detail.vi).toContain('kết luận');
    }
  });

  it('bumps the version with each step', () => {
    const inspection = { stage: 'decided', version: 3 } as Inspection;
    expect(takeStep(inspection, 'team', { team: [] }, new Date('2026-03-01T00:00:00Z'))).toMatchObject({
      stage: 'team-formed',
      version: 4,
      updatedAt: '2026-03-01T00:00:00.000Z',
    });
  });
});

describe('the team rule', () => {
  const candidate = { memberId: 'm1', active: true, inInspectedUnit: false, sitsOnUbkt: true, invited: false };
  it('takes a UBKT member from outside the inspected unit, or one named as invited', () => {
    expect(teamBasis(candidate)).toBe('ubkt');
    expect(teamBasis({ ...candidate, sitsOnUbkt: false, invited: true })).toBe('invited');
    expect(teamBasis({ ...candidate, invited: true })).toBe('ubkt');
  });
  it('refuses a member of the inspected unit, even on a UBKT or invited', () => {
    expect(code(() => teamBasis({ ...candidate, inInspectedUnit: true, invited: true }))).toBe(
      'unprocessable:team-member-of-inspected-unit',
    );
  });
  it('refuses a member on no UBKT who is not named invited, and one not active', () => {
    expect(code(() => teamBasis({ ...candidate, sitsOnUbkt: false }))).toBe('unprocessable:team-member-not-on-ubkt');
    expect(code(() => teamBasis({ ...candidate, active: false }))).toBe('unprocessable:team-member-not-active');
  });
  it('counts a seat from its first day up to, not including, its end', () => {
    const seats = [{ from: '2023-05-10', to: '2025-01-01' }];
    expect(holdsSeatOn(seats, '2023-05-09')).toBe(false);
    expect(holdsSeatOn(seats, '2023-05-10')).toBe(true);
    expect(holdsSeatOn(seats, '2024-12-31')).toBe(true);
    expect(holdsSeatOn(seats, '2025-01-01')).toBe(false);
    expect(holdsSeatOn([{ from: '2023-05-10', to: null }], '2030-01-01')).toBe(true);
  });
});

describe('annual plans', () => {
  const now = new Date('2026-01-05T00:00:00Z');
  const draft: PlanRecord = {
    id: 'p1',
    unitId: 'u',
    year: 2026,
    title: 'Kế hoạch 2026',
    status: 'draft',
    approval: null,
    items: [],
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const agency = { kind: 'agency' as const, taxId: '2400123456', name: 'Sở Y tế' };

  it('keeps each item in the plan’s year, and agencies for supervision only', () => {
    expect(planItem(2026, { type: 'supervision', target: agency, plannedMonth: '2026-04' }, 'i1')).toMatchObject({
      done: null,
      note: null,
    });
    expect(code(() => planItem(2026, { type: 'supervision', target: agency, plannedMonth: '2025-12' }, 'i'))).toBe(
      'unprocessable:month-outside-plan-year',
    );
    expect(code(() => planItem(2026, { type: 'finance', target: agency, plannedMonth: '2026-04' }, 'i'))).toBe(
      'unprocessable:agency-target-not-supervision',
    );
  });

  it('counts planned against done by type, and closes an approved plan to new items', () => {
    const items = [
      planItem(2026, { type: 'supervision', target: agency, plannedMonth: '2026-04' }, 'a'),
      planItem(2026, { type: 'supervision', target: agency, plannedMonth: '2026-05' }, 'b'),
      planItem(2026, { type: 'finance', target: { kind: 'unit', unitId: 'c' }, plannedMonth: '2026-06' }, 'c'),
    ];
    const plan = addItems(draft, items, now);
    expect(code(() => completeItem(plan, 'a', { on: '2026-04-10', inspectionId: null }, now))).toBe(
      'conflict:plan-not-approved',
    );
    const approved = approve(plan, { decisionNumber: '01/KH-UBKT', date: '2026-01-10', by: 'x' }, now);
    expect(code(() => addItems(approved, items, now))).toBe('conflict:plan-approved');
    const done = completeItem(approved, 'a', { on: '2026-04-10', inspectionId: null }, now)!;
    expect(code(() => completeItem(done, 'a', { on: '2026-04-11', inspectionId: null }, now))).toBe(
      'conflict:plan-item-done',
    );
    expect(completeItem(done, 'zzz', { on: '2026-04-11', inspectionId: null }, now)).toBeUndefined();
    expect(progress(done.items)).toEqual({
      planned: 3,
      done: 1,
      byType: {
        'charter-compliance': { planned: 0, done: 0 },
        'signs-of-violation': { planned: 0, done: 0 },
        finance: { planned: 1, done: 0 },
        supervision: { planned: 2, done: 1 },
      },
    });
    expect(done.version).toBe(4);
  });
});

describe('a recommendation’s status', () => {
  const rec = {
    id: 'r',
    status: 'open',
    deadline: '2026-06-30',
    notes: [],
    version: 1,
  } as unknown as Parameters<typeof followUp>[0];
  const now = new Date('2026-06-01T00:00:00Z');

  it('is overdue the day after its deadline, while open or in progress', () => {
    expect(isOverdue(rec, '2026-06-30')).toBe(false);
    expect(isOverdue(rec, '2026-07-01')).toBe(true);
    expect(isOverdue({ ...rec, status: 'in-progress' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ ...rec, status: 'done' }, '2026-07-01')).toBe(false);
    expect(isOverdue({ ...rec, status: 'overdue' }, '2026-07-01')).toBe(false);
  });

  it('moves with follow-ups, stays overdue until done, and is closed once done', () => {
    const moving = followUp(rec, { status: 'in-progress', note: 'Đang khắc phục' }, 'u1', now);
    expect(moving).toMatchObject({ status: 'in-progress', version: 2, notes: [{ by: 'u1', status: 'in-progress' }] });
    const late = followUp({ ...rec, status: 'overdue' }, { status: 'in-progress', note: 'Đã bắt đầu' }, 'u1', now);
    expect(late.status).toBe('overdue');
    const done = followUp(late, { status: 'done', note: 'Xong' }, 'u1', now);
    expect(done.status).toBe('done');
    expect(code(() => followUp(done, { note: 'Thêm' }, 'u1', now))).toBe('conflict:recommendation-done');
  });
});

describe('the case an inspection is opened on', () => {
  it('is an anonymous report, a denunciation or a petition; never a complaint', () => {
    const answers = Object.fromEntries(
      CASE_CLASSES.map((klass) => [klass, code(() => caseBasis({ id: 'c', class: klass }))]),
    );
    expect(answers).toEqual({
      'complaint-first': 'unprocessable:case-cannot-open-inspection',
      'complaint-second': 'unprocessable:case-cannot-open-inspection',
      denunciation: 'ok',
      'anonymous-report': 'ok',
      petition: 'ok',
    });
    expect(caseBasis({ id: 'c-9', class: 'anonymous-report' })).toEqual({
      kind: 'case',
      id: 'c-9',
      class: 'anonymous-report',
    });
  });
});
