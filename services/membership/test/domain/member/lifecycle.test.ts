import { EXIT_REASONS, MEMBER_STATUSES, type MemberStatus } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  assertDifferentUnit,
  assertMayHoldCccdAgain,
  assertMayTakeCccd,
  assertReadmissionAllowed,
  assertTransition,
  earliestReadmissionDate,
  exitMembershipEffects,
  MEMBER_ACTIONS,
  type MemberAction,
  nextStatus,
} from '../../../src/domain/member/lifecycle.ts';
import { applicant, codeOf, errorOf } from './fixtures.ts';

/** The whole lifecycle, written out once more by hand: status → action → next status. */
const LEGAL: Record<MemberStatus, Partial<Record<MemberAction, MemberStatus>>> = {
  applicant: { admit: 'active', reject: 'rejected', update: 'applicant' },
  active: { update: 'active', transfer: 'active', suspend: 'suspended', exit: 'exited' },
  suspended: { update: 'suspended', transfer: 'suspended', reinstate: 'active', exit: 'exited' },
  exited: { readmit: 'active' },
  rejected: {},
};

const cases = MEMBER_STATUSES.flatMap((status) => MEMBER_ACTIONS.map((action) => ({ status, action })));

describe('member transitions, every status × action', () => {
  it.each(cases.filter(({ status, action }) => LEGAL[status][action]))(
    '$status → $action is legal',
    ({ status, action }) => {
      expect(() => assertTransition(status, action)).not.toThrow();
      expect(nextStatus(status, action)).toBe(LEGAL[status][action]);
    },
  );

  it.each(cases.filter(({ status, action }) => !LEGAL[status][action]))(
    '$status → $action is refused with 409',
    ({ status, action }) => {
      const error = errorOf(() => assertTransition(status, action));
      expect(error.kind).toBe('conflict');
      expect(error.code).toBe('illegal-member-transition');
      expect(error.detail.vi).toMatch(/^Không thể /);
      expect(error.detail.en).toContain(`status "${status}", action "${action}"`);
    },
  );

  it('says why in the domain words', () => {
    const error = errorOf(() => assertTransition('exited', 'transfer'));
    expect(error.detail.vi).toContain('Không thể chuyển sinh hoạt đoàn viên đã ra khỏi tổ chức.');
    expect(error.detail.vi).toContain('Thao tác được phép: kết nạp lại.');
    expect(error.detail.en).toContain('Cannot transfer a member who has exited');
    expect(errorOf(() => assertTransition('rejected', 'update')).detail.vi).toContain(
      'Không thể sửa thông tin người đã bị từ chối kết nạp',
    );
    expect(errorOf(() => assertTransition('active', 'admit')).detail.en).toContain('Cannot admit an active member');
  });

  it('lists the allowed actions per status', () => {
    expect(allowedActions('suspended')).toEqual(['update', 'transfer', 'reinstate', 'exit']);
    expect(allowedActions('rejected')).toEqual([]);
  });
});

describe('re-admission after an exit', () => {
  const policy = { readmitAfterMonths: 3 };

  it('is allowed from the same day N months later', () => {
    expect(earliestReadmissionDate('2025-06-30', policy)).toBe('2025-09-30');
    expect(() => assertReadmissionAllowed('2025-06-30', '2025-09-30', policy)).not.toThrow();
    expect(() => assertReadmissionAllowed('2025-06-30', '2026-01-15', policy)).not.toThrow();
  });

  it('is refused one day sooner, naming the earliest date', () => {
    const error = errorOf(() => assertReadmissionAllowed('2025-06-30', '2025-09-29', policy));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('readmission-too-soon');
    expect(error.detail.vi).toContain('từ ngày 30/09/2025');
    expect(error.detail.en).toContain('2025-09-30 is the earliest date');
  });

  it('ends at the month end when the target month is shorter', () => {
    expect(earliestReadmissionDate('2025-11-30', policy)).toBe('2026-02-28');
    expect(earliestReadmissionDate('2023-11-30', policy)).toBe('2024-02-29');
    expect(earliestReadmissionDate('2025-10-31', { readmitAfterMonths: 1 })).toBe('2025-11-30');
  });

  it('takes N from the policy, 3 by default', () => {
    expect(earliestReadmissionDate('2025-06-30')).toBe('2025-09-30');
    expect(codeOf(() => assertReadmissionAllowed('2025-06-30', '2026-06-29', { readmitAfterMonths: 12 }))).toBe(
      'readmission-too-soon',
    );
    expect(() => assertReadmissionAllowed('2025-06-30', '2025-06-30', { readmitAfterMonths: 0 })).not.toThrow();
    expect(() => earliestReadmissionDate('2025-06-30', { readmitAfterMonths: 1.5 })).toThrow(RangeError);
  });
});

describe('transfer target and exit effects', () => {
  it('refuses a transfer to the same unit', () => {
    expect(codeOf(() => assertDifferentUnit('cdcs-1', 'cdcs-1'))).toBe('transfer-same-unit');
    expect(() => assertDifferentUnit('cdcs-1', 'cdcs-2')).not.toThrow();
  });

  it('releases the CCCD on every exit; only a death closes the record for good', () => {
    for (const reason of EXIT_REASONS) {
      expect(exitMembershipEffects(reason)).toEqual({ releasesCccd: true, readmissible: reason !== 'deceased' });
    }
  });
});

describe('a CCCD whose last membership exited recently', () => {
  const lastExit = { memberId: 'm-1', date: '2026-11-20', reason: 'resigned' as const };

  it('holds no new membership before the policy’s months have passed, naming the earliest day and re-admission', () => {
    const error = (() => {
      try {
        assertMayHoldCccdAgain(lastExit, { today: '2026-11-20', from: '2026-11-20' });
      } catch (e) {
        return e as { code: string; kind: string; detail: { vi: string; en: string } };
      }
      throw new Error('allowed');
    })();
    expect(error).toMatchObject({ kind: 'unprocessable', code: 'readmission-required' });
    expect(error.detail.vi).toContain('20/02/2027');
    expect(error.detail.vi).toContain('kết nạp lại');
    expect(error.detail.en).toContain('2027-02-20');
    expect(error.detail.en).toContain('readmit');
  });

  it('holds one from the earliest day, and not from a day before it even when asked later', () => {
    expect(() => assertMayHoldCccdAgain(lastExit, { today: '2027-02-20', from: '2027-02-20' })).not.toThrow();
    expect(() => assertMayHoldCccdAgain(lastExit, { today: '2027-06-01', from: '2026-12-01' })).toThrow(/readmit/);
    expect(() =>
      assertMayHoldCccdAgain(lastExit, { today: '2027-01-01', from: '2027-01-01' }, { readmitAfterMonths: 1 }),
    ).not.toThrow();
    expect(() => assertMayHoldCccdAgain(null, { today: '2026-11-20', from: '2026-11-20' })).not.toThrow();
  });
});

describe('the rule as the store asks it (assertMayTakeCccd)', () => {
  const now = new Date('2026-11-20T05:00:00Z');
  const record = (applicationDate: string) => ({ ...applicant(), applicationDate });

  it('asks nothing of a CCCD that never exited, whatever day the record says it started (before any policy)', () => {
    expect(() => assertMayTakeCccd(null, null, record('2005-05-19'), now)).not.toThrow();
  });

  it('refuses a record backdated before the exit, by the policy in force today', () => {
    const lastExit = { memberId: 'm-0', date: '2026-11-01', reason: 'resigned' as const };
    expect(codeOf(() => assertMayTakeCccd(lastExit, null, record('2005-05-19'), now))).toBe('readmission-required');
  });
});
