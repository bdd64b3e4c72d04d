import { type Month, monthsBetween } from '@congdoan/contracts';
import { expectedDues } from '../../domain/dues/expected.ts';
import { upperShareOfMonth } from '../../domain/dues/sheet.ts';
import { duesTermsIn } from '../../domain/dues/terms.ts';
import { emptyMonthState } from '../../domain/dues/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { DuesMonthFigures } from '../../domain/reconciliation/sources.ts';
import { owingOnRoster } from '../../domain/roster/roster.ts';
import type { ProfileReader } from '../ports.ts';
import type { DuesStore, RosterStore } from './ports.ts';

/** What the dues figures read: the roster, the months and the profile, and the policy. */
export interface DuesFigureSources {
  roster: Pick<RosterStore, 'unitRoster'>;
  dues: Pick<DuesStore, 'monthStates'>;
  profiles: ProfileReader;
  loadPolicy: () => Promise<Policy>;
}

/**
 * The dues figures of a run of months for one unit, in three DynamoDB calls
 * whatever the number of months or members: the unit's roster (one Query, paged
 * only past 1 MB), the months' states in the unit's dues partition (one Query)
 * and the unit's profile (one Get), which holds its funding history and rate
 * resolutions. Each month: expected is roster × policy under the unit's terms
 * for that month (`duesTermsIn`: funding type in force on its first day, the
 * CĐCS's resolution rate if any); collected, per member, the upper share posted
 * and the amount remitted come from the month's state. The dashboard's year to
 * date and the disclosure read this; the reconciliation reads one month of it.
 */
export function duesRange({
  roster,
  dues,
  profiles,
  loadPolicy,
}: DuesFigureSources): (unitId: string, from: Month, to: Month) => Promise<DuesMonthFigures[]> {
  return async (unitId, from, to) => {
    const [policy, entries, states, profile] = await Promise.all([
      loadPolicy(),
      roster.unitRoster(unitId),
      dues.monthStates(unitId, from, to),
      profiles.get(unitId),
    ]);
    return monthsBetween(from, to).map((month) => {
      const state = states.get(month) ?? emptyMonthState(unitId, month);
      const owing = expectedDues(
        policy,
        unitId,
        duesTermsIn(profile, month),
        month,
        owingOnRoster(entries, unitId, month),
      );
      const members = owing.map((o) => ({ memberId: o.memberId, duesSalary: o.duesSalary, ...o.expected }));
      return {
        unitId,
        month,
        expected: { total: members.reduce((t, m) => t + m.amount, 0), members },
        collected: state.collected,
        collectedByMember: { ...state.paid },
        upperShareDue: upperShareOfMonth(policy, month, state),
        remitted: state.remitted,
      };
    });
  };
}

/** The dues side of the monthly reconciliation for one unit and month: `duesRange` over that month alone. */
export function duesFigures(sources: DuesFigureSources): (unitId: string, month: Month) => Promise<DuesMonthFigures> {
  const range = duesRange(sources);
  return async (unitId, month) => (await range(unitId, month, month))[0]!;
}
