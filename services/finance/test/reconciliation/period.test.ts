import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import {
  assertReconcilableMonth,
  monthToReconcile,
  requestRunId,
  scheduledRunId,
} from '../../src/domain/reconciliation/period.ts';
import { reconciliationSchedules } from '../../src/reconciliation-routes.ts';

describe('the monthly schedule', () => {
  it('runs at 02:00 on the 5th in Vietnam', () => {
    expect(reconciliationSchedules).toEqual([
      expect.objectContaining({
        name: 'finance-monthly-reconciliation',
        cron: 'cron(0 2 5 * ? *)',
        timezone: 'Asia/Ho_Chi_Minh',
        handler: { file: 'reconciliation', export: 'onMonthlySchedule' },
      }),
    ]);
  });

  it('reconciles the month before the scheduled time’s month, read in Vietnam', () => {
    // 02:00 on 5/7/2025 in Vietnam is 19:00 UTC on 4/7.
    expect(monthToReconcile('2025-07-04T19:00:00Z')).toBe('2025-06');
    // 02:00 on 5/1/2026 in Vietnam: the previous year's December.
    expect(monthToReconcile('2026-01-04T19:00:00Z')).toBe('2025-12');
    // 23:30 UTC on 31/7 is already 1/8 in Vietnam.
    expect(monthToReconcile('2025-07-31T23:30:00Z')).toBe('2025-07');
    expect(() => monthToReconcile('not a time')).toThrow();
  });

  it('gives one run id per trigger, so a retried invocation resumes its run', () => {
    const a = scheduledRunId('2025-06', '2025-07-04T19:00:00Z');
    expect(a).toBe('sched-2025-06-20250704190000');
    expect(scheduledRunId('2025-06', '2025-07-04T19:00:00.000Z')).toBe(a);
    expect(scheduledRunId('2025-06', '2025-07-04T19:05:00Z')).not.toBe(a);
  });
});

describe('run ids of API requests', () => {
  it('are the same for the same caller and Idempotency-Key, fresh without a key', () => {
    const fresh = () => 'x';
    expect(requestRunId('u1', 'k1', fresh)).toBe(requestRunId('u1', 'k1', fresh));
    expect(requestRunId('u1', 'k1', fresh)).not.toBe(requestRunId('u2', 'k1', fresh));
    expect(requestRunId('u1', undefined, fresh)).toBe('run-x');
  });
});

describe('which periods can be reconciled', () => {
  it('the current month and earlier ones; a later one is refused in Vietnamese and English', () => {
    expect(() => assertReconcilableMonth('2025-08', '2025-08-15')).not.toThrow();
    expect(() => assertReconcilableMonth('2024-12', '2025-08-15')).not.toThrow();
    try {
      assertReconcilableMonth('2025-09', '2025-08-15');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('month-in-future');
      expect((error as DomainError).detail.vi).toContain('chưa bắt đầu');
    }
    expect(() => assertReconcilableMonth('2025-13', '2025-08-15')).toThrow(DomainError);
  });
});
