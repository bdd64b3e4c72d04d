import { addMonths, type DuesArrears, type FundingType, type Month, monthsBetween } from '@congdoan/contracts';
import type { Policy } from '../policy/types.ts';
import { owesUnit } from '../roster/month-rule.ts';
import { byVietnameseName, type RosterEntry } from '../roster/roster.ts';
import { type DuesTerms, duesUnder } from './terms.ts';
import type { DuesMonthState } from './types.ts';

/** The months `arrears` must read: the period, and far enough back to judge removal for `to`. */
export function arrearsWindow(from: Month, to: Month, removalMonths: number): { first: Month; last: Month } {
  const back = addMonths(to, -(Math.max(1, removalMonths) - 1));
  return { first: back < from ? back : from, last: to };
}

/**
 * A unit's arrears over `from`..`to`: per member, each month's expected (roster ×
 * policy), paid and outstanding; the balance over the period is expected − paid,
 * so an advance on one month counts against another. Listed: members with a
 * balance above 0, and members flagged for removal.
 *
 * `monthsWithoutDues` counts back from `to` the consecutive months the member
 * owed here and paid nothing at all for; a month they did not owe (suspended,
 * not yet admitted, elsewhere) ends the count. A member is a removal candidate
 * when it reaches `policy.duesRemovalMonths(to)`.
 */
export function arrears(input: {
  unitId: string;
  from: Month;
  to: Month;
  /** The unit's terms month by month (`duesTermsIn(profile, month)`); without it, `fundingType` for every month. */
  termsOf?: (month: Month) => DuesTerms;
  fundingType?: FundingType | null;
  entries: readonly RosterEntry[];
  states: ReadonlyMap<string, DuesMonthState>;
  policy: Policy;
}): DuesArrears {
  const { unitId, from, to, entries, states, policy } = input;
  const termsOf = input.termsOf ?? (() => ({ fundingType: input.fundingType ?? null, resolution: null }));
  const removal = policy.duesRemovalMonths(to);
  const window = arrearsWindow(from, to, removal.months);
  const months = monthsBetween(window.first, window.last);
  const cache = new Map<string, number>();
  const terms = new Map(months.map((month) => [month, termsOf(month)]));
  const expectedOf = (month: Month, duesSalary: number) => {
    const key = `${month}#${duesSalary}`;
    let amount = cache.get(key);
    if (amount === undefined) {
      amount = duesUnder(policy, unitId, terms.get(month)!, month, duesSalary).amount;
      cache.set(key, amount);
    }
    return amount;
  };

  const members: DuesArrears['members'] = [];
  for (const entry of entries) {
    const perMonth = months.map((month) => {
      const owing = owesUnit(entry, unitId, month);
      const expected = owing ? expectedOf(month, owing.duesSalary) : 0;
      const paid = states.get(month)?.paid[entry.memberId] ?? 0;
      return { month, owes: owing !== null, expected, paid, outstanding: Math.max(0, expected - paid) };
    });
    let monthsWithoutDues = 0;
    for (let i = perMonth.length - 1; i >= 0; i--) {
      const m = perMonth[i]!;
      if (!m.owes || m.paid > 0) break;
      monthsWithoutDues++;
    }
    const inPeriod = perMonth.filter((m) => m.month >= from && (m.expected > 0 || m.paid > 0));
    const expected = inPeriod.reduce((t, m) => t + m.expected, 0);
    const paid = inPeriod.reduce((t, m) => t + m.paid, 0);
    const removalCandidate = monthsWithoutDues >= removal.months;
    if (expected - paid <= 0 && !removalCandidate) continue;
    members.push({
      memberId: entry.memberId,
      fullName: entry.fullName,
      expected,
      paid,
      balance: expected - paid,
      months: inPeriod.map(({ month, expected, paid, outstanding }) => ({ month, expected, paid, outstanding })),
      monthsWithoutDues,
      removalCandidate,
    });
  }
  members.sort(byVietnameseName);
  return {
    unitId,
    from,
    to,
    members,
    totals: {
      membersInArrears: members.filter((m) => m.balance > 0).length,
      expected: members.reduce((t, m) => t + m.expected, 0),
      paid: members.reduce((t, m) => t + m.paid, 0),
      balance: members.reduce((t, m) => t + m.balance, 0),
    },
    removal,
  };
}
