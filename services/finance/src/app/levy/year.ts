import { dayInVietnam, type LevyMonthView, type Month, monthsBetween } from '@congdoan/contracts';
import { emptyLevyMonth } from '../../domain/levy/types.ts';
import { fundingTypeIn } from '../../domain/unit-profile.ts';
import { grassrootsUnit } from './access.ts';
import type { LevyDeps } from './ports.ts';
import { monthView } from './views.ts';

/**
 * A CĐCS's levy for a year, month by month, as of a day (today in Vietnam by
 * default): payroll, due (formula and rule), paid on time and late,
 * outstanding, deadline, status, penalty (formula and rule), allocation due and
 * allocated. One Query for the year's months. A month without a declaration is
 * `not-liable` by the funding type in force on its first day (`fundingTypeIn`).
 */
export async function levyYear(
  deps: Pick<LevyDeps, 'directory' | 'profiles' | 'levy' | 'loadPolicy'>,
  caller: { unitId: string | null; now: Date },
  unitId: string,
  year: number,
  asOf?: string,
) {
  const profile = await grassrootsUnit(deps, caller, unitId);
  const day = asOf ?? dayInVietnam(caller.now);
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const [policy, stored] = await Promise.all([deps.loadPolicy(), deps.levy.getMonths(unitId, months[0]!, months[11]!)]);
  const byMonth = new Map(stored.map((s) => [s.month, s]));
  const views: LevyMonthView[] = months.map((m: Month) =>
    monthView(byMonth.get(m) ?? emptyLevyMonth(unitId, m), policy, day, fundingTypeIn(profile, m)),
  );
  const sum = (f: (v: LevyMonthView) => number) => views.reduce((s, v) => s + f(v), 0);
  return {
    unitId,
    year,
    asOf: day,
    fundingType: profile.fundingType,
    months: views,
    totals: {
      due: sum((v) => v.due?.amount ?? 0),
      paid: sum((v) => v.paid.total),
      outstanding: sum((v) => v.outstanding ?? 0),
      penalty: sum((v) => v.penalty.amount),
      penaltyPaid: sum((v) => v.penaltyPaid),
      allocationDue: sum((v) => v.allocation.due.amount),
      allocated: sum((v) => v.allocation.allocated),
    },
  };
}
