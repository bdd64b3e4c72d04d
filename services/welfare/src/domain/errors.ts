import { conflict, unprocessable } from '@congdoan/contracts';

const vnd = (n: number) => n.toLocaleString('en-US');

/** Welfare's domain errors, each defined once with its Vietnamese and English text. */
export const insufficientBalance = (fundId: string, balance: number, amount: number) =>
  conflict('fund-balance-insufficient', {
    vi: `Số dư quỹ "${fundId}" là ${vnd(balance)} đồng, không đủ để chi ${vnd(amount)} đồng: số dư quỹ không được âm.`,
    en: `Fund "${fundId}" holds ${vnd(balance)} đồng, not enough to pay ${vnd(amount)} đồng: a fund's balance never goes below zero.`,
  });

export const overCapPerOccasion = (caseType: string, cap: number, amount: number, source: string) =>
  unprocessable('over-cap-per-occasion', {
    vi: `Mức chi ${vnd(amount)} đồng vượt mức tối đa mỗi lần ${vnd(cap)} đồng cho loại hỗ trợ "${caseType}" (${source}).`,
    en: `${vnd(amount)} đồng is above the cap per occasion of ${vnd(cap)} đồng for support of type "${caseType}" (${source}).`,
  });
