import type { OfficerAppointment } from '@congdoan/contracts';
import type { InspectionDeps } from './ports.ts';

/**
 * Keeps a UBKT seat (`inspection-member`) from membership's officer events: the
 * appointment's span, upserted by its version, so duplicates and reordering change
 * nothing. Other positions are not kept.
 */
export async function recordAppointment(deps: Pick<InspectionDeps, 'seats'>, a: OfficerAppointment): Promise<boolean> {
  if (a.position !== 'inspection-member') return false;
  return deps.seats.record({
    memberId: a.memberId,
    appointmentId: a.id,
    unitId: a.unitId,
    from: a.from,
    to: a.end?.date ?? null,
    version: a.version,
  });
}

/**
 * Keeps an office of any position (`OfficerAppointed`, `OfficerAppointmentEnded`), upserted by
 * the appointment's version like a seat: who is an officer on a day, for a case whose subject is
 * one.
 */
export function recordOffice(deps: Pick<InspectionDeps, 'offices'>, a: OfficerAppointment): Promise<boolean> {
  return deps.offices.record({
    memberId: a.memberId,
    appointmentId: a.id,
    unitId: a.unitId,
    position: a.position,
    from: a.from,
    to: a.end?.date ?? null,
    version: a.version,
  });
}

/** Keeps a month's reconciliation summary of a unit from `ReconciliationCompleted`, newest report wins. */
export function recordReconciliation(
  deps: Pick<InspectionDeps, 'finance'>,
  data: {
    unitId: string;
    month: string;
    reportVersion: number;
    discrepancies: number;
    totals: {
      duesExpected: number;
      duesCollected: number;
      remitted: number;
      levyDue: number | null;
      levyPaid: number;
      allocationDue: number;
      allocated: number;
    };
  },
): Promise<boolean> {
  return deps.finance.recordSummary(data.unitId, {
    month: data.month,
    reportVersion: data.reportVersion,
    discrepancies: data.discrepancies,
    totals: data.totals,
  });
}

/** Keeps a discrepancy from `DiscrepancyFound`, by its fingerprint. */
export function recordDiscrepancy(
  deps: Pick<InspectionDeps, 'finance'>,
  data: {
    unitId: string;
    month: string;
    kind: string;
    subject: string;
    fingerprint: string;
    expected: number;
    actual: number;
    difference: number;
  },
): Promise<void> {
  const { unitId, fingerprint, month, kind, subject, expected, actual, difference } = data;
  return deps.finance.recordDiscrepancy(unitId, fingerprint, { month, kind, subject, expected, actual, difference });
}
