import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Case, CaseStep, DomainError, OpenCaseInput } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createCaseStore } from '../../src/adapters/case-store.ts';
import {
  announceCaseDeadlines,
  deadlineBoard,
  getCase,
  openCase,
  revealIdentity,
  takeStep,
} from '../../src/app/cases.ts';
import type { InspectionDeps } from '../../src/app/ports.ts';
import { recordAppointment, recordOffice } from '../../src/app/projections.ts';
import type { CaseStepInput } from '../../src/domain/case.ts';
import { caseTransition } from '../../src/domain/case.ts';
import { at, depsOn, member, outcome, PARENT } from './world.ts';

/**
 * Cases on DynamoDB Local: intake with the person sealed apart, steps under concurrency, the
 * proceedings they open and close, the deadline board's index, the daily announcements, the
 * audited reveal and the annual figures. The tree and member directory are in memory (world.ts):
 *
 *   province ─ upper ─ cdcs-a ─ section-a
 *                    └ cdcs-b
 */
const MEMBERS = [
  member('inspector-1', 'upper'),
  member('inspector-2', 'upper'),
  member('inspector-3', 'upper'),
  member('accused', 'section-a'),
  member('plain', 'upper'),
];
const PERSON = {
  fullName: 'Nguyễn Thị Tố Giác',
  cccd: '001186012345',
  phone: '0912345678',
  email: 'to.giac@example.vn',
  address: 'Số 7 ngõ Bí Mật, Bắc Giang',
};
const SECRETS = [PERSON.fullName, PERSON.cccd, PERSON.phone, PERSON.email, PERSON.address];

let db: Db;
let deps: InspectionDeps;
const upper = (iso = '2026-03-20T03:00:00Z', memberId: string | null = null) => ({
  unitId: 'upper',
  memberId,
  write: at(iso),
});

/** A fresh table, with three members of the upper level's UBKT since 2024. */
async function world() {
  db = await freshTable('inspection');
  deps = depsOn(db, MEMBERS);
  for (const [i, memberId] of ['inspector-1', 'inspector-2', 'inspector-3'].entries()) {
    await deps.seats.record({
      from: '2024-01-01',
      to: null,
      memberId,
      appointmentId: `a${i}`,
      unitId: 'upper',
      version: 1,
    });
  }
}
beforeAll(world);

async function items() {
  const out = await db.client.send(new ScanCommand({ TableName: db.tableName }));
  return out.Items ?? [];
}
async function events(detailType: string, caseId?: string) {
  return (await items())
    .filter((i) => i.kind === 'outbox' && i.detailType === detailType)
    .map((i) => JSON.parse(String(i.detail)).data as Record<string, unknown>)
    .filter((d) => caseId === undefined || d.caseId === caseId || d.proceedingId === caseId);
}

const denunciation = (over: Partial<OpenCaseInput> = {}): OpenCaseInput => ({
  handlingUnitId: 'upper',
  class: 'denunciation',
  channel: 'post',
  receivedOn: '2026-02-12',
  person: PERSON,
  subject: { kind: 'member', memberId: 'accused' },
  content: 'Tố cáo việc sử dụng kinh phí công đoàn sai mục đích.',
  complexity: 'especially-complex',
  remoteArea: false,
  ...over,
});

describe('intake', () => {
  it('keeps the person sealed in its own item; the case, its audit and its event never hold them', async () => {
    const c = await openCase(deps, upper(), denunciation());
    expect(c.person).toEqual({ withheld: true });
    expect(c.subject).toMatchObject({ kind: 'member', memberId: 'accused', unitId: 'section-a' });
    expect(c.deadlines.map((d) => [d.kind, d.dueDate, d.dayKind])).toEqual([
      ['denunciation-initial-handling', '2026-03-02', 'working'],
      ['denunciation-transfer', '2026-02-26', 'working'],
    ]);
    const all = await items();
    const identity = all.filter((i) => i.pk === `CASE#${c.id}` && i.sk === 'IDENTITY');
    expect(identity).toHaveLength(1);
    expect(identity[0]!.keyId).toMatch(/^local:/);
    for (const item of all) {
      for (const secret of SECRETS) expect(JSON.stringify(item), `${item.pk}/${item.sk}`).not.toContain(secret);
    }
    expect(await events('CaseStepRecorded', c.id)).toEqual([
      expect.objectContaining({ step: 'receive', stage: 'received', handlingUnitId: 'upper', version: 1 }),
    ]);
    expect(await getCase(deps, { unitId: 'cdcs-b' }, c.id).catch((e: DomainError) => e.code)).toBe('not-found');
  });

  it('refuses a complaint past its filing limit and one after the congress cut-off, and an anonymous report has no person', async () => {
    const complaint = denunciation({ class: 'complaint-first', receivedOn: '2026-05-05', knewOn: '2026-02-03' });
    expect(await outcome(openCase(deps, upper('2026-05-06T03:00:00Z'), complaint))).toBe(
      'unprocessable:filing-limit-passed',
    );
    const congress = denunciation({
      class: 'complaint-first',
      receivedOn: '2026-04-22',
      congress: { date: '2026-05-29', level: 'grassroots' },
    });
    expect(await outcome(openCase(deps, upper('2026-04-23T03:00:00Z'), congress))).toBe(
      'unprocessable:congress-cutoff-passed',
    );
    const anonymous = await openCase(deps, upper(), {
      ...denunciation({ class: 'anonymous-report' }),
      person: undefined,
    });
    expect(anonymous.person).toBeNull();
    expect(anonymous.deadlines).toEqual([]);
    expect((await items()).some((i) => i.pk === `CASE#${anonymous.id}` && i.sk === 'IDENTITY')).toBe(false);
    expect(await outcome(revealIdentity(deps, upper(undefined, 'inspector-1'), anonymous.id, 'Cần liên hệ'))).toBe(
      'forbidden:not-assigned-to-case',
    );
  });

  it('answers a handling unit outside the caller’s subtree with the 404 of a missing unit, writing nothing', async () => {
    const before = (await items()).length;
    const refusal = (handlingUnitId: string) =>
      openCase(
        deps,
        { unitId: 'cdcs-b', write: at('2026-03-20T03:00:00Z') },
        {
          ...denunciation({ handlingUnitId }),
          subject: { kind: 'unit', unitId: 'cdcs-b' },
        },
      ).then(
        () => null,
        (e: DomainError) => ({ kind: e.kind, code: e.code, title: e.title, detail: e.detail }),
      );
    const outside = await refusal('cdcs-a');
    const missing = await refusal('no-such-unit');
    expect(outside).toMatchObject({ kind: 'not-found', code: 'not-found' });
    // The same answer but for the id named: nothing tells an existing unit from a missing one.
    const blank = (e: typeof outside, id: string) => JSON.parse(JSON.stringify(e).replaceAll(id, '<id>'));
    expect(blank(outside, 'cdcs-a')).toEqual(blank(missing, 'no-such-unit'));
    expect((await items()).length).toBe(before);
  });

  it('takes an officer as subject only while they hold an office, kept from membership’s officer events', async () => {
    const appointment = {
      id: 'appt-accused-chair',
      termId: 'term-section-a',
      unitId: 'section-a',
      memberId: 'accused',
      memberUnitId: 'section-a',
      fullName: 'Trần Văn accused',
      position: 'chair' as const,
      from: '2025-01-01',
      decisionNumber: '3/QĐ',
      decisionDate: null,
      note: null,
      end: { date: '2026-02-01', reason: 'resigned' as const, decisionNumber: null, note: null },
      version: 2,
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2026-02-01T00:00:00Z',
    };
    expect(await recordOffice(deps, appointment)).toBe(true);
    // An older version arriving late changes nothing; a chair is no UBKT seat.
    expect(await recordOffice(deps, { ...appointment, version: 1, end: null })).toBe(false);
    expect(await recordAppointment(deps, appointment)).toBe(false);
    expect(await deps.offices.officesOf('accused')).toEqual([
      { position: 'chair', unitId: 'section-a', from: '2025-01-01', to: '2026-02-01' },
    ]);
    const officer = (receivedOn: string, memberId = 'accused') =>
      denunciation({ receivedOn, subject: { kind: 'officer', memberId } });
    const c = await openCase(deps, upper(), officer('2026-01-31'));
    expect(c.subject).toEqual({
      kind: 'officer',
      memberId: 'accused',
      unitId: 'section-a',
      fullName: 'Trần Văn accused',
    });
    // Out of office from 01/02 (the first day without it): the same person is a member, not an officer.
    const refused = await openCase(deps, upper(), officer('2026-02-01')).catch((e: DomainError) => e);
    expect(refused).toMatchObject({ kind: 'unprocessable', code: 'subject-not-officer' });
    expect((refused as DomainError).detail.vi).toContain('không giữ chức vụ công đoàn nào vào ngày 01/02/2026');
    expect((refused as DomainError).detail.en).toContain('held no union office on 2026-02-01');
    expect(await outcome(openCase(deps, upper(), officer('2026-03-02', 'plain')))).toBe(
      'unprocessable:subject-not-officer',
    );
    expect(
      (await openCase(deps, upper(), { ...officer('2026-02-01'), subject: { kind: 'member', memberId: 'accused' } }))
        .subject.kind,
    ).toBe('member');
    // A UBKT member holds an office too: the seat's appointment is kept as both.
    const seat = {
      ...appointment,
      id: 'appt-i3',
      memberId: 'inspector-3',
      unitId: 'upper',
      position: 'inspection-member' as const,
      end: null,
    };
    expect(await recordAppointment(deps, seat)).toBe(true);
    expect(await recordOffice(deps, seat)).toBe(true);
    expect((await openCase(deps, upper(), officer('2026-03-02', 'inspector-3'))).subject.kind).toBe('officer');
  });

  it('refuses a subject outside the handling unit’s subtree', async () => {
    const outside = denunciation({ handlingUnitId: 'cdcs-b' });
    expect(await outcome(openCase(deps, upper(), outside))).toBe('unprocessable:subject-not-in-subtree');
  });
});

describe('steps', () => {
  it('assigns only UBKT members, never the subject, and opens then closes the proceeding with the step', async () => {
    const c = await openCase(deps, upper(), denunciation());
    const assign = (memberIds: string[]) =>
      takeStep(deps, upper(), c.id, { step: 'assign', date: '2026-02-13', memberIds });
    expect(await outcome(assign(['plain']))).toBe('unprocessable:assignee-not-on-ubkt');
    expect(await outcome(assign(['accused']))).toBe('unprocessable:assignee-is-subject');
    const assigned = await assign(['inspector-1', 'inspector-2']);
    expect(assigned.assignees.map((a) => a.memberId)).toEqual(['inspector-1', 'inspector-2']);

    const accepted = await takeStep(deps, upper(), c.id, { step: 'accept', date: '2026-02-24' }, 2);
    expect(accepted).toMatchObject({ stage: 'accepted', proceedingOpen: true, version: 3 });
    expect(await events('ProceedingOpened', c.id)).toEqual([
      {
        proceedingId: c.id,
        version: 1,
        kind: 'denunciation',
        subject: { kind: 'member', memberId: 'accused', unitId: 'section-a' },
        handlingUnitId: 'upper',
        openedOn: '2026-02-24',
      },
    ]);
    expect(await outcome(takeStep(deps, upper(), c.id, { step: 'verify', date: '2026-02-25', note: 'x' }, 2))).toBe(
      'precondition-failed:stale-version',
    );
    const extended = await takeStep(deps, upper(), c.id, {
      step: 'extend',
      date: '2026-03-10',
      decision: { number: '3/QĐ-UBKT', date: '2026-03-10' },
    });
    // 26/03 + 30 days ends on Saturday 25/04; Sunday 26/04 is Giỗ Tổ and Monday 27/04 its
    // substitute day off, so the limit ends on Tuesday 28/04 (Civil Code, Art. 148).
    expect(extended.deadlines.find((d) => d.kind === 'denunciation-resolution')).toMatchObject({
      dueDate: '2026-04-28',
      status: 'open',
    });
    expect(await events('CaseStepRecorded', c.id)).toContainEqual(
      expect.objectContaining({ step: 'extend', decision: { number: '3/QĐ-UBKT', date: '2026-03-10' } }),
    );
    await takeStep(deps, upper(), c.id, { step: 'conclude', date: '2026-03-20', summary: 'Tố cáo đúng một phần' });
    expect(await events('ProceedingClosed', c.id)).toEqual([
      expect.objectContaining({ version: 2, outcome: 'concluded', closedOn: '2026-03-20' }),
    ]);
    // Its index entries are gone with its open deadlines.
    expect((await items()).filter((i) => i.pk === `CASE#${c.id}` && String(i.sk).startsWith('BOARD#'))).toEqual([]);

    // The decision issued on the conclusion: stored, with its event carrying its number, and nothing reopened.
    const decided = await takeStep(
      deps,
      upper(),
      c.id,
      { step: 'decide', date: '2026-03-20', number: '9/QĐ-UBKT', summary: 'Kiến nghị xử lý kỷ luật' },
      5,
    );
    expect(decided).toMatchObject({ stage: 'decided', version: 6, closedOn: '2026-03-20', proceedingOpen: false });
    const stored = (await deps.cases.get(c.id))!;
    expect(stored).toEqual(decided);
    expect(stored.steps.map((s) => s.step)).toEqual(['receive', 'assign', 'accept', 'extend', 'conclude', 'decide']);
    expect(stored.steps.at(-1)!.detail).toEqual({ number: '9/QĐ-UBKT', summary: 'Kiến nghị xử lý kỷ luật' });
    expect((await events('CaseStepRecorded', c.id)).filter((e) => e.step === 'decide')).toEqual([
      {
        caseId: c.id,
        version: 6,
        class: 'denunciation',
        step: 'decide',
        date: '2026-03-20',
        stage: 'decided',
        handlingUnitId: 'upper',
        decision: { number: '9/QĐ-UBKT', date: '2026-03-20' },
      },
    ]);
    // No second ProceedingClosed, and the audit records the step.
    expect(await events('ProceedingClosed', c.id)).toHaveLength(1);
    expect(
      (await items()).filter((i) => i.kind === 'audit' && String(i.pk).includes(c.id) && i.action === 'decide'),
    ).toHaveLength(1);
    expect(
      await outcome(
        takeStep(deps, upper(), c.id, { step: 'decide', date: '2026-03-21', number: '10/QĐ', summary: 'x' }),
      ),
    ).toBe('conflict:illegal-transition');
  });

  it('ten parallel step requests on one case leave a legal state', async () => {
    const c = await openCase(deps, upper(), denunciation({ complexity: 'complex' }));
    const requests: CaseStepInput[] = [
      { step: 'accept', date: '2026-02-20' },
      { step: 'refuse', date: '2026-02-20', reason: 'Không đủ căn cứ' },
      { step: 'withdraw', date: '2026-02-20' },
      { step: 'accept', date: '2026-02-20' },
      { step: 'transfer', date: '2026-02-20', competentBody: 'Thanh tra tỉnh' },
      { step: 'extend', date: '2026-02-20', decision: { number: '1/QĐ', date: '2026-02-20' } },
      { step: 'verify', date: '2026-02-20', note: 'Xác minh' },
      { step: 'conclude', date: '2026-02-20', summary: 'Kết luận' },
      { step: 'extend', date: '2026-02-20', decision: { number: '2/QĐ', date: '2026-02-20' } },
      { step: 'accept', date: '2026-02-20' },
    ];
    const results = await Promise.all(requests.map((r) => outcome(takeStep(deps, upper(), c.id, r))));
    for (const r of results) expect(r).toMatch(/^(ok|conflict:illegal-transition|conflict:extensions-exhausted)$/);
    const after = (await deps.cases.get(c.id))!;
    // Replaying the recorded steps through the state machine is legal and ends where the case is.
    let stage: Case['stage'] = 'received';
    for (const s of after.steps.slice(1)) stage = caseTransition(stage, s.step as CaseStep, after.class);
    expect(stage).toBe(after.stage);
    const ok = results.filter((r) => r === 'ok').length;
    expect(after.version).toBe(1 + ok);
    expect(after.steps).toHaveLength(1 + ok);
    expect(await events('CaseStepRecorded', c.id)).toHaveLength(1 + ok);
    expect(after.extensions.length).toBeLessThanOrEqual(1);
    const opened = await events('ProceedingOpened', c.id);
    const closed = await events('ProceedingClosed', c.id);
    expect(opened).toHaveLength(after.acceptedOn ? 1 : 0);
    expect(closed).toHaveLength(after.acceptedOn && after.stage !== 'accepted' && after.stage !== 'verifying' ? 1 : 0);
  });
});

describe('the deadline board and the daily announcements', () => {
  let inA: Case;
  let inB: Case;
  let atUpper: Case;
  beforeAll(async () => {
    await world();
    const receive = (handlingUnitId: string, subject: OpenCaseInput['subject'], receivedOn: string) =>
      openCase(deps, upper(), denunciation({ handlingUnitId, subject, receivedOn }));
    inA = await receive('cdcs-a', { kind: 'unit', unitId: 'section-a' }, '2026-03-02');
    inB = await receive('cdcs-b', { kind: 'unit', unitId: 'cdcs-b' }, '2026-03-04');
    atUpper = await receive('upper', { kind: 'unit', unitId: 'cdcs-a' }, '2026-03-16');
  });

  it('lists a subtree’s overdue and due-soon deadlines from its own index partition, paged', async () => {
    // 09/03: A's transfer (09/03) is due today, its initial handling (11/03) in 2 working days;
    // B's are due 11/03 and 13/03; upper's (23/03, 25/03) are beyond 5 working days.
    const now = new Date('2026-03-09T03:00:00Z');
    const board = await deadlineBoard(deps, { unitId: 'upper' }, 'upper', { limit: 50 }, now);
    expect(board).toMatchObject({ today: '2026-03-09', horizon: '2026-03-16' });
    const lines = board.items.map((e) => [e.dueDate, e.caseId, e.kind, e.status, e.workingDaysLeft].join(' '));
    // Earliest first (same-day entries by case id).
    expect(lines).toEqual([...lines].sort());
    expect(lines.sort()).toEqual(
      [
        ['2026-03-09', inA.id, 'denunciation-transfer', 'due-soon', 0],
        ['2026-03-11', inA.id, 'denunciation-initial-handling', 'due-soon', 2],
        ['2026-03-11', inB.id, 'denunciation-transfer', 'due-soon', 2],
        ['2026-03-13', inB.id, 'denunciation-initial-handling', 'due-soon', 4],
      ]
        .map((l) => l.join(' '))
        .sort(),
    );
    const ofA = await deadlineBoard(deps, { unitId: 'cdcs-a' }, 'cdcs-a', { limit: 50 }, now);
    expect(ofA.items.map((e) => e.caseId)).toEqual([inA.id, inA.id]);
    expect(await outcome(deadlineBoard(deps, { unitId: 'cdcs-b' }, 'cdcs-a', { limit: 50 }, now))).toBe(
      'not-found:not-found',
    );

    const later = new Date('2026-03-12T03:00:00Z');
    const first = await deadlineBoard(deps, { unitId: 'upper' }, 'upper', { limit: 2 }, later);
    expect(first.items.map((e) => [e.dueDate, e.status])).toEqual([
      ['2026-03-09', 'overdue'],
      ['2026-03-11', 'overdue'],
    ]);
    const second = await deadlineBoard(
      deps,
      { unitId: 'upper' },
      'upper',
      { limit: 2, cursor: first.nextCursor! },
      later,
    );
    expect(second.items.map((e) => e.dueDate)).toEqual(['2026-03-11', '2026-03-13']);
    // A cursor of cdcs-a's board does not continue upper's.
    const ofAPaged = await deadlineBoard(deps, { unitId: 'cdcs-a' }, 'cdcs-a', { limit: 1 }, later);
    expect(
      await outcome(
        deadlineBoard(deps, { unitId: 'upper' }, 'upper', { limit: 2, cursor: ofAPaged.nextCursor! }, later),
      ),
    ).toBe('validation:invalid-cursor');
  });

  it('leaves out an entry whose handling unit moved out of the subtree, and re-indexes it on the case’s next step', async () => {
    const now = new Date('2026-03-09T03:00:00Z');
    const onBoard = async (unitId: string) =>
      (await deadlineBoard(deps, { unitId: null }, unitId, { limit: 50 }, now)).items.map((e) => e.caseId);
    PARENT['cdcs-b'] = 'province';
    try {
      expect(await onBoard('upper')).not.toContain(inB.id);
      expect(await onBoard('province')).toContain(inB.id);
      await takeStep(deps, { unitId: null, write: at('2026-03-09T03:00:00Z') }, inB.id, {
        step: 'assign',
        date: '2026-03-09',
        memberIds: ['inspector-1'],
      });
      const entries = (await items()).filter((i) => i.pk === `CASE#${inB.id}` && String(i.sk).startsWith('BOARD#'));
      expect(entries.map((i) => i.unitId).sort()).toEqual(['cdcs-b', 'cdcs-b', 'province', 'province']);
    } finally {
      PARENT['cdcs-b'] = 'upper';
    }
    await takeStep(deps, { unitId: null, write: at('2026-03-09T03:00:00Z') }, inB.id, {
      step: 'assign',
      date: '2026-03-09',
      memberIds: ['inspector-2'],
    });
    expect(await onBoard('upper')).toContain(inB.id);
  });

  it('announces each deadline once approaching and once overdue, under racing runs', async () => {
    const run = (iso: string) => announceCaseDeadlines(deps, at(iso));
    // 09/03: four deadlines are within 5 working days (A's and B's); two racing runs announce each once.
    const [x, y] = await Promise.all([run('2026-03-08T17:15:00Z'), run('2026-03-08T17:15:00Z')]);
    expect(x.approaching + y.approaching).toBe(4);
    expect(x.overdue + y.overdue).toBe(0);
    expect((await run('2026-03-08T17:20:00Z')).approaching).toBe(0);
    const approaching = await events('CaseDeadlineApproaching');
    expect(approaching.map((e) => [e.caseId, e.deadlineKind, e.workingDaysLeft]).sort()).toEqual(
      [
        [inA.id, 'denunciation-initial-handling', 2],
        [inA.id, 'denunciation-transfer', 0],
        [inB.id, 'denunciation-initial-handling', 4],
        [inB.id, 'denunciation-transfer', 2],
      ].sort(),
    );
    // A is accepted on 10/03: its deadlines are met and never announced overdue.
    await takeStep(deps, upper('2026-03-10T03:00:00Z'), inA.id, { step: 'accept', date: '2026-03-10' });
    // 20/03: B's two are overdue; upper's two (23/03, 25/03) now approaching.
    const [p, q] = await Promise.all([run('2026-03-19T17:15:00Z'), run('2026-03-19T17:15:00Z')]);
    expect(p.overdue + q.overdue).toBe(2);
    expect(p.approaching + q.approaching).toBe(2);
    const overdue = await events('CaseOverdue');
    expect(overdue.map((e) => [e.caseId, e.deadlineKind, e.dueDate]).sort()).toEqual(
      [
        [inB.id, 'denunciation-initial-handling', '2026-03-13'],
        [inB.id, 'denunciation-transfer', '2026-03-11'],
      ].sort(),
    );
    expect(await run('2026-03-19T17:30:00Z')).toEqual({ approaching: 0, overdue: 0, skipped: 0 });
    expect((await events('CaseDeadlineApproaching')).filter((e) => e.caseId === atUpper.id)).toHaveLength(2);
  });
});

describe('the person’s reveal', () => {
  it('answers only an assigned inspector, audits every reveal, two at once both', async () => {
    const c = await openCase(deps, upper(), denunciation());
    await takeStep(deps, upper(), c.id, {
      step: 'assign',
      date: '2026-02-13',
      memberIds: ['inspector-1', 'inspector-2'],
    });
    expect(await outcome(revealIdentity(deps, upper(), c.id, 'Quản trị viên muốn xem'))).toBe(
      'forbidden:not-assigned-to-case',
    );
    expect(await outcome(revealIdentity(deps, upper(undefined, 'inspector-3'), c.id, 'Không được phân công'))).toBe(
      'forbidden:not-assigned-to-case',
    );
    expect(
      await outcome(
        revealIdentity(
          deps,
          { unitId: 'cdcs-b', memberId: 'inspector-1', write: at('2026-03-20T03:00:00Z') },
          c.id,
          'x'.repeat(6),
        ),
      ),
    ).toBe('not-found:not-found');
    const [one, two] = await Promise.all([
      revealIdentity(deps, upper('2026-03-20T03:00:00Z', 'inspector-1'), c.id, 'Mời người tố cáo bổ sung tài liệu'),
      revealIdentity(deps, upper('2026-03-20T03:00:00Z', 'inspector-2'), c.id, 'Xác minh chữ ký trên đơn'),
    ]);
    expect(one.person).toEqual(PERSON);
    expect(two.person).toEqual(PERSON);
    const audits = (await items()).filter((i) => i.pk === `AUDIT#case-identity#${c.id}`);
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => (a.after as { reason: string }).reason).sort()).toEqual(
      ['Mời người tố cáo bổ sung tài liệu', 'Xác minh chữ ký trên đơn'].sort(),
    );
    for (const a of audits) expect(a.actor).toBeDefined();
    for (const item of await items()) {
      for (const secret of SECRETS) expect(JSON.stringify(item)).not.toContain(secret);
    }
  });
});

describe('the annual figures', () => {
  it('counts a unit’s cases by class: received, accepted, refused, transferred, resolved on time or late, open', async () => {
    const table = await freshTable('inspection');
    const d = depsOn(table, MEMBERS);
    const receive = (over: Partial<OpenCaseInput>) => openCase(d, upper('2026-11-01T03:00:00Z'), denunciation(over));
    const onTime = await receive({ receivedOn: '2026-03-02' });
    await takeStep(d, upper('2026-11-01T03:00:00Z'), onTime.id, { step: 'accept', date: '2026-03-03' });
    await takeStep(d, upper('2026-11-01T03:00:00Z'), onTime.id, { step: 'conclude', date: '2026-03-20', summary: 'x' });
    const late = await receive({ receivedOn: '2026-03-02' });
    await takeStep(d, upper('2026-11-01T03:00:00Z'), late.id, { step: 'accept', date: '2026-03-03' });
    await takeStep(d, upper('2026-11-01T03:00:00Z'), late.id, { step: 'conclude', date: '2026-05-20', summary: 'x' });
    const refused = await receive({ class: 'complaint-first', receivedOn: '2026-04-01' });
    await takeStep(d, upper('2026-11-01T03:00:00Z'), refused.id, { step: 'refuse', date: '2026-04-02', reason: 'x' });
    await receive({ class: 'petition', receivedOn: '2026-06-01' });
    await receive({ class: 'petition', receivedOn: '2025-12-01' });
    const figures = await createCaseStore(table).yearFigures('upper', 2026);
    expect(figures.denunciation).toEqual({
      received: 2,
      accepted: 2,
      refused: 0,
      transferred: 0,
      resolvedOnTime: 1,
      resolvedLate: 1,
      open: 0,
    });
    expect(figures['complaint-first']).toMatchObject({ received: 1, refused: 1, open: 0 });
    expect(figures.petition).toMatchObject({ received: 1, open: 2 });
    expect((await createCaseStore(table).yearFigures('upper', 2025)).petition).toMatchObject({ received: 1, open: 1 });
  });
});
