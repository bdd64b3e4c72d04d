import type { LedgerPostingRequestData, Nomination, Prize, PrizePosting } from '@congdoan/contracts';
import { noBaseSalary, noPrizeRounding } from './errors.ts';
import { type PrizeRounding, prizeAmount } from './policy/settings.ts';

/** A version of lương cơ sở as finance announced it (`BaseSalaryVersionRecorded`). */
export interface BaseSalaryVersion {
  versionId: string;
  effectiveFrom: string;
  amount: number;
  source: string;
  certainty: 'sure' | 'likely' | 'unsure';
  version: number;
}

const dong = (n: number) => n.toLocaleString('vi-VN');
const dayVi = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The prize of a decision dated `day`: the title's coefficient × lương cơ sở in force that day,
 * rounded by the rule in force that day, with its explanation. No lương cơ sở known for the day
 * refuses (`no-base-salary`): never a made-up figure.
 */
export function computePrize(
  day: string,
  cash: { coefficient: number; source: string },
  baseSalary: BaseSalaryVersion | undefined,
  /** The rounding rule in force that day (the policy's). */
  rounding: PrizeRounding | undefined,
): Prize {
  if (!baseSalary || baseSalary.effectiveFrom > day) throw noBaseSalary(day);
  if (!rounding) throw noPrizeRounding(day);
  const amount = prizeAmount(cash.coefficient, baseSalary.amount, rounding);
  const coefficient = cash.coefficient.toLocaleString('vi-VN', { minimumFractionDigits: 1 });
  const roundVi = rounding.mode === 'up' ? 'làm tròn lên' : 'làm tròn';
  const roundEn = rounding.mode === 'up' ? 'rounded up' : 'rounded';
  return {
    amount,
    coefficient: cash.coefficient,
    coefficientSource: cash.source,
    baseSalary: {
      amount: baseSalary.amount,
      effectiveFrom: baseSalary.effectiveFrom,
      versionId: baseSalary.versionId,
      version: baseSalary.version,
      source: baseSalary.source,
      certainty: baseSalary.certainty,
    },
    rounding: { step: rounding.step, mode: rounding.mode, source: rounding.source },
    explanation: {
      vi: `${coefficient} × ${dong(baseSalary.amount)} = ${dong(amount)} đồng (${roundVi} đến ${dong(rounding.step)} đồng; hệ số: ${cash.source}; lương cơ sở từ ${dayVi(baseSalary.effectiveFrom)}: ${baseSalary.source}).`,
      en: `${cash.coefficient} × ${baseSalary.amount} = ${amount} đồng (${roundEn} to ${rounding.step} đồng; coefficient: ${cash.source}; lương cơ sở from ${baseSalary.effectiveFrom}: ${baseSalary.source}).`,
    },
  };
}

/** Finance's chart: 6113 Chi khen thưởng (awards), paid from 111 Tiền mặt (cash). */
const AWARDS_ACCOUNT = '6113';
const CASH_ACCOUNT = '111';

/** The one posting request of a decision's prize: its id names the nomination. */
export const prizeRequestId = (nominationId: string) => `prize:${nominationId}`;
export const nominationOfRequest = (requestId: string) =>
  requestId.startsWith('prize:') ? requestId.slice('prize:'.length) : undefined;

export const pendingPosting = (nominationId: string): PrizePosting => ({
  status: 'pending',
  requestId: prizeRequestId(nominationId),
  postingId: null,
  voucherNumber: null,
  reason: null,
});

/** What finance is asked to post for a decided nomination's prize: a cash payment of the deciding unit. */
export function prizePostingRequest(n: Nomination, prize: Prize): LedgerPostingRequestData {
  const decision = n.decision!;
  return {
    requestId: prizeRequestId(n.id),
    unitId: decision.decidingUnitId,
    date: decision.date,
    memo: `Tiền thưởng ${n.titleCode} năm ${n.year} (QĐ ${decision.number})`.slice(0, 500),
    voucher: 'payment',
    lines: [
      { account: AWARDS_ACCOUNT, debit: prize.amount, credit: 0 },
      { account: CASH_ACCOUNT, debit: 0, credit: prize.amount },
    ],
    source: { kind: 'award-prize', id: n.id },
  };
}

/** Finance's answer on a decision whose posting is pending; undefined when there is nothing to change. */
export function answerPosting(
  n: Nomination,
  answer: { posted: { postingId: string; voucherNumber: string | null } } | { rejected: PrizePosting['reason'] },
): Nomination | undefined {
  const posting = n.decision?.posting;
  if (!n.decision || !posting || posting.status !== 'pending') return undefined;
  const next: PrizePosting =
    'posted' in answer
      ? { ...posting, status: 'posted', postingId: answer.posted.postingId, voucherNumber: answer.posted.voucherNumber }
      : { ...posting, status: 'unposted', reason: answer.rejected };
  return { ...n, decision: { ...n.decision, posting: next }, version: n.version + 1 };
}
