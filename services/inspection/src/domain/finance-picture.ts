import type { FinancePicture } from '@congdoan/contracts';

export type MonthSummary = FinancePicture['months'][number];
export type Discrepancy = FinancePicture['discrepancies'][number];

/** The months `YYYY-MM` a period of days covers. */
export function monthsOf(period: { from: string; to: string }): { from: string; to: string } {
  return { from: period.from.slice(0, 7), to: period.to.slice(0, 7) };
}

/**
 * The inspected unit's finance picture for the period, from what finance announced: each
 * month's latest reconciliation summary and the discrepancies found, with their sum.
 */
export function financePicture(
  unitId: string,
  period: { from: string; to: string },
  months: readonly MonthSummary[],
  discrepancies: readonly Discrepancy[],
): FinancePicture {
  const range = monthsOf(period);
  const within = (m: string) => m >= range.from && m <= range.to;
  const found = discrepancies.filter((d) => within(d.month));
  return {
    unitId,
    ...range,
    months: months.filter((m) => within(m.month)),
    discrepancies: found,
    totalDifference: found.reduce((sum, d) => sum + d.difference, 0),
  };
}
