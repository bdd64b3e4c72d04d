import { createHash } from 'node:crypto';
import { DISCREPANCY_KINDS, type DiscrepancyKind, type Month } from '@congdoan/contracts';
import { formatDong } from '../policy/policy.ts';
import type { Explained, LevyDeadline, LevyDue, RuleRef } from '../policy/types.ts';
import type { DuesMonthFigures, LedgerCheck, LevyMonthFigures } from './sources.ts';

/**
 * The monthly reconciliation of one CĐCS (DOMAIN.md, Finance: "dues expected vs.
 * collected vs. remitted, levy declared vs. paid, allocations due vs. made"),
 * plus the books: each account's stored balance against its postings, and the
 * trial balance. Pure: the figures come in, the discrepancies go out.
 *
 * Every comparison is exact, in whole đồng: the expected figures are already
 * rounded by the policy that produced them (nearest đồng, half up), so any
 * difference, even of one đồng, is a discrepancy.
 */

export { DISCREPANCY_KINDS, type DiscrepancyKind };

/** The subject of the unit-wide comparisons (the others name a member id or an account code). */
export const UNIT_SUBJECT = 'unit';

export interface Discrepancy {
  kind: DiscrepancyKind;
  /** A member id (`dues-member`), an account code (`ledger-account`), or `unit`. */
  subject: string;
  /** The figure the rules give, with how it was computed and the policy versions used. */
  expected: Explained;
  /** The figure recorded. */
  actual: number;
  /** `actual − expected.amount`: negative when short, positive when over. */
  difference: number;
  /** Stable for the same kind, subject and amounts: re-running a period recognises an unchanged discrepancy. */
  fingerprint: string;
}

/** What the policy says about the levy of the unit that month, when finance knows the agency's funding type. */
export interface ReconcileContext {
  /** `policy.levy(month, fundingType, 0)`: whether the agency owes the levy, with the rule; null when unknown. */
  levyLiability?: LevyDue | null;
  /** `policy.levyDeadline(month)`: shown with an unpaid levy, since a run may come before the deadline. */
  levyDeadline?: LevyDeadline | null;
}

/** `sha256(kind|subject|expected|actual|difference)`, first 16 hex digits: enough to tell a unit's discrepancies apart. */
export function fingerprintOf(d: Pick<Discrepancy, 'kind' | 'subject' | 'expected' | 'actual' | 'difference'>): string {
  return createHash('sha256')
    .update(`${d.kind}|${d.subject}|${d.expected.amount}|${d.actual}|${d.difference}`)
    .digest('hex')
    .slice(0, 16);
}

function discrepancy(kind: DiscrepancyKind, subject: string, expected: Explained, actual: number): Discrepancy {
  const difference = actual - expected.amount;
  const base = { kind, subject, expected, actual, difference };
  return { ...base, fingerprint: fingerprintOf(base) };
}

/** Each rule version once, in first-seen order. */
export function distinctRules(lists: readonly (readonly RuleRef[])[]): RuleRef[] {
  const seen = new Map<string, RuleRef>();
  for (const list of lists) for (const r of list) if (!seen.has(r.versionId)) seen.set(r.versionId, r);
  return [...seen.values()];
}

function duesDiscrepancies(dues: DuesMonthFigures): Discrepancy[] {
  const out: Discrepancy[] = [];
  const expectedByMember = new Map(dues.expected.members.map((m) => [m.memberId, m]));
  const byMember = dues.collectedByMember;
  // Per member only when the collections carry a breakdown: a unit batch recorded
  // without one is compared in total only, not reported as every member unpaid.
  const breakdown = Object.keys(byMember).length > 0 || dues.collected === 0;
  if (breakdown) {
    const members = [...new Set([...expectedByMember.keys(), ...Object.keys(byMember)])].sort();
    for (const memberId of members) {
      const expected = expectedByMember.get(memberId);
      const collected = byMember[memberId] ?? 0;
      const explained: Explained = expected
        ? { amount: expected.amount, formula: expected.formula, rules: expected.rules }
        : {
            amount: 0,
            formula: `không có trong danh sách phải đóng đoàn phí tháng ${dues.month} của đơn vị = 0`,
            rules: [],
          };
      if (collected !== explained.amount) out.push(discrepancy('dues-member', memberId, explained, collected));
    }
  }
  if (dues.collected !== dues.expected.total) {
    const n = dues.expected.members.length;
    out.push(
      discrepancy(
        'dues-total',
        UNIT_SUBJECT,
        {
          amount: dues.expected.total,
          formula: `Σ đoàn phí của ${n} đoàn viên phải đóng tháng ${dues.month} (lương đóng × tỷ lệ, tối đa mức trần) = ${formatDong(dues.expected.total)}`,
          rules: distinctRules(dues.expected.members.map((m) => m.rules)),
        },
        dues.collected,
      ),
    );
  }
  if (dues.remitted !== dues.upperShareDue.amount) {
    out.push(discrepancy('dues-remittance', UNIT_SUBJECT, dues.upperShareDue, dues.remitted));
  }
  return out;
}

function levyDiscrepancies(levy: LevyMonthFigures, context: ReconcileContext): Discrepancy[] {
  const liability = context.levyLiability;
  const deadline = context.levyDeadline;
  const out: Discrepancy[] = [];
  if (levy.declared === null) {
    if (liability?.liable) {
      out.push(
        discrepancy(
          'levy-declaration-missing',
          UNIT_SUBJECT,
          {
            amount: 0,
            formula: `đơn vị thuộc diện đóng kinh phí công đoàn tháng ${levy.month} nhưng chưa có tờ khai quỹ lương: chưa xác định được số phải nộp`,
            rules: liability.rules,
          },
          levy.paid,
        ),
      );
    }
  } else if (levy.paid !== levy.declared.due.amount) {
    const { due } = levy.declared;
    const expected: Explained = deadline
      ? {
          amount: due.amount,
          formula: `${due.formula}; hạn nộp ${deadline.deadline}`,
          rules: distinctRules([due.rules, deadline.rules]),
        }
      : { amount: due.amount, formula: due.formula, rules: due.rules };
    out.push(discrepancy('levy-payment', UNIT_SUBJECT, expected, levy.paid));
  }
  if (levy.allocated !== levy.allocationDue.amount) {
    out.push(discrepancy('levy-allocation', UNIT_SUBJECT, levy.allocationDue, levy.allocated));
  }
  return out;
}

function ledgerDiscrepancies(ledger: LedgerCheck, month: Month): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const a of [...ledger.accounts].sort((x, y) => x.account.localeCompare(y.account))) {
    if (a.balance === a.sumOfPostings) continue;
    out.push(
      discrepancy(
        'ledger-account',
        a.account,
        {
          amount: a.sumOfPostings,
          formula: `số dư TK ${a.account} tính lại từ các bút toán (Σ Nợ − Σ Có), kiểm tra tháng ${month} = ${formatDong(a.sumOfPostings)}`,
          rules: [],
        },
        a.balance,
      ),
    );
  }
  const { debit, credit } = ledger.trialBalance;
  if (debit !== credit) {
    out.push(
      discrepancy(
        'trial-balance',
        UNIT_SUBJECT,
        {
          amount: debit,
          formula: `bảng cân đối: tổng dư Có phải bằng tổng dư Nợ = ${formatDong(debit)}`,
          rules: [],
        },
        credit,
      ),
    );
  }
  return out;
}

/**
 * Every discrepancy of one unit and month, in a stable order (by kind as listed in
 * `DISCREPANCY_KINDS`, then subject). An empty list means the month reconciles.
 */
export function reconcile(
  dues: DuesMonthFigures,
  levy: LevyMonthFigures,
  ledger: LedgerCheck,
  context: ReconcileContext = {},
): Discrepancy[] {
  const all = [
    ...duesDiscrepancies(dues),
    ...levyDiscrepancies(levy, context),
    ...ledgerDiscrepancies(ledger, dues.month),
  ];
  const rank = (k: DiscrepancyKind) => DISCREPANCY_KINDS.indexOf(k);
  return all.sort((a, b) => rank(a.kind) - rank(b.kind) || a.subject.localeCompare(b.subject));
}
