import type { DuesMonthSheet, FundingType, Month } from '@congdoan/contracts';
import { formatDong } from '../policy/policy.ts';
import type { Explained, Policy } from '../policy/types.ts';
import { byVietnameseName } from '../roster/roster.ts';
import { toRemit } from './remittance.ts';
import type { DuesCollection, DuesMonthState, DuesRemittance, OwingMember } from './types.ts';

const NOT_OWED: Explained = {
  amount: 0,
  formula: 'không phải đóng tháng này tại đơn vị (quy tắc tháng) = 0',
  rules: [],
};

/**
 * The upper level's share of what was collected for a month, as posted to 3361.
 * Collections post the split of the month's running total (see
 * `collectionSplit`), so it equals `policy.duesSplit(month, collected).upper`;
 * if a policy version was added for the month afterwards, the amount posted
 * stands and the formula says so.
 */
export function upperShareOfMonth(policy: Policy, month: Month, state: DuesMonthState): Explained {
  const split = policy.duesSplit(month, state.collected);
  if (split.upper.amount === state.upperCollected) return split.upper;
  return {
    amount: state.upperCollected,
    formula: `tổng phần cấp trên đã ghi sổ qua ${state.collections} lần thu = ${formatDong(state.upperCollected)} (theo quy định hiện hành: ${split.upper.formula})`,
    rules: split.upper.rules,
  };
}

/**
 * The month sheet: every member owing the month with expected (and its
 * formula), collected, outstanding and any advance; anyone paid for the month
 * here who no longer owes it here is listed too (`owes: false`) so the totals
 * add up to what was collected. Then the split of what was collected, what was
 * remitted and what is still to remit.
 */
export function monthSheet(input: {
  unitId: string;
  month: Month;
  fundingType: FundingType | null;
  owing: readonly OwingMember[];
  /** Names of everyone on the unit's roster, for members paid but not owing. */
  names: ReadonlyMap<string, string>;
  state: DuesMonthState;
  collections: readonly DuesCollection[];
  remittances: readonly DuesRemittance[];
  policy: Policy;
}): DuesMonthSheet {
  const { unitId, month, fundingType, owing, names, state, collections, remittances, policy } = input;
  const owingIds = new Set(owing.map((o) => o.memberId));
  const rows: DuesMonthSheet['members'] = owing.map((o) => {
    const collected = state.paid[o.memberId] ?? 0;
    return {
      memberId: o.memberId,
      fullName: o.fullName,
      owes: true,
      basis: o.basis,
      duesSalary: o.duesSalary,
      expected: o.expected,
      collected,
      outstanding: Math.max(0, o.expected.amount - collected),
      advance: Math.max(0, collected - o.expected.amount),
    };
  });
  const extra = Object.entries(state.paid)
    .filter(([memberId, paid]) => !owingIds.has(memberId) && paid > 0)
    .map(([memberId, paid]) => ({
      memberId,
      fullName: names.get(memberId) ?? '',
      owes: false,
      basis: null,
      duesSalary: null,
      expected: NOT_OWED,
      collected: paid,
      outstanding: 0,
      advance: paid,
    }))
    .sort(byVietnameseName);
  const members = [...rows, ...extra];
  const sum = (f: (r: (typeof members)[number]) => number) => members.reduce((t, r) => t + f(r), 0);
  const upper = upperShareOfMonth(policy, month, state);
  return {
    unitId,
    month,
    fundingType,
    members,
    totals: {
      members: rows.length,
      expected: sum((r) => r.expected.amount),
      collected: sum((r) => r.collected),
      outstanding: sum((r) => r.outstanding),
      advance: sum((r) => r.advance),
    },
    split: {
      grassroots: state.grassrootsCollected,
      upper: state.upperCollected,
      formula: `cấp trên: ${upper.formula}; CĐCS: ${formatDong(state.collected)} − ${formatDong(state.upperCollected)} = ${formatDong(state.grassrootsCollected)}`,
    },
    remitted: state.remitted,
    toRemit: toRemit(state),
    collections: collections.map(({ lines, ...c }) => ({ ...c, lineCount: lines.length })),
    remittances: [...remittances],
  };
}
