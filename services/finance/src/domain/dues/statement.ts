import { type MemberDues, type Month, monthsBetween } from '@congdoan/contracts';
import type { Policy } from '../policy/types.ts';
import type { MemberHistory } from '../roster/history.ts';
import { owingFor } from '../roster/month-rule.ts';
import { type DuesProfile, duesTermsIn, duesUnder } from './terms.ts';

/**
 * One member's dues month by month: which unit they owed it to (the month
 * rule), the expected amount with its formula, what was paid for it and the
 * balance. Months owed to a unit outside the caller's subtree show the unit but
 * no amounts; payments count only in the units the caller may see.
 */
export function memberStatement(input: {
  memberId: string;
  fullName: string;
  history: MemberHistory;
  from: Month;
  to: Month;
  visibleUnits: ReadonlySet<string>;
  /** The finance profile of each visible unit (funding history, rate resolutions); absent: none known. */
  profiles: ReadonlyMap<string, DuesProfile | null | undefined>;
  /** Paid per `<unitId>#<month>`, for visible units. */
  paid: ReadonlyMap<string, number>;
  policy: Policy;
}): MemberDues {
  const { memberId, fullName, history, from, to, visibleUnits, profiles, paid, policy } = input;
  const months: MemberDues['months'] = monthsBetween(from, to).map((month) => {
    const owing = owingFor(history, month);
    const paidHere = [...visibleUnits].reduce((t, u) => t + (paid.get(`${u}#${month}`) ?? 0), 0);
    if (!owing)
      return { month, unitId: null, visible: true, basis: null, expected: null, paid: paidHere, balance: -paidHere };
    if (!visibleUnits.has(owing.unitId)) {
      return {
        month,
        unitId: owing.unitId,
        visible: false,
        basis: owing.basis,
        expected: null,
        paid: paidHere,
        balance: -paidHere,
      };
    }
    const terms = duesTermsIn(profiles.get(owing.unitId), month);
    const expected = duesUnder(policy, owing.unitId, terms, month, owing.duesSalary);
    return {
      month,
      unitId: owing.unitId,
      visible: true,
      basis: owing.basis,
      expected,
      paid: paidHere,
      balance: expected.amount - paidHere,
    };
  });
  const expected = months.reduce((t, m) => t + (m.expected?.amount ?? 0), 0);
  const paidTotal = months.reduce((t, m) => t + m.paid, 0);
  return { memberId, fullName, from, to, months, totals: { expected, paid: paidTotal, balance: expected - paidTotal } };
}
