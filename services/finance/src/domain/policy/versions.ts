import {
  type AddPolicyVersionInput,
  FUNDING_TYPE_PARAMETERS,
  FUNDING_TYPES,
  type FundingType,
  type LocalizedText,
  type PolicyParameter,
  unprocessable,
} from '@congdoan/contracts';
import type { PolicyVersion } from './types.ts';

/** What each rule is called, for errors and documents. */
export const PARAMETER_LABELS: Record<PolicyParameter, LocalizedText> = {
  'base-salary': { vi: 'lương cơ sở', en: 'statutory base salary (lương cơ sở)' },
  'dues-rate': { vi: 'mức đóng đoàn phí', en: 'dues rate' },
  'dues-cap': { vi: 'mức đoàn phí tối đa', en: 'dues cap' },
  'dues-unit-rate-allowed': {
    vi: 'quyền CĐCS quy định mức đoàn phí cao hơn',
    en: 'whether a CĐCS may set a higher dues rate',
  },
  'dues-split': { vi: 'tỷ lệ phân phối đoàn phí', en: 'dues split' },
  'levy-rate': { vi: 'mức đóng kinh phí công đoàn', en: 'union levy rate' },
  'levy-liable': { vi: 'đối tượng đóng kinh phí công đoàn', en: 'who owes the union levy' },
  'levy-split': { vi: 'tỷ lệ phân phối kinh phí công đoàn', en: 'union levy split' },
  'levy-deadline': { vi: 'hạn nộp kinh phí công đoàn', en: 'union levy deadline' },
  'levy-unpaid-after-days': {
    vi: 'thời hạn coi là chưa nộp kinh phí công đoàn',
    en: 'days after which the levy counts as unpaid',
  },
  'levy-penalty-rate': { vi: 'mức phạt chậm nộp kinh phí công đoàn', en: 'late levy penalty rate' },
  'dues-removal-months': {
    vi: 'số tháng không đóng đoàn phí thì xóa tên',
    en: 'months without dues before removal',
  },
};

const BY_FUNDING_TYPE = new Set<string>(FUNDING_TYPE_PARAMETERS);

/** Whether the versions of `parameter` may apply to some funding types only. */
export const isByFundingType = (parameter: PolicyParameter): boolean => BY_FUNDING_TYPE.has(parameter);

/** The funding types a version covers, in the contracts' order; `null` when it covers all. */
export function normalisedAppliesTo(appliesTo: readonly FundingType[] | null): FundingType[] | null {
  if (appliesTo === null) return null;
  const set = new Set(appliesTo);
  return FUNDING_TYPES.filter((t) => set.has(t));
}

/** `dues-rate@2025-07-01#state-budget-partial+self-funded+non-state`, `base-salary@2024-07-01#all`. */
export function versionId(
  parameter: PolicyParameter,
  effectiveFrom: string,
  appliesTo: readonly FundingType[] | null,
): string {
  const types = normalisedAppliesTo(appliesTo);
  return `${parameter}@${effectiveFrom}#${types ? types.join('+') : 'all'}`;
}

/** The keys a version covers: its funding types, every funding type for `null`, or `*` when the rule is not by funding type. */
export function coveredKeys(version: Pick<PolicyVersion, 'parameter' | 'appliesTo'>): string[] {
  if (!isByFundingType(version.parameter)) return ['*'];
  return version.appliesTo === null ? [...FUNDING_TYPES] : [...new Set(version.appliesTo)];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day `YYYY-MM-DD` (no 30 February). */
export function isCalendarDay(day: string): boolean {
  const m = ISO_DAY.exec(day);
  if (!m) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** Everything wrong with a version's dates, funding types and value, in Vietnamese and English; empty when valid. */
export function versionProblems(version: AddPolicyVersionInput): LocalizedText[] {
  const problems: LocalizedText[] = [];
  const bad = (vi: string, en: string) => problems.push({ vi, en });
  const bp = (n: number, min: number, what: LocalizedText) => {
    if (!inRange(n, min, 10_000))
      bad(
        `${what.vi} phải là số nguyên điểm cơ bản từ ${min} đến 10000 (100 = 1%), nhận ${n}`,
        `${what.en} must be whole basis points from ${min} to 10000 (100 = 1%), got ${n}`,
      );
  };

  if (!isCalendarDay(version.effectiveFrom) || version.effectiveFrom < '2000-01-01')
    bad(
      `ngày hiệu lực "${version.effectiveFrom}" không phải một ngày hợp lệ (YYYY-MM-DD, từ năm 2000)`,
      `effectiveFrom "${version.effectiveFrom}" is not a valid day (YYYY-MM-DD, from 2000)`,
    );
  if (version.appliesTo !== null) {
    if (!isByFundingType(version.parameter))
      bad(
        `quy định "${version.parameter}" áp dụng chung cho mọi loại hình đơn vị: appliesTo phải là null`,
        `rule "${version.parameter}" applies to every funding type: appliesTo must be null`,
      );
    if (new Set(version.appliesTo).size !== version.appliesTo.length || version.appliesTo.length === 0)
      bad('appliesTo có loại hình trùng lặp hoặc rỗng', 'appliesTo is empty or repeats a funding type');
  }

  const label = PARAMETER_LABELS[version.parameter];
  switch (version.parameter) {
    case 'base-salary':
      if (!inRange(version.value, 1, 100_000_000))
        bad(
          `lương cơ sở phải là số đồng nguyên dương, tối đa 100.000.000, nhận ${version.value}`,
          `the base salary must be whole đồng, positive, at most 100,000,000, got ${version.value}`,
        );
      break;
    case 'dues-rate':
      bp(version.value.rateBp, 1, label);
      break;
    case 'dues-cap':
      bp(version.value, 1, label);
      break;
    case 'dues-split':
    case 'levy-split': {
      const { grassrootsBp, upperBp } = version.value;
      bp(grassrootsBp, 0, { vi: 'phần CĐCS', en: 'the CĐCS share' });
      bp(upperBp, 0, { vi: 'phần cấp trên', en: 'the upper share' });
      if (grassrootsBp + upperBp !== 10_000)
        bad(
          `phần CĐCS và phần cấp trên phải cộng lại đúng 10000 (100%), nhận ${grassrootsBp} + ${upperBp}`,
          `the CĐCS and upper shares must add up to exactly 10000 (100%), got ${grassrootsBp} + ${upperBp}`,
        );
      break;
    }
    case 'levy-rate':
    case 'levy-penalty-rate':
      bp(version.value, 0, label);
      break;
    case 'levy-deadline': {
      const { monthsAfter, day } = version.value;
      if (!inRange(monthsAfter, 0, 12))
        bad(
          `monthsAfter phải từ 0 đến 12, nhận ${monthsAfter}`,
          `monthsAfter must be from 0 to 12, got ${monthsAfter}`,
        );
      if (day !== 'last' && !inRange(day, 1, 28))
        bad(
          `ngày hạn nộp phải từ 1 đến 28 hoặc "last" (ngày cuối tháng), nhận ${day}`,
          `the deadline day must be 1 to 28 or "last" (the month's last day), got ${day}`,
        );
      break;
    }
    case 'levy-unpaid-after-days':
      if (!inRange(version.value, 0, 3650))
        bad(`số ngày phải từ 0 đến 3650, nhận ${version.value}`, `days must be from 0 to 3650, got ${version.value}`);
      break;
    case 'dues-removal-months':
      if (!inRange(version.value, 1, 120))
        bad(`số tháng phải từ 1 đến 120, nhận ${version.value}`, `months must be from 1 to 120, got ${version.value}`);
      break;
    case 'dues-unit-rate-allowed':
    case 'levy-liable':
      break;
  }
  return problems;
}

/** 422 listing every problem of a version. */
export function invalidVersion(problems: readonly LocalizedText[]) {
  return unprocessable('invalid-policy-version', {
    vi: `Phiên bản quy định không hợp lệ: ${problems.map((p) => p.vi).join('; ')}.`,
    en: `Invalid policy version: ${problems.map((p) => p.en).join('; ')}.`,
  });
}
