import { createHash } from 'node:crypto';
import { addMonths, dayInVietnam, isMonth, type Month, monthOf, unprocessable } from '@congdoan/contracts';

/**
 * The schedule runs at 02:00 on the 5th in Vietnam and reconciles the month before
 * the one it runs in, read in Vietnam: a run at 2025-07-04T19:00:00Z (02:00 on
 * 5/7 in Vietnam) reconciles 2025-06.
 */
export function monthToReconcile(scheduledTime: string): Month {
  const at = new Date(scheduledTime);
  if (Number.isNaN(at.getTime())) throw new Error(`scheduledTime is not a time: "${scheduledTime}"`);
  return addMonths(monthOf(dayInVietnam(at)), -1);
}

const digits = (time: string) => time.replace(/\D/g, '').slice(0, 14);

/**
 * The run of one schedule trigger: the same scheduled time (EventBridge Scheduler
 * retries an invocation with it) always gives the same run, which is then resumed,
 * not started twice. `sched-2025-06-20250704190000`.
 */
export function scheduledRunId(month: Month, scheduledTime: string): string {
  return `sched-${month}-${digits(new Date(scheduledTime).toISOString())}`;
}

/**
 * The run of one API request: with an Idempotency-Key the same caller and key give
 * the same run (a retried request resumes it); without one, a fresh id.
 */
export function requestRunId(subject: string, idempotencyKey: string | undefined, fresh: () => string): string {
  if (idempotencyKey === undefined) return `run-${fresh()}`;
  return `run-${createHash('sha256').update(`${subject}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

/** A period can be reconciled once it has started: the current month (partial) or any before it. */
export function assertReconcilableMonth(month: string, today: string): asserts month is Month {
  if (!isMonth(month)) {
    throw unprocessable('invalid-month', {
      vi: `Kỳ đối soát "${month}" không hợp lệ: dùng dạng YYYY-MM.`,
      en: `Reconciliation period "${month}" is invalid: use YYYY-MM.`,
    });
  }
  if (month > monthOf(today)) {
    throw unprocessable('month-in-future', {
      vi: `Không thể đối soát tháng ${month}: kỳ này chưa bắt đầu (hôm nay ${today}).`,
      en: `Cannot reconcile ${month}: the period has not started (today is ${today}).`,
    });
  }
}
