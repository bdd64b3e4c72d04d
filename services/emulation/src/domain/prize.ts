import type { Prize } from '@congdoan/contracts';
import { noBaseSalary, noPrizeRounding } from './errors.ts';
import { prizeAmount, prizeRoundingOn } from './policy/settings.ts';

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
): Prize {
  if (!baseSalary || baseSalary.effectiveFrom > day) throw noBaseSalary(day);
  const rounding = prizeRoundingOn(day);
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
