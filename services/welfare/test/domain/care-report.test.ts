import { describe, expect, it } from 'vitest';
import { initials, lastThree, type PaidCase, periodInstants, processing } from '../../src/domain/care-report.ts';

const paid = (submittedAt: string, disbursedAt: string, amount = 1_000): PaidCase => ({
  caseId: 'c',
  unitId: 'u',
  memberId: 'm',
  type: 'illness',
  amount,
  fundId: 'f',
  date: disbursedAt.slice(0, 10),
  summary: 's',
  submittedAt,
  disbursedAt,
});

describe('the report’s rules of cases and masking', () => {
  it('bounds a period by Vietnam days (UTC+7), both days whole', () => {
    expect(periodInstants('2026-02-01', '2026-02-28')).toEqual({
      start: '2026-01-31T17:00:00.000Z',
      end: '2026-02-28T16:59:59.999Z',
    });
  });

  it('averages days of 24 hours to one decimal, and says null without a paid case', () => {
    expect(
      processing([
        paid('2026-02-01T00:00:00.000Z', '2026-02-03T12:00:00.000Z', 2_000),
        paid('2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z', 3_000),
        paid('2026-02-01T00:00:00.000Z', '2026-02-01T08:00:00.000Z'),
      ]),
    ).toEqual({ paid: 3, amount: 6_000, averageDays: 1.3, shortestDays: 0.3, longestDays: 2.5 });
    expect(processing([])).toEqual({ paid: 0, amount: 0, averageDays: null, shortestDays: null, longestDays: null });
  });

  it('masks a Vietnamese name to its initials and a card to its last three digits', () => {
    expect(initials('Nguyễn Thị Hà')).toBe('N.T.H.');
    expect(initials('  đặng   văn  ân ')).toBe('Đ.V.Â.');
    expect(lastThree('0123456789')).toBe('•••789');
  });
});
