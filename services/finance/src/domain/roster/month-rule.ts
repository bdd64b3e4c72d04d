import { firstDayOf, lastDayOf, type Month } from '@congdoan/contracts';
import { type MemberHistory, spanOn } from './history.ts';

/**
 * The month rule: who owes month M, to which unit, on which salary.
 *
 * 1. A member owes M to the unit they are **active** in on the first day of M,
 *    on the dues salary in force that day.
 * 2. Otherwise, a member admitted or re-admitted after the first day of M owes
 *    M to the admitting unit, on the salary at admission (in force at the end of
 *    that day), even if suspended, transferred or exited later in M.
 * 3. Otherwise they owe nothing for M. So:
 *    - suspended on the first day of M: nothing (a suspension starting on the 2nd
 *      or later still owes M; a reinstatement after the 1st owes from M+1);
 *    - a transfer dated after the first day of M leaves M with the unit they left
 *      (the transfer letter certifies dues paid through that month), and the new
 *      unit collects from M+1; a transfer dated on the 1st moves M too;
 *    - an exit dated after the first day of M still owes M; an exit dated on the
 *      1st means they were no longer a member when M began.
 *
 * Every change takes effect on its own day, so "on the first day" means after
 * the changes dated that day.
 */
export interface Owing {
  unitId: string;
  duesSalary: number;
  /** Which part of the rule made the member owe the month. */
  basis: 'first-day' | 'admission';
  /** The first day of the span, or the admission, that decided it. */
  since: string;
}

export function owingFor(history: MemberHistory, month: Month): Owing | null {
  const first = firstDayOf(month);
  const onFirst = spanOn(history.spans, first);
  if (onFirst?.status === 'active') {
    return { unitId: onFirst.unitId, duesSalary: onFirst.duesSalary, basis: 'first-day', since: onFirst.from };
  }
  const last = lastDayOf(month);
  const admitted = history.admissions.find((a) => a.date > first && a.date <= last);
  if (admitted) {
    return { unitId: admitted.unitId, duesSalary: admitted.duesSalary, basis: 'admission', since: admitted.date };
  }
  return null;
}

/**
 * Whether the member owes `month` to `unitId`, from what that unit's roster
 * keeps of them (`historyInUnit`). Equivalent to
 * `owingFor(history, month)?.unitId === unitId`, because a member who is active
 * somewhere on the first day of a month cannot be admitted again in it.
 */
export function owesUnit(inUnit: MemberHistory, unitId: string, month: Month): Owing | null {
  const owing = owingFor(inUnit, month);
  return owing?.unitId === unitId ? owing : null;
}
