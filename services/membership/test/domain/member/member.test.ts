import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTransition, MEMBER_ACTIONS } from '../../../src/domain/member/lifecycle.ts';
import {
  admit,
  applyUpdate,
  exit,
  maskMember,
  newApplication,
  readmit,
  reinstate,
  reject,
  suspend,
  transfer,
} from '../../../src/domain/member/member.ts';
import {
  act,
  active,
  applicant,
  cccdFor,
  codeOf,
  errorOf,
  input,
  inStatus,
  later,
  muchLater,
  now,
} from './fixtures.ts';

const policy = { readmitAfterMonths: 3 };

describe('an application', () => {
  it('makes an applicant record, version 1, with nulls for what is not known yet', () => {
    const m = applicant();
    expect(m).toMatchObject({
      id: 'm-1',
      unitId: 'cdcs-1',
      status: 'applicant',
      applicationDate: '2026-01-05',
      cardNumber: null,
      joinDate: null,
      admission: null,
      suspension: null,
      exit: null,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      email: null,
      duesSalary: 7_020_000,
    });
    expect(m).not.toHaveProperty('masked');
  });

  it('stores names in NFC with single spaces', () => {
    const m = applicant({ fullName: '  Nguyễn   Thị Hồng Nhung '.normalize('NFD'), jobTitle: '  ' });
    expect(m.fullName).toBe('Nguyễn Thị Hồng Nhung');
    expect(m.jobTitle).toBeNull();
  });

  it('checks the CCCD against the birth date and gender', () => {
    expect(codeOf(() => applicant({ gender: 'male', cccd: cccdFor('1988-07-24', 'female') }))).toBe('invalid-cccd');
    expect(codeOf(() => applicant({ cccd: '003188012345' }))).toBe('invalid-cccd');
  });

  it('refuses an applicant under 15 on the application date, and takes one who turns 15 that day', () => {
    const young = (dateOfBirth: string) =>
      newApplication(input({ dateOfBirth, partyMember: false, partyJoinDate: null }), 'u', 'id', '2026-01-05', now);
    const error = errorOf(() => young('2011-01-06'));
    expect(error.code).toBe('applicant-too-young');
    expect(error.detail.vi).toContain('mới 14 tuổi');
    expect(young('2011-01-05').status).toBe('applicant');
    expect(codeOf(() => young('1925-01-04'))).toBe('implausible-date-of-birth');
  });

  it('records a Party join date only for a Party member, after the birth date', () => {
    expect(codeOf(() => applicant({ partyMember: false, partyJoinDate: '2012-05-19' }))).toBe(
      'party-date-without-membership',
    );
    expect(codeOf(() => applicant({ partyJoinDate: '1988-07-24' }))).toBe('party-date-before-birth');
    expect(applicant({ partyJoinDate: null }).partyMember).toBe(true);
  });

  it('refuses a dues salary that is not whole đồng', () => {
    expect(codeOf(() => applicant({ duesSalary: 7_020_000.5 }))).toBe('invalid-dues-salary');
    expect(codeOf(() => applicant({ duesSalary: -1 }))).toBe('invalid-dues-salary');
  });

  it('refuses dates that do not exist', () => {
    expect(codeOf(() => newApplication(input(), 'u', 'id', '2026-02-30', now))).toBe('invalid-date');
  });
});

describe('admission and rejection', () => {
  it('admits with the decision, the card, and the decision date as join date', () => {
    const m = admit(
      applicant(),
      { decisionNumber: ' 15/QĐ-CĐCS ', decisionDate: '2026-02-02', cardNumber: '2026000001' },
      later,
    );
    expect(m).toMatchObject({
      status: 'active',
      joinDate: '2026-02-02',
      cardNumber: '2026000001',
      admission: { decisionNumber: '15/QĐ-CĐCS', decisionDate: '2026-02-02' },
      version: 2,
      updatedAt: later.toISOString(),
      createdAt: now.toISOString(),
    });
  });

  it('refuses a decision dated before the application, or without a number', () => {
    const decision = { decisionNumber: '15/QĐ', decisionDate: '2026-01-04', cardNumber: 'C1' };
    expect(codeOf(() => admit(applicant(), decision, now))).toBe('date-out-of-order');
    expect(
      codeOf(() => admit(applicant(), { ...decision, decisionDate: '2026-01-05', decisionNumber: ' ' }, now)),
    ).toBe('missing-field');
  });

  it('refuses to admit twice', () => {
    expect(
      codeOf(() => admit(active(), { decisionNumber: '1', decisionDate: '2026-03-01', cardNumber: 'C' }, now)),
    ).toBe('illegal-member-transition');
  });

  it('rejects an applicant with a reason, after which the record no longer changes', () => {
    const m = reject(applicant(), 'Không thuộc đối tượng kết nạp', later);
    expect(m).toMatchObject({ status: 'rejected', version: 2 });
    expect(codeOf(() => reject(applicant(), '  ', now))).toBe('missing-field');
    expect(codeOf(() => applyUpdate(m, { phone: '0987654321' }, now))).toBe('illegal-member-transition');
  });
});

describe('updating a record', () => {
  it('lists only the fields that changed, and bumps the version', () => {
    const m = active();
    const { member, changed } = applyUpdate(
      m,
      { duesSalary: 7_500_000, fullName: 'Nguyễn Thị Hồng Nhung', educationLevel: 'doctorate' },
      later,
    );
    expect(changed).toEqual(['educationLevel', 'duesSalary']);
    expect(member).toMatchObject({ duesSalary: 7_500_000, educationLevel: 'doctorate', version: m.version + 1 });
  });

  it('returns the member untouched when nothing differs', () => {
    const m = active();
    const result = applyUpdate(m, { fullName: ' Nguyễn Thị  Hồng Nhung', phone: m.phone }, later);
    expect(result.changed).toEqual([]);
    expect(result.member).toBe(m);
  });

  it('re-checks the CCCD when it, the birth date or the gender changes', () => {
    const m = active();
    expect(codeOf(() => applyUpdate(m, { cccd: '024085012345' }, now))).toBe('invalid-cccd');
    expect(codeOf(() => applyUpdate(m, { gender: 'male' }, now))).toBe('invalid-cccd');
    const ok = applyUpdate(m, { gender: 'male', cccd: cccdFor('1988-07-24', 'male', '001') }, now);
    expect(ok.changed).toEqual(['gender', 'cccd']);
    const moved = applyUpdate(m, { dateOfBirth: '1987-07-24', cccd: cccdFor('1987-07-24', 'female') }, now);
    expect(moved.member.dateOfBirth).toBe('1987-07-24');
  });

  it('clears the Party join date when Party membership is removed, and refuses one without membership', () => {
    const { member, changed } = applyUpdate(active(), { partyMember: false }, now);
    expect(member.partyJoinDate).toBeNull();
    expect(changed).toEqual(['partyMember', 'partyJoinDate']);
    expect(codeOf(() => applyUpdate(active(), { partyMember: false, partyJoinDate: '2013-01-01' }, now))).toBe(
      'party-date-without-membership',
    );
  });

  it('may update an applicant and a suspended member, never an exited one', () => {
    expect(applyUpdate(applicant(), { phone: '0987654321' }, now).changed).toEqual(['phone']);
    expect(applyUpdate(inStatus('suspended'), { phone: '0987654321' }, now).changed).toEqual(['phone']);
    expect(codeOf(() => applyUpdate(inStatus('exited'), { phone: '0987654321' }, now))).toBe(
      'illegal-member-transition',
    );
  });
});

describe('transfer', () => {
  it('moves the member to another unit and keeps the original join date and status', () => {
    const m = active();
    const moved = transfer(m, 'cdcs-2', '2026-03-09', later);
    expect(moved).toMatchObject({ unitId: 'cdcs-2', status: 'active', joinDate: m.joinDate, cardNumber: m.cardNumber });
    expect(moved.version).toBe(m.version + 1);
    const suspended = transfer(inStatus('suspended'), 'cdcs-2', '2026-03-09', later);
    expect(suspended).toMatchObject({
      status: 'suspended',
      joinDate: '2026-02-02',
      suspension: { from: '2026-03-01' },
    });
  });

  it('refuses the same unit, a date before joining, and an exited member', () => {
    expect(codeOf(() => transfer(active(), 'cdcs-1', '2026-03-09', now))).toBe('transfer-same-unit');
    expect(codeOf(() => transfer(active(), 'cdcs-2', '2026-01-09', now))).toBe('date-out-of-order');
    const error = errorOf(() => transfer(inStatus('exited'), 'cdcs-2', '2026-03-09', now));
    expect(error.code).toBe('illegal-member-transition');
    expect(error.detail.vi).toContain('Không thể chuyển sinh hoạt đoàn viên đã ra khỏi tổ chức');
  });
});

describe('suspension and reinstatement', () => {
  it('records the suspension and clears it on reinstatement', () => {
    const s = suspend(active(), { from: '2026-03-01', reason: ' Nghỉ không lương ' }, now);
    expect(s).toMatchObject({ status: 'suspended', suspension: { from: '2026-03-01', reason: 'Nghỉ không lương' } });
    const r = reinstate(s, '2026-09-01', later);
    expect(r).toMatchObject({ status: 'active', suspension: null, version: s.version + 1 });
  });

  it('refuses a reinstatement dated before the suspension, and suspending twice', () => {
    const s = inStatus('suspended');
    expect(codeOf(() => reinstate(s, '2026-02-28', now))).toBe('date-out-of-order');
    expect(codeOf(() => suspend(s, { from: '2026-03-02', reason: 'x' }, now))).toBe('illegal-member-transition');
    expect(codeOf(() => reinstate(active(), '2026-03-02', now))).toBe('illegal-member-transition');
    expect(codeOf(() => suspend(active(), { from: '2026-01-01', reason: 'x' }, now))).toBe('date-out-of-order');
  });
});

describe('exit and re-admission', () => {
  it('exits an active or suspended member with a reason and a note', () => {
    const e = exit(
      inStatus('suspended'),
      { date: '2026-04-30', reason: 'retired', note: '  Nghỉ hưu theo QĐ 12 ' },
      later,
    );
    expect(e).toMatchObject({
      status: 'exited',
      suspension: null,
      exit: { date: '2026-04-30', reason: 'retired', note: 'Nghỉ hưu theo QĐ 12' },
    });
    expect(exit(active(), { date: '2026-04-30', reason: 'resigned' }, later).exit?.note).toBeNull();
    expect(codeOf(() => exit(active(), { date: '2026-01-30', reason: 'resigned' }, now))).toBe('date-out-of-order');
    expect(codeOf(() => exit(applicant(), { date: '2026-04-30', reason: 'resigned' }, now))).toBe(
      'illegal-member-transition',
    );
  });

  it('readmits no sooner than the policy allows, keeping the first join date', () => {
    const e = inStatus('exited'); // exited 2026-03-05
    const decision = { decisionNumber: '40/QĐ-CĐCS', decisionDate: '2026-06-04', date: '2026-06-04' };
    const error = errorOf(() => readmit(e, decision, policy, now));
    expect(error.code).toBe('readmission-too-soon');
    expect(error.detail.vi).toContain('05/06/2026');
    const r = readmit(e, { ...decision, decisionDate: '2026-06-05', date: '2026-06-05' }, policy, later);
    expect(r).toMatchObject({
      status: 'active',
      exit: null,
      joinDate: '2026-02-02',
      cardNumber: '2026000001',
      unitId: 'cdcs-1',
      admission: { decisionNumber: '40/QĐ-CĐCS', decisionDate: '2026-06-05' },
      version: e.version + 1,
    });
  });

  it('takes the waiting period from the policy, and may readmit into another unit with a new card', () => {
    const e = inStatus('exited');
    const decision = { decisionNumber: '41/QĐ', decisionDate: '2026-09-05', date: '2026-09-05' };
    expect(codeOf(() => readmit(e, decision, { readmitAfterMonths: 12 }, now))).toBe('readmission-too-soon');
    expect(readmit(e, { ...decision, unitId: 'cdcs-9', cardNumber: '2026000077' }, policy, later)).toMatchObject({
      unitId: 'cdcs-9',
      cardNumber: '2026000077',
    });
  });

  it('never readmits a deceased member, and refuses a decision dated before the exit', () => {
    const dead = exit(active(), { date: '2026-03-05', reason: 'deceased' }, now);
    const decision = { decisionNumber: '1', decisionDate: '2027-01-01', date: '2027-01-01' };
    expect(codeOf(() => readmit(dead, decision, policy, now))).toBe('readmission-not-possible');
    expect(codeOf(() => readmit(inStatus('exited'), { ...decision, decisionDate: '2026-03-01' }, policy, now))).toBe(
      'date-out-of-order',
    );
    expect(codeOf(() => readmit(active(), decision, policy, now))).toBe('illegal-member-transition');
  });
});

describe('masking', () => {
  it('hides the CCCD and the salary unless the view is full', () => {
    const m = active();
    expect(maskMember(m, { full: false })).toMatchObject({
      cccd: `••••••••${m.cccd.slice(-4)}`,
      duesSalary: null,
      masked: true,
    });
    expect(maskMember(m, { full: true })).toMatchObject({ cccd: m.cccd, duesSalary: 7_020_000, masked: false });
  });
});

describe('any sequence of actions (property)', () => {
  it('succeeds exactly when the lifecycle allows it, bumping the version by one, keeping the join date', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MEMBER_ACTIONS), { maxLength: 40 }), (actions) => {
        let m = applicant();
        for (const action of actions) {
          const legal = canTransition(m.status, action);
          const code = codeOf(() => act(m, action, muchLater));
          expect(code === undefined, `${m.status} → ${action}: ${code}`).toBe(legal);
          if (!legal) {
            expect(code).toBe('illegal-member-transition');
            continue;
          }
          const next = act(m, action, muchLater);
          expect(next.version).toBe(m.version + 1);
          if (m.joinDate !== null) expect(next.joinDate).toBe(m.joinDate);
          m = next;
        }
      }),
    );
  });
});

describe('dates of the lifecycle', () => {
  const noon = (day: string) => new Date(`${day}T05:00:00Z`); // 12:00 in Vietnam

  it('may not be after today in Vietnam: application, admission, transfer, suspension, reinstatement, exit, re-admission', () => {
    const today = noon('2026-03-10');
    const tomorrow = '2026-03-11';
    expect(codeOf(() => newApplication(input(), 'u', 'id', tomorrow, today))).toBe('date-in-future');
    const a = applicant();
    expect(codeOf(() => admit(a, { decisionNumber: '1', decisionDate: tomorrow, cardNumber: 'c' }, today))).toBe(
      'date-in-future',
    );
    expect(codeOf(() => transfer(active(), 'cdcs-2', tomorrow, today))).toBe('date-in-future');
    expect(codeOf(() => suspend(active(), { from: tomorrow, reason: 'x' }, today))).toBe('date-in-future');
    expect(codeOf(() => reinstate(inStatus('suspended'), tomorrow, today))).toBe('date-in-future');
    expect(codeOf(() => exit(active(), { date: '2099-12-31', reason: 'retired' }, today))).toBe('date-in-future');
    const e = inStatus('exited'); // 2026-03-05
    const decision = { decisionNumber: '1', decisionDate: '2026-06-05', date: '2026-06-05' };
    expect(codeOf(() => readmit(e, decision, policy, noon('2026-06-04')))).toBe('date-in-future');
    expect(readmit(e, decision, policy, noon('2026-06-05')).status).toBe('active');
  });

  it('counts today as the calendar day in Vietnam, not in UTC', () => {
    // 18:00 UTC on 10 March is already 01:00 on 11 March in Vietnam.
    expect(exit(active(), { date: '2026-03-11', reason: 'retired' }, new Date('2026-03-10T18:00:00Z')).status).toBe(
      'exited',
    );
    expect(
      codeOf(() => exit(active(), { date: '2026-03-11', reason: 'retired' }, new Date('2026-03-10T16:59:59Z'))),
    ).toBe('date-in-future');
  });
});
