import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyItem, freshTable } from '../../../../test/support/tables.ts';
import { openCase } from '../../src/app/cases.ts';
import { getInspection, openInspection, takeInspectionStep } from '../../src/app/inspections.ts';
import { approvePlan, createPlan, getPlan } from '../../src/app/plans.ts';
import type { InspectionDeps } from '../../src/app/ports.ts';
import { recordAppointment, recordDiscrepancy, recordReconciliation } from '../../src/app/projections.ts';
import {
  followUpRecommendation,
  listRecommendations,
  markOverdueRecommendations,
} from '../../src/app/recommendations.ts';
import { at, depsOn, member, outcome } from './world.ts';

/**
 * Inspection's stores and use cases on DynamoDB Local. The organisation tree and the member
 * directory are ports given in memory here (their projections have their own tests); every
 * store is the real one.
 *
 *   province ─ upper ─ cdcs-a ─ section-a
 *                    └ cdcs-b
 */
const MEMBERS = [member('inspector', 'upper'), member('expert', 'cdcs-b'), member('insider', 'section-a')];

let db: Db;
let deps: InspectionDeps;
const upper = (iso = '2026-03-01T03:00:00Z') => ({ unitId: 'upper', write: at(iso) });
const DECISION = {
  number: '05/QĐ-UBKT',
  date: '2026-03-02',
  scope: 'Thu, chi, quản lý tài chính',
  period: { from: '2025-06-01', to: '2025-12-31' },
};

beforeAll(async () => {
  db = await freshTable('inspection');
  deps = depsOn(db, MEMBERS);
  // The inspector sits on the upper level's UBKT from 2023; the version 1 event arrives after version 2.
  const seat = {
    id: 'appt-1',
    termId: 't',
    unitId: 'upper',
    memberId: 'inspector',
    memberUnitId: 'upper',
    fullName: 'x',
    position: 'inspection-member' as const,
    from: '2023-05-10',
    decisionNumber: '1',
    decisionDate: null,
    note: null,
    end: null,
    version: 2,
    createdAt: '2023-05-10T00:00:00Z',
    updatedAt: '2023-05-10T00:00:00Z',
  };
  expect(await recordAppointment(deps, seat)).toBe(true);
  expect(
    await recordAppointment(deps, {
      ...seat,
      version: 1,
      end: { date: '2024-01-01', reason: 'resigned', decisionNumber: null, note: null },
    }),
  ).toBe(false);
  expect(await recordAppointment(deps, { ...seat, id: 'appt-2', position: 'chair' })).toBe(false);
});

async function count(detailType: string) {
  return (await everyItem(db)).filter((i) => i.kind === 'outbox' && i.detailType === detailType).length;
}

describe('plans', () => {
  it('approves once under If-Match; a stale version is a 412 and a second approval a 409', async () => {
    const plan = await createPlan(deps, upper(), 'upper', {
      year: 2026,
      title: 'Kế hoạch kiểm tra 2026',
      items: [{ type: 'finance', target: { kind: 'unit', unitId: 'cdcs-a' }, plannedMonth: '2026-03' }],
    });
    expect(
      await outcome(
        createPlan(deps, upper(), 'upper', {
          year: 2026,
          title: 'x',
          items: [{ type: 'finance', target: { kind: 'unit', unitId: 'upper' }, plannedMonth: '2026-03' }],
        }),
      ),
    ).toBe('unprocessable:target-not-in-subtree');
    const body = { decisionNumber: '01/KH-UBKT', date: '2026-01-10' };
    const results = await Promise.all([
      outcome(approvePlan(deps, upper(), plan.id, body, 1)),
      outcome(approvePlan(deps, upper(), plan.id, body, 1)),
      outcome(approvePlan(deps, upper(), plan.id, body)),
    ]);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(
      results
        .filter((r) => r !== 'ok')
        .every((r) => r === 'precondition-failed:stale-version' || r === 'conflict:plan-approved'),
    ).toBe(true);
    expect(await outcome(getPlan(deps, { unitId: 'cdcs-b' }, plan.id))).toBe('not-found:not-found');
  });
});

describe('an inspection', () => {
  it('runs its course; a finance inspection opens with the finance picture; the plan item is done at the conclusion', async () => {
    await recordReconciliation(deps, {
      unitId: 'cdcs-a',
      month: '2025-06',
      reportVersion: 2,
      discrepancies: 1,
      totals: {
        duesExpected: 1_000_000,
        duesCollected: 1_000_000,
        remitted: 400_000,
        levyDue: null,
        levyPaid: 0,
        allocationDue: 0,
        allocated: 0,
      },
    });
    // A late, older report changes nothing.
    expect(
      await recordReconciliation(deps, {
        unitId: 'cdcs-a',
        month: '2025-06',
        reportVersion: 1,
        discrepancies: 0,
        totals: {
          duesExpected: 0,
          duesCollected: 0,
          remitted: 0,
          levyDue: null,
          levyPaid: 0,
          allocationDue: 0,
          allocated: 0,
        },
      }),
    ).toBe(false);
    const found = {
      unitId: 'cdcs-a',
      month: '2025-06',
      kind: 'remittance',
      subject: 'unit',
      fingerprint: 'f1',
      expected: 600_000,
      actual: 400_000,
      difference: -200_000,
    };
    await recordDiscrepancy(deps, found);
    await recordDiscrepancy(deps, found);
    await recordDiscrepancy(deps, { ...found, month: '2024-12', fingerprint: 'f0' });

    const plan = await createPlan(deps, upper(), 'upper', {
      year: 2026,
      title: 'Kế hoạch',
      items: [{ type: 'finance', target: { kind: 'unit', unitId: 'cdcs-a' }, plannedMonth: '2026-03' }],
    });
    await approvePlan(deps, upper(), plan.id, { decisionNumber: '02/KH-UBKT', date: '2026-01-10' });
    const opened = await openInspection(deps, upper(), {
      unitId: 'upper',
      targetUnitId: 'cdcs-a',
      type: 'finance',
      decision: DECISION,
      planItem: { planId: plan.id, itemId: plan.items[0]!.id },
    });
    expect(opened.financePicture).toMatchObject({
      from: '2025-06',
      to: '2025-12',
      totalDifference: -200_000,
      months: [{ month: '2025-06', reportVersion: 2 }],
      discrepancies: [{ month: '2025-06', difference: -200_000 }],
    });
    const id = opened.id;
    expect(
      await outcome(
        takeInspectionStep(deps, upper(), id, { step: 'conclusion', number: '1', date: '2026-04-01', summary: 's' }),
      ),
    ).toBe('conflict:illegal-transition');

    // The team rule: someone of the inspected unit's subtree is refused, invited or not.
    expect(
      await outcome(
        takeInspectionStep(deps, upper(), id, {
          step: 'team',
          members: [{ memberId: 'insider', role: 'lead', invited: true }],
        }),
      ),
    ).toBe('unprocessable:team-member-of-inspected-unit');
    expect(
      await outcome(
        takeInspectionStep(deps, upper(), id, {
          step: 'team',
          members: [
            { memberId: 'inspector', role: 'lead', invited: false },
            { memberId: 'expert', role: 'member', invited: false },
          ],
        }),
      ),
    ).toBe('unprocessable:team-member-not-on-ubkt');
    const team = await takeInspectionStep(deps, upper(), id, {
      step: 'team',
      members: [
        { memberId: 'inspector', role: 'lead', invited: false },
        { memberId: 'expert', role: 'member', invited: true },
      ],
    });
    expect(team.team.map((m) => m.basis)).toEqual(['ubkt', 'invited']);

    await takeInspectionStep(
      deps,
      upper(),
      id,
      { step: 'fieldwork', from: '2026-03-10', to: '2026-03-12' },
      team.version,
    );
    await takeInspectionStep(deps, upper(), id, {
      step: 'findings',
      findings: [{ severity: 'serious', description: 'Chậm nộp', amount: 200_000 }],
    });

    // Ten concurrent conclusions: one wins, the others meet the state machine.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(
          takeInspectionStep(deps, upper(), id, {
            step: 'conclusion',
            number: `KL-${i}`,
            date: '2026-03-20',
            summary: 'Kết luận',
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'conflict:illegal-transition')).toHaveLength(9);
    expect((await getPlan(deps, upper(), plan.id)).progress.byType.finance).toEqual({ planned: 1, done: 1 });

    const recommended = await takeInspectionStep(deps, upper(), id, {
      step: 'recommendations',
      recommendations: [
        { owner: { kind: 'unit', unitId: 'cdcs-a' }, content: 'Nộp bổ sung kinh phí', deadline: '2026-06-30' },
        { owner: { kind: 'member', memberId: 'inspector' }, content: 'Theo dõi', deadline: '2026-12-31' },
      ],
    });
    expect(recommended).toMatchObject({
      stage: 'recommended',
      recommendationIds: [expect.any(String), expect.any(String)],
    });
    const open = await listRecommendations(deps, { unitId: 'cdcs-a' }, 'cdcs-a', 'open', { limit: 10 });
    expect(open.items.map((r) => r.owner)).toEqual([
      { kind: 'unit', unitId: 'cdcs-a' },
      { kind: 'member', memberId: 'inspector', fullName: 'Trần Văn inspector' },
    ]);
    expect(await outcome(listRecommendations(deps, { unitId: 'cdcs-b' }, 'cdcs-a', undefined, { limit: 10 }))).toBe(
      'not-found:not-found',
    );
  });
});

describe('an inspection opened on a case', () => {
  const receive = (
    klass: 'anonymous-report' | 'denunciation' | 'petition' | 'complaint-first',
    handlingUnitId: string,
  ) =>
    openCase(deps, upper(), {
      handlingUnitId,
      class: klass,
      channel: 'post',
      receivedOn: '2026-02-20',
      ...(klass === 'anonymous-report' ? {} : { person: { fullName: 'Người gửi đơn' } }),
      subject: { kind: 'unit', unitId: 'cdcs-a' },
      content: 'Đơn phản ánh việc chi sai quỹ công đoàn tại CĐCS.',
      complexity: 'normal',
      remoteArea: false,
    });
  const onCase = (caseId: string, caller = upper()) =>
    openInspection(deps, caller, {
      unitId: 'upper',
      targetUnitId: 'cdcs-a',
      type: 'signs-of-violation',
      decision: DECISION,
      basis: { kind: 'case', id: caseId },
    });

  it('names the anonymous report, denunciation or petition it rests on, stored and shown with its class', async () => {
    for (const klass of ['anonymous-report', 'denunciation', 'petition'] as const) {
      const c = await receive(klass, 'upper');
      const opened = await onCase(c.id);
      expect(opened.basis).toEqual({ kind: 'case', id: c.id, class: klass });
      expect(await getInspection(deps, { unitId: 'upper' }, opened.id)).toEqual(opened);
      expect((await deps.inspections.get(opened.id))?.basis).toEqual({ kind: 'case', id: c.id, class: klass });
    }
    // One not opened on a case shows no basis.
    const plain = await openInspection(deps, upper(), {
      unitId: 'upper',
      targetUnitId: 'cdcs-a',
      type: 'charter-compliance',
      decision: DECISION,
    });
    expect((await getInspection(deps, { unitId: null }, plain.id)).basis).toBeNull();
  });

  it('refuses a complaint (422), and a case missing or outside the caller’s subtree alike (404), writing nothing', async () => {
    const inspections = async () =>
      (await everyItem(db)).filter(
        (i) => i.kind === 'inspection' || (i.kind === 'outbox' && i.detailType === 'ProceedingOpened'),
      ).length;
    const complaint = await receive('complaint-first', 'upper');
    // A report the caller cannot see (handled by the province, above them).
    const above = await openCase(
      deps,
      { unitId: null, write: at('2026-03-01T03:00:00Z') },
      {
        handlingUnitId: 'province',
        class: 'anonymous-report',
        channel: 'post',
        receivedOn: '2026-02-20',
        subject: { kind: 'unit', unitId: 'cdcs-a' },
        content: 'Tin báo nặc danh.',
        complexity: 'normal',
        remoteArea: false,
      },
    );
    const before = await inspections();
    expect(await outcome(onCase(complaint.id))).toBe('unprocessable:case-cannot-open-inspection');
    const failure = (caseId: string) =>
      onCase(caseId).then(
        () => null,
        (e: { kind: string; code: string; detail: { vi: string; en: string } }) => ({
          kind: e.kind,
          code: e.code,
          detail: JSON.parse(JSON.stringify(e.detail).replaceAll(caseId, '<id>')),
        }),
      );
    const outside = await failure(above.id);
    expect(outside).toMatchObject({ kind: 'not-found', code: 'not-found' });
    // The same answer as a case that does not exist, but for the id.
    expect(outside).toEqual(await failure('no-such-case'));
    expect(await inspections()).toBe(before);
    // The same report is a basis for the province's committee, who sees it.
    const byProvince = await openInspection(
      deps,
      { unitId: null, write: at('2026-03-01T03:00:00Z') },
      {
        unitId: 'province',
        targetUnitId: 'cdcs-a',
        type: 'signs-of-violation',
        decision: DECISION,
        basis: { kind: 'case', id: above.id },
      },
    );
    expect(byProvince.basis).toEqual({ kind: 'case', id: above.id, class: 'anonymous-report' });
    expect(await inspections()).toBe(before + 2);
  });
});

describe('the overdue schedule', () => {
  it('marks each late recommendation once, with one RecommendationOverdue, however many runs race', async () => {
    const opened = await openInspection(deps, upper(), {
      unitId: 'upper',
      targetUnitId: 'cdcs-b',
      type: 'charter-compliance',
      decision: DECISION,
    });
    await takeInspectionStep(deps, upper(), opened.id, {
      step: 'team',
      members: [{ memberId: 'inspector', role: 'lead', invited: false }],
    });
    await takeInspectionStep(deps, upper(), opened.id, { step: 'fieldwork', from: '2026-03-10', to: '2026-03-12' });
    await takeInspectionStep(deps, upper(), opened.id, {
      step: 'findings',
      findings: [{ severity: 'minor', description: 'Sổ sách chưa đủ' }],
    });
    await takeInspectionStep(deps, upper(), opened.id, {
      step: 'conclusion',
      number: 'KL-2',
      date: '2026-03-20',
      summary: 'Kết luận',
    });
    const done = await takeInspectionStep(deps, upper(), opened.id, {
      step: 'recommendations',
      recommendations: [
        { owner: { kind: 'unit', unitId: 'cdcs-b' }, content: 'Bổ sung sổ sách', deadline: '2026-04-30' },
        { owner: { kind: 'unit', unitId: 'cdcs-b' }, content: 'Họp rút kinh nghiệm', deadline: '2026-04-30' },
        { owner: { kind: 'unit', unitId: 'cdcs-b' }, content: 'Báo cáo', deadline: '2026-09-30' },
      ],
    });
    const [late, finished] = done.recommendationIds;
    await followUpRecommendation(deps, upper(), late!, { status: 'in-progress', note: 'Đang bổ sung' });
    await followUpRecommendation(deps, upper(), finished!, { status: 'done', note: 'Đã họp' });

    const before = await count('RecommendationOverdue');
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => markOverdueRecommendations(deps, at('2026-05-01T01:00:00Z'))),
    );
    expect(runs.reduce((n, r) => n + r.marked, 0)).toBe(1);
    expect(await count('RecommendationOverdue')).toBe(before + 1);
    expect(await markOverdueRecommendations(deps, at('2026-05-02T01:00:00Z'))).toEqual({ marked: 0, skipped: 0 });

    const overdue = await listRecommendations(deps, { unitId: 'cdcs-b' }, 'cdcs-b', 'overdue', { limit: 10 });
    expect(overdue.items).toMatchObject([
      { id: late, status: 'overdue', overdueSince: '2026-05-01', notes: [{ status: 'in-progress' }] },
    ]);
    // Still followed up, and done in the end.
    expect((await followUpRecommendation(deps, upper(), late!, { status: 'done', note: 'Đã xong' }, 3)).status).toBe(
      'done',
    );
  });
});
