import { describe, expect, it } from 'vitest';
import { covers, dayInVietnam, mostAtOnce, overlaps } from '../../src/domain/committee/periods.ts';

describe('periods of office (half-open: from the first day up to the first day out)', () => {
  it('lets one period end on the day the next begins without overlapping', () => {
    expect(overlaps({ from: '2023-05-10', until: '2028-05-10' }, { from: '2028-05-10', until: '2033-05-10' })).toBe(
      false,
    );
    expect(overlaps({ from: '2023-05-10', until: '2028-05-11' }, { from: '2028-05-10', until: '2033-05-10' })).toBe(
      true,
    );
  });

  it('treats an empty period (annulled on its first day) as overlapping nothing', () => {
    expect(overlaps({ from: '2024-01-01', until: '2024-01-01' }, { from: '2023-01-01', until: '2025-01-01' })).toBe(
      false,
    );
  });

  it('covers its first day but not its end', () => {
    const p = { from: '2024-01-01', until: '2024-02-01' };
    expect(covers(p, '2024-01-01')).toBe(true);
    expect(covers(p, '2024-01-31')).toBe(true);
    expect(covers(p, '2024-02-01')).toBe(false);
    expect(covers(p, '2023-12-31')).toBe(false);
  });

  it('counts the most periods in force on one day', () => {
    const periods = [
      { from: '2024-01-01', until: '2024-03-01' },
      { from: '2024-02-01', until: '2024-04-01' },
      { from: '2024-03-01', until: '2024-05-01' },
    ];
    expect(mostAtOnce(periods, { from: '2024-01-01', until: '2024-12-31' })).toBe(2);
    expect(mostAtOnce(periods, { from: '2024-04-01', until: '2024-12-31' })).toBe(1);
    expect(mostAtOnce(periods, { from: '2025-01-01', until: '2025-02-01' })).toBe(0);
  });

  it('takes today as the day in Vietnam (UTC+7)', () => {
    expect(dayInVietnam(new Date('2026-03-10T16:59:59Z'))).toBe('2026-03-10');
    expect(dayInVietnam(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11');
  });
});
