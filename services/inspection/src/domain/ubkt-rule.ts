import type { Certainty } from './policy.ts';

/**
 * When a CĐCS must have an inspection committee (UBKT), as effective-dated policy data with its
 * source and certainty (DOMAIN.md, Parameters: "UBKT at a CĐCS"). Below the threshold the BCH
 * appoints one of its members to inspection work instead, which is not a UBKT seat.
 */
export interface UbktRule {
  effectiveFrom: string;
  /** A CĐCS with at least this many members must elect a UBKT. */
  minimumMembers: number;
  /** Which members count: active ones (a suspended member takes no part until reinstated). */
  counts: 'active';
  source: string;
  certainty: Certainty;
}

export const UBKT_RULES: readonly UbktRule[] = [
  {
    effectiveFrom: '2013-01-01',
    minimumMembers: 30,
    counts: 'active',
    source:
      'Điều lệ Công đoàn Việt Nam: CĐCS có từ 30 đoàn viên trở lên bầu ủy ban kiểm tra; dưới 30, BCH cử một ủy viên làm công tác kiểm tra (DOMAIN.md, Parameters)',
    certainty: 'likely',
  },
];

export function ubktRuleOn(day: string, rules: readonly UbktRule[] = UBKT_RULES): UbktRule {
  const rule = [...rules]
    .filter((r) => r.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!rule) throw new Error(`no UBKT rule in force on ${day}`);
  return rule;
}

/** A CĐCS breaks the rule when it has at least the threshold of members and nobody in office on its UBKT. */
export const lacksUbkt = (rule: UbktRule, activeMembers: number, seatsInOffice: number) =>
  activeMembers >= rule.minimumMembers && seatsInOffice === 0;
