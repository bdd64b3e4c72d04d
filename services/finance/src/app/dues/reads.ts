import {
  type DuesArrears,
  type DuesMonthSheet,
  type LocalizedText,
  type MemberDues,
  type Month,
  monthsBetween,
  notFound,
  unprocessable,
} from '@congdoan/contracts';
import { isInScope } from '@congdoan/org-directory';
import { arrears, arrearsWindow } from '../../domain/dues/arrears.ts';
import { expectedDues } from '../../domain/dues/expected.ts';
import { monthSheet } from '../../domain/dues/sheet.ts';
import { memberStatement } from '../../domain/dues/statement.ts';
import { duesTermsIn } from '../../domain/dues/terms.ts';
import { owingOnRoster } from '../../domain/roster/roster.ts';
import type { DuesDeps } from './ports.ts';
import { unitInScope } from './units.ts';

/** The longest period one arrears or member statement covers. */
export const MAX_PERIOD_MONTHS = 60;

const MEMBER_DUES: LocalizedText = { vi: 'đoàn phí của đoàn viên', en: 'dues of member' };

function assertPeriod(from: Month, to: Month): void {
  const months = monthsBetween(from, to).length;
  if (months > MAX_PERIOD_MONTHS) {
    throw unprocessable('period-too-long', {
      vi: `Một lần xem tối đa ${MAX_PERIOD_MONTHS} tháng; từ ${from} đến ${to} là ${months} tháng.`,
      en: `At most ${MAX_PERIOD_MONTHS} months at a time; ${from} to ${to} is ${months} months.`,
    });
  }
}

/**
 * The month sheet of a unit: the roster (one Query), the month (one Get), its
 * collections and remittances (one Query each), the profile (one Get), which
 * holds the funding type in force for the month and any rate resolution.
 */
export async function getMonthSheet(
  deps: DuesDeps,
  caller: { unitId: string | null },
  unitId: string,
  month: Month,
): Promise<DuesMonthSheet> {
  const profile = await unitInScope(deps, caller, unitId);
  const [policy, roster, state, collections, remittances] = await Promise.all([
    deps.loadPolicy(),
    deps.roster.unitRoster(unitId),
    deps.dues.monthState(unitId, month),
    deps.dues.collections(unitId, month),
    deps.dues.remittances(unitId, month),
  ]);
  const terms = duesTermsIn(profile, month);
  const owing = expectedDues(policy, unitId, terms, month, owingOnRoster(roster, unitId, month));
  return monthSheet({
    unitId,
    month,
    fundingType: terms.fundingType,
    owing,
    names: new Map(roster.map((e) => [e.memberId, e.fullName])),
    state,
    collections,
    remittances,
    policy,
  });
}

/** A unit's arrears over a period: the roster (one Query) and the months' states (one Query). */
export async function getArrears(
  deps: DuesDeps,
  caller: { unitId: string | null },
  unitId: string,
  from: Month,
  to: Month,
): Promise<DuesArrears> {
  assertPeriod(from, to);
  const profile = await unitInScope(deps, caller, unitId);
  const policy = await deps.loadPolicy();
  const window = arrearsWindow(from, to, policy.duesRemovalMonths(to).months);
  const [roster, states] = await Promise.all([
    deps.roster.unitRoster(unitId),
    deps.dues.monthStates(unitId, window.first, window.last),
  ]);
  return arrears({
    unitId,
    from,
    to,
    termsOf: (month) => duesTermsIn(profile, month),
    entries: roster,
    states,
    policy,
  });
}

/**
 * One member's months: where each was owed, expected with its formula, paid and
 * balance. Visible when at least one unit of their history lies in the
 * caller's subtree (404 otherwise); amounts are shown for those units only.
 */
export async function getMemberDues(
  deps: DuesDeps,
  caller: { unitId: string | null },
  memberId: string,
  from: Month,
  to: Month,
): Promise<MemberDues> {
  assertPeriod(from, to);
  const member = await deps.roster.member(memberId);
  if (!member) throw notFound(MEMBER_DUES, memberId);
  const inScope = await Promise.all(member.units.map((u) => isInScope(deps.directory, caller.unitId, u)));
  const visible = new Set(member.units.filter((_, i) => inScope[i]));
  if (visible.size === 0) throw notFound(MEMBER_DUES, memberId);
  const [policy, profiles, states] = await Promise.all([
    deps.loadPolicy(),
    Promise.all([...visible].map((u) => deps.profiles.get(u))),
    Promise.all([...visible].map((u) => deps.dues.monthStates(u, from, to, memberId))),
  ]);
  const paid = new Map<string, number>();
  [...visible].forEach((u, i) => {
    for (const [month, state] of states[i]!) paid.set(`${u}#${month}`, state.paid[memberId] ?? 0);
  });
  return memberStatement({
    memberId,
    fullName: member.fullName,
    history: { spans: member.spans, admissions: member.admissions ?? [] },
    from,
    to,
    visibleUnits: visible,
    profiles: new Map([...visible].map((u, i) => [u, profiles[i]])),
    paid,
    policy,
  });
}
