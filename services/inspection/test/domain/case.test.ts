import { InMemoryNoticeStore, loadCalendar, type WorkingCalendar } from '@congdoan/calendar';
import type { Case } from '@congdoan/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertBeforeCongressCutoff,
  assertWithinFilingLimit,
  type CaseStepInput,
  caseTransition,
  congressCutoff,
  intakeDeadlines,
  takeCaseStep,
} from '../../src/domain/case.ts';
import { CASE_POLICIES, type CasePolicy, casePolicyOn } from '../../src/domain/case-policy.ts';
import { code } from '../app/world.ts';

/**
 * The statutory deadlines of cases on the 2026 calendar (packages/calendar's seeded notices):
 * Tết off 16–20/02; Giỗ Tổ on Sunday 26/04 with Monday 27/04 off, 30/04 and 01/05 off;
 * National Day 31/08–02/09 off with Saturday 22/08 worked.
 */
let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await loadCalendar(new InMemoryNoticeStore());
});
const policy = casePolicyOn('2026-01-01');
const NOW = new Date('2026-12-01T03:00:00Z');

function received(facts: Partial<Case> & Pick<Case, 'class' | 'receivedOn'>): Case {
  return {
    id: 'case-1',
    channel: 'post',
    handlingUnitId: 'upper',
    person: { withheld: true },
    subject: { kind: 'unit', unitId: 'cdcs-a' },
    content: 'Nội dung',
    complexity: 'normal',
    remoteArea: false,
    knewOn: null,
    congress: null,
    contests: null,
    stage: 'received',
    assignees: [],
    extensions: [],
    deadlines: intakeDeadlines(calendar, facts, policy),
    acceptedOn: null,
    closedOn: null,
    resolvedOnTime: null,
    proceedingOpen: false,
    steps: [{ step: 'receive', date: facts.receivedOn, by: 'u', at: NOW.toISOString(), detail: {} }],
    version: 1,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...facts,
  };
}
const step = (c: Case, input: CaseStepInput) => takeCaseStep(c, input, { calendar, now: NOW, by: 'ubkt-1' });
const deadline = (c: Case, kind: string) => c.deadlines.find((d) => d.kind === kind && d.status === 'open');

describe('policy', () => {
  it('holds every limit of DOMAIN.md with its source, certainty and day kind', () => {
    const p = CASE_POLICIES[0]!;
    expect(p.complaintFilingLimit).toMatchObject({ days: 90, dayKind: 'calendar' });
    expect(p.complaintAcceptance).toMatchObject({ days: 10, dayKind: 'calendar' });
    expect(Object.values(p.complaintFirstResolution).map((l) => [l.days, l.dayKind, l.certainty, l.source.vi])).toEqual(
      [
        [30, 'calendar', 'sure', 'Luật Khiếu nại 2011, Điều 28'],
        [45, 'calendar', 'sure', 'Luật Khiếu nại 2011, Điều 28'],
        [45, 'calendar', 'sure', 'Luật Khiếu nại 2011, Điều 28'],
        [60, 'calendar', 'sure', 'Luật Khiếu nại 2011, Điều 28'],
      ],
    );
    expect(Object.values(p.complaintSecondResolution).map((l) => l.days)).toEqual([45, 60, 60, 70]);
    expect(p.denunciationInitialHandling).toMatchObject({ days: 7, dayKind: 'working' });
    expect(p.denunciationInitialHandlingWithVerification).toMatchObject({ days: 10, dayKind: 'working' });
    expect(p.denunciationTransfer).toMatchObject({ days: 5, dayKind: 'working' });
    expect(p.denunciationResolution).toMatchObject({ days: 30, dayKind: 'calendar' });
    expect(p.denunciationExtension).toMatchObject({ days: 30, dayKind: 'calendar' });
    expect(p.denunciationMaxExtensions).toEqual({ normal: 0, complex: 1, 'especially-complex': 2 });
    expect(p.congressCutoffGrassroots).toMatchObject({ days: 25, dayKind: 'working' });
    expect(p.congressCutoffUpper).toMatchObject({ days: 30, dayKind: 'working' });
  });
});

describe('policy versions', () => {
  const older = CASE_POLICIES[0]!;
  // A later version, as an amended law would make it: a 15-day acceptance, a 45-day resolution.
  const AMENDED = { vi: 'luật sửa đổi (thử nghiệm)', en: 'amended law (test)' };
  const later: CasePolicy = {
    ...older,
    effectiveFrom: '2026-07-01',
    complaintAcceptance: { ...older.complaintAcceptance, days: 15, source: AMENDED },
    denunciationResolution: { ...older.denunciationResolution, days: 45, source: AMENDED },
  };
  const versions = [later, older];

  it('picks the version in force on a day, whatever order the versions come in', () => {
    expect(casePolicyOn('2026-06-30', versions)).toBe(older);
    expect(casePolicyOn('2026-07-01', versions)).toBe(later);
    expect(casePolicyOn('2026-07-01', [older, later])).toBe(later);
    expect(() => casePolicyOn('2012-06-30', versions)).toThrow('no case policy in force on 2012-06-30');
  });

  it('counts a case on the version in force the day it was received, for its steps after the change too', () => {
    const receivedOn = (klass: Case['class'], day: string) =>
      received({
        class: klass,
        receivedOn: day,
        deadlines: intakeDeadlines(calendar, { class: klass, receivedOn: day }, casePolicyOn(day, versions)),
      });
    const accept = (c: Case) =>
      takeCaseStep(c, { step: 'accept', date: '2026-07-02' }, { calendar, now: NOW, by: 'u', policies: versions });

    // Received the day before: 10 days to accept, 30 to resolve, though accepted under the new version.
    expect(deadline(receivedOn('complaint-first', '2026-06-30'), 'complaint-acceptance')).toMatchObject({
      dueDate: '2026-07-10',
      days: 10,
      source: 'Luật Khiếu nại 2011, Điều 27',
    });
    // 02/07 + 30 is Saturday 01/08: Monday 03/08.
    expect(deadline(accept(receivedOn('denunciation', '2026-06-30')), 'denunciation-resolution')).toMatchObject({
      dueDate: '2026-08-03',
      days: 30,
      source: 'Luật Tố cáo 2018, Điều 30',
    });
    // Received on the day the new version takes effect: 15 and 45 days, naming the new source.
    expect(deadline(receivedOn('complaint-first', '2026-07-01'), 'complaint-acceptance')).toMatchObject({
      dueDate: '2026-07-16',
      days: 15,
      source: AMENDED.vi,
    });
    // 02/07 + 45 is Sunday 16/08: Monday 17/08.
    const newer = deadline(accept(receivedOn('denunciation', '2026-07-01')), 'denunciation-resolution')!;
    expect(newer).toMatchObject({ dueDate: '2026-08-17', days: 45, source: AMENDED.vi });
    expect(newer.explanation.en).toContain('amended law (test)');
    // Without the versions given, the step counts on the policy in force (one version today).
    const today = takeCaseStep(
      receivedOn('denunciation', '2026-07-01'),
      { step: 'accept', date: '2026-07-02' },
      { calendar, now: NOW, by: 'u' },
    );
    expect(deadline(today, 'denunciation-resolution')).toMatchObject({ days: 30 });
  });
});

describe('a complaint received just before Tết 2026', () => {
  it('is accepted within 10 calendar days, Tết counted and its last day moved past Tết, and resolved 30 days from acceptance', () => {
    const c = received({ class: 'complaint-first', receivedOn: '2026-02-09' });
    const acceptance = deadline(c, 'complaint-acceptance')!;
    // 10 calendar days end on 19/02, a Tết day off: the limit ends on the next working day,
    // Monday 23/02 (20/02 is Tết too, 21–22/02 a weekend), under the Civil Code's Art. 148.
    expect(acceptance).toMatchObject({ dueDate: '2026-02-23', dayKind: 'calendar', days: 10 });
    expect(acceptance.explanation.vi).toContain('Luật Khiếu nại 2011, Điều 27');
    expect(acceptance.explanation.vi).toContain('19/02/2026');
    expect(acceptance.explanation.vi).toContain('dời sang ngày làm việc tiếp theo 23/02/2026 theo BLDS 2015, Điều 148');
    // Due soon from the 5th working day before 23/02, back across Tết: 13, 12, 11, 10, 09/02.
    expect(acceptance.dueSoonFrom).toBe('2026-02-09');

    const accepted = step(c, { step: 'accept', date: '2026-02-23' });
    expect(accepted.stage).toBe('accepted');
    expect(accepted.deadlines.find((d) => d.kind === 'complaint-acceptance')).toMatchObject({
      status: 'met',
      metOn: '2026-02-23',
    });
    const late = step(c, { step: 'accept', date: '2026-02-24' });
    expect(late.deadlines.find((d) => d.kind === 'complaint-acceptance')).toMatchObject({
      status: 'late',
      metOn: '2026-02-24',
    });
    expect(deadline(accepted, 'complaint-first-resolution')).toMatchObject({
      dueDate: '2026-03-25',
      from: '2026-02-23',
      days: 30,
    });
  });

  it('takes the complex and remote-area limits, and the second round’s', () => {
    const remote = received({
      class: 'complaint-first',
      receivedOn: '2026-02-09',
      complexity: 'complex',
      remoteArea: true,
    });
    expect(deadline(step(remote, { step: 'accept', date: '2026-02-12' }), 'complaint-first-resolution')).toMatchObject({
      dueDate: '2026-04-13',
      days: 60,
    });
    const second = received({ class: 'complaint-second', receivedOn: '2026-04-20', remoteArea: true });
    // 70 days for a complex one far away; 60 for a normal one: 20/04 + 60 crosses 30/04–01/05 as calendar days.
    expect(deadline(step(second, { step: 'accept', date: '2026-04-24' }), 'complaint-second-resolution')).toMatchObject(
      { dueDate: '2026-06-23', days: 60 },
    );
  });

  it('whose resolution limit ends on 30/4 or 2/9 is due on the next working day after the holiday', () => {
    // First round, 30 days from 31/03: Thursday 30/04, then 01/05 and a weekend off → Monday 04/05.
    const first = step(received({ class: 'complaint-first', receivedOn: '2026-03-25' }), {
      step: 'accept',
      date: '2026-03-31',
    });
    const dueFirst = deadline(first, 'complaint-first-resolution')!;
    expect(dueFirst).toMatchObject({ dueDate: '2026-05-04', dayKind: 'calendar', days: 30 });
    expect(dueFirst.explanation.vi).toContain('30/04/2026 là ngày nghỉ');
    expect(dueFirst.explanation.vi).toContain('dời sang ngày làm việc tiếp theo 04/05/2026');
    // Second round, 45 days from 19/07: Wednesday 02/09, National Day (31/08–02/09 off) → 03/09.
    const second = step(received({ class: 'complaint-second', receivedOn: '2026-07-15' }), {
      step: 'accept',
      date: '2026-07-19',
    });
    expect(deadline(second, 'complaint-second-resolution')).toMatchObject({ dueDate: '2026-09-03', days: 45 });
  });

  it('is refused past the 90-day filing limit, at intake and at acceptance', () => {
    const late = { class: 'complaint-first' as const, receivedOn: '2026-05-05', knewOn: '2026-02-03' };
    expect(code(() => assertWithinFilingLimit(calendar, late, policy))).toBe('unprocessable:filing-limit-passed');
    const inTime = { ...late, receivedOn: '2026-05-04' };
    expect(code(() => assertWithinFilingLimit(calendar, inTime, policy))).toBe('ok');
    const c = received({ ...late });
    expect(code(() => step(c, { step: 'accept', date: '2026-05-06' }))).toBe('unprocessable:filing-limit-passed');
  });
});

describe('a denunciation', () => {
  it('received before Tết has its initial handling in 7 working days (10 with verification) and its transfer in 5', () => {
    const c = received({ class: 'denunciation', receivedOn: '2026-02-12' });
    const initial = deadline(c, 'denunciation-initial-handling')!;
    expect(initial).toMatchObject({ dueDate: '2026-03-02', dayKind: 'working', days: 7 });
    expect(initial.explanation.vi).toBe(
      '7 ngày làm việc kể từ 12/02/2026 (nghỉ Tết 16–20/02) → 02/03/2026 (Luật Tố cáo 2018, Điều 24)',
    );
    expect(deadline(c, 'denunciation-transfer')).toMatchObject({ dueDate: '2026-02-26', days: 5 });

    const verified = step(c, { step: 'verify', date: '2026-02-13', note: 'Cần xác minh' });
    expect(verified.stage).toBe('received');
    expect(deadline(verified, 'denunciation-initial-handling')).toMatchObject({ dueDate: '2026-03-05', days: 10 });
  });

  it('received before 2/9 counts over National Day and the Saturday worked in its swap', () => {
    const before = received({ class: 'denunciation', receivedOn: '2026-08-20' });
    // 21/08, Saturday 22/08 (worked), 24, 25, 26/08.
    expect(deadline(before, 'denunciation-transfer')).toMatchObject({ dueDate: '2026-08-26' });
    const across = received({ class: 'denunciation', receivedOn: '2026-08-26' });
    // 27, 28/08; 31/08–02/09 off; 03, 04, 07, 08, 09/09.
    expect(deadline(across, 'denunciation-initial-handling')!.dueDate).toBe('2026-09-09');
    expect(deadline(across, 'denunciation-initial-handling')!.explanation.vi).toContain('Quốc khánh');
    expect(deadline(across, 'denunciation-transfer')!.dueDate).toBe('2026-09-07');
  });

  it('is resolved in 30 calendar days, extended twice by written decision when especially complex, never a third time', () => {
    let c = received({ class: 'denunciation', receivedOn: '2026-07-14', complexity: 'especially-complex' });
    c = step(c, { step: 'accept', date: '2026-07-20' });
    expect(deadline(c, 'denunciation-resolution')).toMatchObject({ dueDate: '2026-08-19', dayKind: 'calendar' });
    c = step(c, { step: 'extend', date: '2026-08-15', decision: { number: '12/QĐ-UBKT', date: '2026-08-15' } });
    const first = deadline(c, 'denunciation-resolution')!;
    // Across 31/08–02/09: calendar days count the holidays.
    expect(first).toMatchObject({ dueDate: '2026-09-18', from: '2026-08-19', days: 30 });
    expect(first.explanation.vi).toContain('12/QĐ-UBKT');
    c = step(c, { step: 'extend', date: '2026-09-10', decision: { number: '15/QĐ-UBKT', date: '2026-09-10' } });
    // 30 days from 18/09 end on Sunday 18/10: the limit ends on Monday 19/10 (Civil Code, Art. 148).
    expect(deadline(c, 'denunciation-resolution')).toMatchObject({ dueDate: '2026-10-19', from: '2026-09-18' });
    expect(c.extensions).toEqual([
      { number: '12/QĐ-UBKT', date: '2026-08-15', dueDate: '2026-09-18' },
      { number: '15/QĐ-UBKT', date: '2026-09-10', dueDate: '2026-10-19' },
    ]);
    expect(
      code(() =>
        step(c, { step: 'extend', date: '2026-10-01', decision: { number: '20/QĐ-UBKT', date: '2026-10-01' } }),
      ),
    ).toBe('conflict:extensions-exhausted');
    const concluded = step(c, { step: 'conclude', date: '2026-10-16', summary: 'Tố cáo đúng một phần' });
    expect(concluded).toMatchObject({ stage: 'concluded', resolvedOnTime: true, closedOn: '2026-10-16' });
  });

  it('extends once when complex, never when normal', () => {
    const complex = step(received({ class: 'denunciation', receivedOn: '2026-03-02', complexity: 'complex' }), {
      step: 'accept',
      date: '2026-03-03',
    });
    const once = step(complex, {
      step: 'extend',
      date: '2026-03-20',
      decision: { number: '1/QĐ', date: '2026-03-20' },
    });
    expect(
      code(() => step(once, { step: 'extend', date: '2026-03-21', decision: { number: '2/QĐ', date: '2026-03-21' } })),
    ).toBe('conflict:extensions-exhausted');
    const normal = step(received({ class: 'denunciation', receivedOn: '2026-03-02' }), {
      step: 'accept',
      date: '2026-03-03',
    });
    expect(
      code(() =>
        step(normal, { step: 'extend', date: '2026-03-20', decision: { number: '1/QĐ', date: '2026-03-20' } }),
      ),
    ).toBe('conflict:extensions-exhausted');
  });
});

describe('the congress cut-off', () => {
  it('is 25 working days before a CĐCS congress, back across 1/5, 30/4 and Giỗ Tổ’s substitute 27/4', () => {
    const congress = { date: '2026-05-29', level: 'grassroots' as const };
    const cutoff = congressCutoff(calendar, congress, policy);
    expect(cutoff.date).toBe('2026-04-21');
    expect(cutoff.explanation.vi).toContain('Hướng dẫn 63/HD-TLĐ');
    expect(cutoff.skipped.map((d) => d.date).sort()).toEqual(['2026-04-27', '2026-04-30', '2026-05-01']);
    const facts = (receivedOn: string) => ({ class: 'complaint-first' as const, receivedOn, congress });
    expect(code(() => assertBeforeCongressCutoff(calendar, facts('2026-04-21'), '2026-04-21', policy))).toBe('ok');
    expect(code(() => assertBeforeCongressCutoff(calendar, facts('2026-04-22'), '2026-04-22', policy))).toBe(
      'unprocessable:congress-cutoff-passed',
    );
    // A petition is not held to it.
    expect(
      code(() =>
        assertBeforeCongressCutoff(calendar, { ...facts('2026-05-20'), class: 'petition' }, '2026-05-20', policy),
      ),
    ).toBe('ok');
  });

  it('counts back across Tết, and across 2/9 with the Saturday worked in its swap', () => {
    // 06/03/2026 back 25 working days: 4 in March, 5 in late February, Tết 16–20/02 skipped,
    // 5 + 5 in early February, 5 + 1 in January → Friday 23/01.
    const tet = congressCutoff(calendar, { date: '2026-03-06', level: 'grassroots' }, policy);
    expect(tet.date).toBe('2026-01-23');
    expect(tet.explanation.vi).toBe(
      '25 ngày làm việc trước 06/03/2026 (nghỉ Tết 16–20/02) → 23/01/2026 (Hướng dẫn 63/HD-TLĐ)',
    );
    // 25/09/2026 back 25 working days: 31/08–02/09 skipped, Saturday 22/08 counted → 19/08.
    const national = congressCutoff(calendar, { date: '2026-09-25', level: 'grassroots' }, policy);
    expect(national.date).toBe('2026-08-19');
    expect(national.skipped.map((d) => d.date)).toEqual(['2026-08-31', '2026-09-01', '2026-09-02']);
    expect(national.explanation.vi).toContain('làm bù thứ Bảy 22/08');
  });

  it('is 30 working days before an upper level’s, and holds at acceptance too', () => {
    const congress = { date: '2026-05-29', level: 'upper' as const };
    expect(congressCutoff(calendar, congress, policy).date).toBe('2026-04-14');
    const c = received({ class: 'complaint-first', receivedOn: '2026-04-10', congress });
    expect(code(() => step(c, { step: 'accept', date: '2026-04-15' }))).toBe('unprocessable:congress-cutoff-passed');
    expect(step(c, { step: 'accept', date: '2026-04-14' }).stage).toBe('accepted');
  });
});

describe('the state machine', () => {
  it('refuses an illegal step with 409 illegal-transition, naming stage and step', () => {
    const c = received({ class: 'complaint-first', receivedOn: '2026-03-02' });
    expect(code(() => step(c, { step: 'conclude', date: '2026-03-03', summary: 'x' }))).toBe(
      'conflict:illegal-transition',
    );
    const refused = step(c, { step: 'refuse', date: '2026-03-03', reason: 'Không thuộc thẩm quyền' });
    expect(refused.deadlines.map((d) => d.status)).toEqual(['met']);
    for (const s of ['accept', 'transfer', 'withdraw', 'verify', 'assign'] as const) {
      expect(
        code(() => caseTransition(refused.stage, s, refused.class)),
        s,
      ).toBe('conflict:illegal-transition');
    }
    expect(code(() => caseTransition('accepted', 'extend', 'complaint-first'))).toBe('conflict:illegal-transition');
    expect(code(() => caseTransition('received', 'verify', 'complaint-first'))).toBe('conflict:illegal-transition');
    expect(code(() => step(c, { step: 'accept', date: '2026-03-01' }))).toBe('unprocessable:dates-out-of-order');
    expect(code(() => step(c, { step: 'accept', date: '2026-12-02' }))).toBe('unprocessable:date-in-future');
  });

  it('decides on a conclusion: the case is decided, its step records the decision, nothing reopens', () => {
    let c = received({ class: 'complaint-first', receivedOn: '2026-03-02' });
    c = step(c, { step: 'accept', date: '2026-03-05' });
    expect(code(() => step(c, { step: 'decide', date: '2026-03-06', number: '7/QĐ', summary: 'x' }))).toBe(
      'conflict:illegal-transition',
    );
    c = step(c, { step: 'conclude', date: '2026-03-20', number: '5/KL-UBKT', summary: 'Khiếu nại đúng một phần' });
    expect(code(() => step(c, { step: 'decide', date: '2026-03-19', number: '7/QĐ', summary: 'x' }))).toBe(
      'unprocessable:dates-out-of-order',
    );
    const decided = step(c, {
      step: 'decide',
      date: '2026-03-25',
      number: '7/QĐ-UBKT',
      summary: 'Sửa một phần quyết định bị khiếu nại',
    });
    expect(decided).toMatchObject({
      stage: 'decided',
      version: c.version + 1,
      closedOn: '2026-03-20',
      resolvedOnTime: true,
      acceptedOn: '2026-03-05',
    });
    expect(decided.deadlines).toEqual(c.deadlines);
    expect(decided.steps.at(-1)).toEqual({
      step: 'decide',
      date: '2026-03-25',
      by: 'ubkt-1',
      at: NOW.toISOString(),
      detail: { number: '7/QĐ-UBKT', summary: 'Sửa một phần quyết định bị khiếu nại' },
    });
    for (const s of ['decide', 'conclude', 'accept', 'withdraw', 'transfer', 'verify', 'assign'] as const) {
      expect(
        code(() => caseTransition(decided.stage, s, decided.class)),
        s,
      ).toBe('conflict:illegal-transition');
    }
  });

  it('closes every open deadline when the case ends another way, and marks a late conclusion late', () => {
    const c = step(received({ class: 'denunciation', receivedOn: '2026-03-02' }), {
      step: 'accept',
      date: '2026-03-03',
    });
    const late = step(c, { step: 'conclude', date: '2026-04-10', summary: 'Kết luận' });
    expect(late.resolvedOnTime).toBe(false);
    const withdrawn = step(c, { step: 'withdraw', date: '2026-03-10' });
    expect(withdrawn.deadlines.filter((d) => d.status === 'open')).toEqual([]);
    expect(withdrawn.closedOn).toBe('2026-03-10');
  });
});

/**
 * Every deadline of a case across each 2026 holiday period of packages/calendar's seeded notices
 * (DOMAIN.md, "The working-day calendar"): Tết 16–20/02; Giỗ Tổ on Sunday 26/04 with Monday 27/04
 * off, then 30/04–01/05; National Day 31/08–02/09 with Saturday 22/08 worked. Each row gives the
 * exact dates and what each explanation must name: the days off skipped or moved over, the
 * Saturday worked, or (nothing being skipped) the count's own source.
 */
describe('deadlines across the 2026 holidays', () => {
  type Counted = { dueDate: string; explanation: { vi: string; en: string } };
  type Expected = [dueDate: string, ...names: string[]];
  const complaint = (klass: Case['class'], receivedOn: string) => received({ class: klass, receivedOn });
  const acceptance = (receivedOn: string) => () => [
    deadline(complaint('complaint-first', receivedOn), 'complaint-acceptance')!,
  ];
  const resolution = (klass: Case['class'], receivedOn: string, acceptedOn: string) => () => {
    const accepted = step(complaint(klass, receivedOn), { step: 'accept', date: acceptedOn });
    return [
      deadline(accepted, klass === 'complaint-first' ? 'complaint-first-resolution' : 'complaint-second-resolution')!,
    ];
  };
  /** Initial handling, transfer, and initial handling once verification is needed (all working days). */
  const handling = (receivedOn: string) => () => {
    const c = received({ class: 'denunciation', receivedOn });
    const verified = step(c, { step: 'verify', date: receivedOn, note: 'Cần xác minh' });
    return [
      deadline(c, 'denunciation-initial-handling')!,
      deadline(c, 'denunciation-transfer')!,
      deadline(verified, 'denunciation-initial-handling')!,
    ];
  };
  /** An especially complex denunciation: the resolution deadline, then after each of its two extensions. */
  const extendedTwice = (receivedOn: string, acceptedOn: string, first: string, second: string) => () => {
    let c = received({ class: 'denunciation', receivedOn, complexity: 'especially-complex' });
    c = step(c, { step: 'accept', date: acceptedOn });
    const out = [deadline(c, 'denunciation-resolution')!];
    c = step(c, { step: 'extend', date: first, decision: { number: '1/QĐ-UBKT', date: first } });
    out.push(deadline(c, 'denunciation-resolution')!);
    c = step(c, { step: 'extend', date: second, decision: { number: '2/QĐ-UBKT', date: second } });
    out.push(deadline(c, 'denunciation-resolution')!);
    expect(c.extensions.map((e) => e.dueDate)).toEqual([out[1]!.dueDate, out[2]!.dueDate]);
    return out;
  };
  /** The cut-off, which holds on its own day and refuses the next working day's complaint. */
  const cutoff = (date: string, level: 'grassroots' | 'upper') => () => {
    const congress = { date, level };
    const last = congressCutoff(calendar, congress, policy);
    const on = (day: string) =>
      code(() =>
        assertBeforeCongressCutoff(calendar, { class: 'complaint-first', receivedOn: day, congress }, day, policy),
      );
    expect(on(last.date)).toBe('ok');
    expect(on(calendar.addWorkingDays(last.date, 1).date)).toBe('unprocessable:congress-cutoff-passed');
    return [{ dueDate: last.date, explanation: last.explanation }];
  };

  const TET = 'nghỉ Tết';
  const GIO_TO = 'nghỉ bù Giỗ Tổ Hùng Vương 27/04';
  const MAY_DAYS = 'nghỉ Ngày Giải phóng miền Nam và Quốc tế Lao động 30/04–01/05';
  const NATIONAL = 'nghỉ Quốc khánh';
  const SWAP = 'làm bù thứ Bảy 22/08';
  const MOVED = 'dời sang ngày làm việc tiếp theo';
  const rows: [period: string, what: string, count: () => Counted[], expected: Expected[]][] = [
    // Tết 16–20/02/2026.
    [
      'Tết',
      'complaint acceptance',
      acceptance('2026-02-09'),
      [['2026-02-23', `19/02/2026 là ngày nghỉ (${TET} 19–20/02)`, MOVED]],
    ],
    [
      'Tết',
      'complaint resolution',
      resolution('complaint-first', '2026-01-15', '2026-01-20'),
      [['2026-02-23', `${TET} 19–20/02`, 'Điều 28']],
    ],
    [
      'Tết',
      'denunciation handling',
      handling('2026-02-12'),
      [
        ['2026-03-02', `${TET} 16–20/02`],
        ['2026-02-26', `${TET} 16–20/02`],
        ['2026-03-05', `${TET} 16–20/02`],
      ],
    ],
    [
      'Tết',
      'denunciation extended twice',
      extendedTwice('2025-12-15', '2025-12-19', '2026-01-10', '2026-02-10'),
      [
        ['2026-01-19', '18/01/2026 là ngày nghỉ cuối tuần', MOVED],
        ['2026-02-23', `18/02/2026 là ngày nghỉ (${TET} 18–20/02)`, 'gia hạn lần 1 theo quyết định số 1/QĐ-UBKT'],
        ['2026-03-25', 'gia hạn lần 2 theo quyết định số 2/QĐ-UBKT'],
      ],
    ],
    [
      'Tết',
      'congress cut-off',
      cutoff('2026-03-06', 'grassroots'),
      [['2026-01-23', `${TET} 16–20/02`, 'Hướng dẫn 63/HD-TLĐ']],
    ],
    // Giỗ Tổ's substitute day 27/04, then 30/04–01/05.
    [
      '30/4',
      'complaint acceptance',
      acceptance('2026-04-17'),
      [['2026-04-28', `27/04/2026 là ngày nghỉ (${GIO_TO})`, MOVED]],
    ],
    [
      '30/4',
      'complaint acceptance',
      acceptance('2026-04-20'),
      [['2026-05-04', `30/04/2026 là ngày nghỉ (${MAY_DAYS})`]],
    ],
    [
      '30/4',
      'complaint resolution',
      resolution('complaint-second', '2026-03-10', '2026-03-13'),
      [['2026-04-28', `27/04/2026 là ngày nghỉ (${GIO_TO})`, 'Điều 37']],
    ],
    [
      '30/4',
      'denunciation handling',
      handling('2026-04-24'),
      [
        ['2026-05-08', GIO_TO, MAY_DAYS],
        ['2026-05-06', GIO_TO, MAY_DAYS],
        ['2026-05-13', GIO_TO, MAY_DAYS],
      ],
    ],
    [
      '30/4',
      'denunciation extended twice',
      extendedTwice('2026-01-26', '2026-01-30', '2026-02-25', '2026-03-25'),
      [
        ['2026-03-02', '01/03/2026 là ngày nghỉ cuối tuần'],
        ['2026-04-01', 'gia hạn lần 1'],
        ['2026-05-04', '01/05/2026 là ngày nghỉ (nghỉ Quốc tế Lao động 01/05)', MOVED, 'gia hạn lần 2'],
      ],
    ],
    ['30/4', 'congress cut-off', cutoff('2026-05-29', 'grassroots'), [['2026-04-21', GIO_TO, MAY_DAYS]]],
    ['30/4', 'congress cut-off', cutoff('2026-05-29', 'upper'), [['2026-04-14', GIO_TO, MAY_DAYS]]],
    // National Day 31/08–02/09, Saturday 22/08 worked.
    [
      '2/9',
      'complaint acceptance',
      acceptance('2026-08-12'),
      [['2026-08-22', `22/08/2026 (${SWAP}: ngày làm việc, không dời hạn)`]],
    ],
    [
      '2/9',
      'complaint acceptance',
      acceptance('2026-08-21'),
      [['2026-09-03', `31/08/2026 là ngày nghỉ (${NATIONAL} 31/08–02/09)`, MOVED]],
    ],
    [
      '2/9',
      'complaint resolution',
      resolution('complaint-first', '2026-07-20', '2026-07-23'),
      [['2026-08-22', SWAP, 'Điều 28']],
    ],
    [
      '2/9',
      'denunciation handling',
      handling('2026-08-20'),
      [
        ['2026-08-28', SWAP],
        ['2026-08-26', SWAP],
        ['2026-09-07', `${NATIONAL} 31/08–02/09`, SWAP],
      ],
    ],
    [
      '2/9',
      'denunciation extended twice',
      extendedTwice('2026-06-29', '2026-07-03', '2026-07-25', '2026-08-25'),
      [
        ['2026-08-03', '02/08/2026 là ngày nghỉ cuối tuần'],
        ['2026-09-03', `02/09/2026 là ngày nghỉ (${NATIONAL} 02/09)`, MOVED, 'gia hạn lần 1'],
        ['2026-10-05', '03/10/2026 là ngày nghỉ cuối tuần', 'gia hạn lần 2'],
      ],
    ],
    ['2/9', 'congress cut-off', cutoff('2026-09-25', 'grassroots'), [['2026-08-19', `${NATIONAL} 31/08–02/09`, SWAP]]],
  ];

  it('covers each holiday period with every kind of count', () => {
    const covered = new Set(rows.map(([period, what]) => `${period} ${what}`));
    for (const period of ['Tết', '30/4', '2/9']) {
      for (const what of [
        'complaint acceptance',
        'complaint resolution',
        'denunciation handling',
        'denunciation extended twice',
        'congress cut-off',
      ]) {
        expect(covered, `${period} ${what}`).toContain(`${period} ${what}`);
      }
    }
  });

  it.each(rows)('%s: %s', (_period, _what, count, expected) => {
    const counted = count();
    expect(counted.map((d) => d.dueDate)).toEqual(expected.map(([due]) => due));
    for (const [i, [due, ...names]] of expected.entries()) {
      const { explanation } = counted[i]!;
      const [y, m, d] = due.split('-');
      expect(explanation.vi).toContain(`${d}/${m}/${y}`);
      expect(explanation.en).toContain(`${d}/${m}/${y}`);
      for (const name of names) expect(explanation.vi, `${due}: ${explanation.vi}`).toContain(name);
    }
  });
});
