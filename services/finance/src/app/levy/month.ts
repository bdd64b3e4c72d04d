import { dayInVietnam, type LevyMonthView, type Month } from '@congdoan/contracts';
import { fundingTypeIn } from '../../domain/unit-profile.ts';
import { grassrootsUnit } from './access.ts';
import type { LevyDeps } from './ports.ts';
import { monthView } from './views.ts';

/**
 * A CĐCS's levy month as of today in Vietnam: its declaration and corrections,
 * due, paid, outstanding, deadline, status, penalty and allocation. One GetItem;
 * an undeclared month is `not-liable` by the funding type in force on its first day.
 */
export async function levyMonth(
  deps: Pick<LevyDeps, 'directory' | 'profiles' | 'levy' | 'loadPolicy'>,
  caller: { unitId: string | null; now: Date },
  unitId: string,
  month: Month,
): Promise<LevyMonthView> {
  const profile = await grassrootsUnit(deps, caller, unitId);
  const [policy, state] = await Promise.all([deps.loadPolicy(), deps.levy.getMonth(unitId, month)]);
  return monthView(state, policy, dayInVietnam(caller.now), fundingTypeIn(profile, month));
}
