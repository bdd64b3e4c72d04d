import { addMonths, type Month, monthOf } from '@congdoan/contracts';
import type { Policy } from '../policy/types.ts';
import { owesUnit } from '../roster/month-rule.ts';
import type { RosterEntry } from '../roster/roster.ts';
import { arrears, arrearsWindow } from './arrears.ts';
import type { DuesTerms } from './terms.ts';
import type { DuesMonthState } from './types.ts';

/**
 * A member's dues standing (docs/finance-dues.md, "Dues standing"): how many months
 * in a row they owe, what is outstanding and whether they are a removal candidate,
 * counted at the CĐCS they owe the `asOf` month to. Pure: the arrears report's own
 * rule (`arrears`) over the standing's months, so the two never disagree.
 */

/** How many months back from `asOf` a standing looks (or the policy's removal threshold, if longer). */
export const DUES_STANDING_MONTHS = 12;

/**
 * The day of a month from which the month before it counts as fallen due: the day the
 * monthly reconciliation runs (the 5th, Vietnam). Dues of a month are collected during
 * it and the first days after, so a standing never flips to "one month behind" on the
 * 1st for a member whose unit collects on the 3rd.
 */
export const DUES_FALL_DUE_DAY = 5;

/** The figures of a standing, without who announced it when. */
export interface StandingFigures {
  monthsInArrears: number;
  outstanding: number;
  removalCandidate: boolean;
}

export interface DuesStanding extends StandingFigures {
  memberId: string;
  unitId: string;
  asOf: Month;
  /** 0: never announced (the member owes nothing as far as anyone was told). */
  version: number;
}

/** A member finance never announced: nothing owed. */
export const GOOD_STANDING: StandingFigures = { monthsInArrears: 0, outstanding: 0, removalCandidate: false };

/** The last month that has fallen due on `today` (`YYYY-MM-DD`, Vietnam): 2025-08-05 → 2025-07, 2025-08-04 → 2025-06. */
export function standingMonth(today: string): Month {
  const day = Number(today.slice(8, 10));
  return addMonths(monthOf(today), day >= DUES_FALL_DUE_DAY ? -1 : -2);
}

/** The first month of a standing's period: `DUES_STANDING_MONTHS` back from `asOf`, `asOf` included. */
export const standingFrom = (asOf: Month): Month => addMonths(asOf, -(DUES_STANDING_MONTHS - 1));

/** The months a standing must read: its period, and far enough back to judge removal. */
export const standingWindow = (asOf: Month, removalMonths: number) =>
  arrearsWindow(standingFrom(asOf), asOf, removalMonths);

export const sameFigures = (a: StandingFigures, b: StandingFigures): boolean =>
  a.monthsInArrears === b.monthsInArrears &&
  a.outstanding === b.outstanding &&
  a.removalCandidate === b.removalCandidate;

/**
 * The standing of every member who owes `asOf` to the unit, by member id: the arrears
 * report over `standingFrom(asOf)`..`asOf` — `monthsWithoutDues` as the months in
 * arrears, the balance (at least 0) as outstanding, and its removal flag. A member
 * the report does not list owes nothing.
 */
export function unitStandings(input: {
  unitId: string;
  asOf: Month;
  termsOf: (month: Month) => DuesTerms;
  entries: readonly RosterEntry[];
  states: ReadonlyMap<string, DuesMonthState>;
  policy: Policy;
}): Map<string, StandingFigures> {
  const { unitId, asOf } = input;
  const owing = input.entries.filter((e) => owesUnit(e, unitId, asOf) !== null);
  const report = arrears({
    unitId,
    from: standingFrom(asOf),
    to: asOf,
    termsOf: input.termsOf,
    entries: owing,
    states: input.states,
    policy: input.policy,
  });
  const listed = new Map(report.members.map((m) => [m.memberId, m]));
  return new Map(
    owing.map((e) => {
      const m = listed.get(e.memberId);
      const figures: StandingFigures = m
        ? {
            monthsInArrears: m.monthsWithoutDues,
            outstanding: Math.max(0, m.balance),
            removalCandidate: m.removalCandidate,
          }
        : GOOD_STANDING;
      return [e.memberId, figures];
    }),
  );
}
