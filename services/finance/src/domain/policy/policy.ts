import {
  addDays,
  addMonths,
  dayInVietnam,
  FUNDING_TYPES,
  type FundingType,
  firstDayOf,
  isMonth,
  type LocalizedText,
  lastDayOf,
  type Month,
  type PolicyParameter,
  unprocessable,
} from '@congdoan/contracts';
import type {
  Explained,
  LevyDeadline,
  LevyPenalty,
  Policy,
  PolicyVersion,
  PolicyVersionOf,
  RuleRef,
  Split,
  UnitRateResolution,
} from './types.ts';
import {
  coveredKeys,
  invalidVersion,
  isByFundingType,
  isCalendarDay,
  PARAMETER_LABELS,
  versionProblems,
} from './versions.ts';

// ---------------------------------------------------------------------------
// Money: integer đồng, percentages in integer basis points, never a float.
// ---------------------------------------------------------------------------

/**
 * `amount × bp / 10000`, rounded to the nearest đồng, half up:
 * `floor((amount × bp + 5000) / 10000)`, computed with BigInt so no float is involved
 * however large the product.
 */
export function applyBasisPoints(amount: number, bp: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be whole đồng ≥ 0, got ${amount}`);
  if (!Number.isInteger(bp) || bp < 0) throw new RangeError(`basis points must be a whole number ≥ 0, got ${bp}`);
  return Number((BigInt(amount) * BigInt(bp) + 5_000n) / 10_000n);
}

/** `52000` → `52.000`: Vietnamese grouping with dots. */
export function formatDong(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return sign + String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `100` → `1%`, `50` → `0,5%`, `1250` → `12,5%`: Vietnamese decimal comma. */
export function formatPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const cents = bp % 100;
  if (cents === 0) return `${whole}%`;
  return `${whole},${String(cents).padStart(2, '0').replace(/0$/, '')}%`;
}

// ---------------------------------------------------------------------------
// Errors in the caller's input.
// ---------------------------------------------------------------------------

function assertMonth(month: string): asserts month is Month {
  if (!isMonth(month))
    throw unprocessable('invalid-month', {
      vi: `Tháng "${month}" không hợp lệ: cần dạng YYYY-MM.`,
      en: `Month "${month}" is invalid: expected YYYY-MM.`,
    });
}

function assertAmount(amount: number, what: LocalizedText): void {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw unprocessable('invalid-amount', {
      vi: `${capitalise(what.vi)} phải là số đồng nguyên không âm, nhận ${amount}.`,
      en: `The ${what.en} must be whole đồng, not negative, got ${amount}.`,
    });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function noRule(parameter: PolicyParameter, period: string, fundingType: FundingType | undefined, first?: string) {
  const label = PARAMETER_LABELS[parameter];
  const forType = fundingType && isByFundingType(parameter) ? ` (${fundingType})` : '';
  const firstVi = first ? ` Phiên bản đầu tiên có hiệu lực từ ${first}.` : ' Chưa có phiên bản nào.';
  const firstEn = first ? ` Its first version applies from ${first}.` : ' It has no version.';
  return unprocessable('policy-rule-missing', {
    vi: `Không có quy định về ${label.vi}${forType} cho kỳ ${period}.${firstVi}`,
    en: `There is no rule for the ${label.en}${forType} for ${period}.${firstEn}`,
  });
}

export function ruleRef(version: PolicyVersion): RuleRef {
  return {
    parameter: version.parameter,
    versionId: version.id,
    effectiveFrom: version.effectiveFrom,
    source: version.source,
    certainty: version.certainty,
  };
}

/** `2025-06-15` → `15/6/2025`, as Vietnamese documents write a day. */
const displayDay = (day: string) => `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}/${day.slice(0, 4)}`;

/**
 * The rule a CĐCS's dues-rate resolution adds to a dues figure: parameter
 * `dues-unit-rate-resolution`, in force from its first month, sourced to the
 * resolution, e.g. `Nghị quyết 05/NQ-CĐCS (15/6/2025)`.
 */
export function resolutionRuleRef(resolution: UnitRateResolution): RuleRef {
  const effectiveFrom = firstDayOf(resolution.effectiveFrom as Month);
  return {
    parameter: 'dues-unit-rate-resolution',
    versionId: `dues-unit-rate-resolution@${effectiveFrom}#${resolution.resolutionNumber}`,
    effectiveFrom,
    source: `Nghị quyết ${resolution.resolutionNumber} (${displayDay(resolution.resolutionDate)})`,
    certainty: 'sure',
  };
}

const sources = (...versions: PolicyVersion[]) => [...new Set(versions.map((v) => v.source))].join('; ');

// ---------------------------------------------------------------------------
// The resolver.
// ---------------------------------------------------------------------------

interface Indexed {
  version: PolicyVersion;
  /** Position in the input: of two versions covering the same funding type from the same day, the later one wins. */
  position: number;
}

function indexVersions(versions: readonly PolicyVersion[]): Map<PolicyParameter, Indexed[]> {
  const ids = new Set<string>();
  const byParameter = new Map<PolicyParameter, Indexed[]>();
  versions.forEach((version, position) => {
    if (ids.has(version.id)) throw new Error(`policy version ${version.id} is listed twice`);
    ids.add(version.id);
    const problems = versionProblems(version);
    if (problems.length > 0) throw invalidVersion(problems);
    const list = byParameter.get(version.parameter) ?? [];
    list.push({ version, position });
    byParameter.set(version.parameter, list);
  });
  for (const list of byParameter.values()) {
    list.sort((a, b) => a.version.effectiveFrom.localeCompare(b.version.effectiveFrom) || a.position - b.position);
  }
  return byParameter;
}

/**
 * The policy over a list of versions. Pure.
 *
 * - A month's rule is the version in force on the **first day of the month**.
 * - A month's levy deadline follows the deadline rule in force **on the deadline day**,
 *   and the unpaid threshold the rule in force on that day too; the penalty rate is the
 *   one in force on the first late day (the day after the deadline).
 * - Amounts are whole đồng; every percentage is rounded to the nearest đồng, half up.
 *   A split rounds the upper share and gives the CĐCS the remainder, so the two add up.
 * - Before a rule's first version there is no rule: asking throws `policy-rule-missing` (422).
 */
export function createPolicy(versions: readonly PolicyVersion[]): Policy {
  const index = indexVersions(versions);

  function find<P extends PolicyParameter>(
    parameter: P,
    day: string,
    period: string,
    fundingType?: FundingType,
  ): PolicyVersionOf<P> {
    const list = index.get(parameter) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const { version } = list[i]!;
      if (version.effectiveFrom > day) continue;
      if (fundingType && version.appliesTo && !version.appliesTo.includes(fundingType)) continue;
      return version as PolicyVersionOf<P>;
    }
    const first = list.find(
      ({ version }) => !fundingType || !version.appliesTo || version.appliesTo.includes(fundingType),
    );
    throw noRule(parameter, period, fundingType, first?.version.effectiveFrom);
  }

  function assertFundingType(fundingType: string): asserts fundingType is FundingType {
    if (!(FUNDING_TYPES as readonly string[]).includes(fundingType))
      throw unprocessable('invalid-funding-type', {
        vi: `Loại hình "${fundingType}" không hợp lệ: ${FUNDING_TYPES.join(', ')}.`,
        en: `Funding type "${fundingType}" is invalid: ${FUNDING_TYPES.join(', ')}.`,
      });
  }

  function split(parameter: 'dues-split' | 'levy-split', month: Month, amount: number): Split {
    assertMonth(month);
    assertAmount(amount, { vi: 'số tiền phân phối', en: 'amount to split' });
    const rule = find(parameter, firstDayOf(month), month);
    const upper = applyBasisPoints(amount, rule.value.upperBp);
    const grassroots = amount - upper;
    const rules = [ruleRef(rule)];
    return {
      upper: {
        amount: upper,
        formula: `${formatPercent(rule.value.upperBp)} × ${formatDong(amount)} = ${formatDong(upper)} (${rule.source})`,
        rules,
      },
      grassroots: {
        amount: grassroots,
        formula: `${formatDong(amount)} − ${formatDong(upper)} = ${formatDong(grassroots)} (${formatPercent(rule.value.grassrootsBp)}, ${rule.source})`,
        rules,
      },
    };
  }

  function deadlineDay(month: Month, value: PolicyVersionOf<'levy-deadline'>['value']): string {
    const target = addMonths(month, value.monthsAfter);
    return value.day === 'last' ? lastDayOf(target) : `${target}-${String(value.day).padStart(2, '0')}`;
  }

  function levyDeadline(month: Month): LevyDeadline {
    assertMonth(month);
    const list = index.get('levy-deadline') ?? [];
    // The rule in force on the deadline day: try each version, latest first, and keep the
    // first whose own deadline falls on a day it governs.
    for (let i = list.length - 1; i >= 0; i--) {
      const candidate = list[i]!.version as PolicyVersionOf<'levy-deadline'>;
      const day = deadlineDay(month, candidate.value);
      if (candidate.effectiveFrom > day) continue;
      const inForce = find('levy-deadline', day, month);
      if (inForce.id !== candidate.id) continue;
      const unpaid = find('levy-unpaid-after-days', day, month);
      return {
        deadline: day,
        unpaidFrom: addDays(day, unpaid.value + 1),
        rules: [ruleRef(candidate), ruleRef(unpaid)],
      };
    }
    throw noRule('levy-deadline', month, undefined, list[0]?.version.effectiveFrom);
  }

  return {
    dues({ month, fundingType, duesSalary, unitRateBp, unitRateResolution }): Explained {
      assertMonth(month);
      assertFundingType(fundingType);
      assertAmount(duesSalary, { vi: 'lương đóng đoàn phí', en: 'dues salary' });
      const day = firstDayOf(month);
      const rate = find('dues-rate', day, month, fundingType);
      const cap = find('dues-cap', day, month, fundingType);
      const base = find('base-salary', day, month);
      let rateBp = rate.value.rateBp;
      let rateSource = rate.source;
      const rules = [ruleRef(rate), ruleRef(cap), ruleRef(base)];
      if (unitRateBp !== undefined && unitRateBp !== null) {
        if (!Number.isInteger(unitRateBp) || unitRateBp < 1 || unitRateBp > 10_000)
          throw unprocessable('invalid-unit-rate', {
            vi: `Mức đoàn phí theo nghị quyết CĐCS phải là số nguyên điểm cơ bản từ 1 đến 10000 (100 = 1%), nhận ${unitRateBp}.`,
            en: `The CĐCS resolution rate must be whole basis points from 1 to 10000 (100 = 1%), got ${unitRateBp}.`,
          });
        const allowed = find('dues-unit-rate-allowed', day, month, fundingType);
        rules.push(ruleRef(allowed));
        const named = unitRateResolution ? `Nghị quyết ${unitRateResolution.resolutionNumber}` : null;
        if (unitRateResolution) rules.push(resolutionRuleRef(unitRateResolution));
        if (allowed.value && unitRateBp > rateBp) {
          rateBp = unitRateBp;
          rateSource = named ? `${named}, ${allowed.source}` : `nghị quyết CĐCS; ${allowed.source}`;
        } else if (named) {
          rateSource = allowed.value
            ? `${rate.source}; mức ${formatPercent(unitRateBp)} của ${named} không cao hơn nên không áp dụng`
            : `${rate.source}; ${named} không áp dụng: ${allowed.source} không cho phép CĐCS quy định mức riêng`;
        }
      }
      const byRate = applyBasisPoints(duesSalary, rateBp);
      const capAmount = applyBasisPoints(base.value, cap.value);
      const byRateText = `${formatPercent(rateBp)} × ${formatDong(duesSalary)}`;
      if (byRate <= capAmount) {
        return { amount: byRate, formula: `${byRateText} = ${formatDong(byRate)} (${rateSource})`, rules };
      }
      const capText = `${formatPercent(cap.value)} × ${formatDong(base.value)}`;
      const others = [cap.source, base.source].filter((source) => !rateSource.includes(source));
      const allSources = [...new Set([rateSource, ...others])].join('; ');
      return {
        amount: capAmount,
        formula: `min(${byRateText}, ${capText}) = ${formatDong(capAmount)} (${allSources})`,
        rules,
      };
    },

    duesRate(month, fundingType) {
      assertMonth(month);
      assertFundingType(fundingType);
      const day = firstDayOf(month);
      const rate = find('dues-rate', day, month, fundingType);
      const allowed = find('dues-unit-rate-allowed', day, month, fundingType);
      return {
        rateBp: rate.value.rateBp,
        rule: ruleRef(rate),
        unitRateAllowed: allowed.value,
        unitRateRule: ruleRef(allowed),
      };
    },

    duesSplit: (month, amount) => split('dues-split', month, amount),

    levy(month, fundingType, payroll) {
      assertMonth(month);
      assertFundingType(fundingType);
      assertAmount(payroll, { vi: 'quỹ lương đóng bảo hiểm xã hội', en: 'social-insurance payroll' });
      const day = firstDayOf(month);
      const liable = find('levy-liable', day, month, fundingType);
      if (!liable.value) {
        return {
          liable: false,
          amount: 0,
          formula: `không thuộc diện đóng kinh phí công đoàn = 0 (${liable.source})`,
          rules: [ruleRef(liable)],
        };
      }
      const rate = find('levy-rate', day, month);
      const amount = applyBasisPoints(payroll, rate.value);
      return {
        liable: true,
        amount,
        formula: `${formatPercent(rate.value)} × ${formatDong(payroll)} = ${formatDong(amount)} (${sources(rate)})`,
        rules: [ruleRef(rate), ruleRef(liable)],
      };
    },

    levySplit: (month, amount) => split('levy-split', month, amount),

    levyDeadline,

    levyPenalty(month, latePaid, outstanding, asOf): LevyPenalty {
      assertMonth(month);
      assertAmount(latePaid, { vi: 'số đã nộp chậm', en: 'amount paid late' });
      assertAmount(outstanding, { vi: 'số còn nợ', en: 'outstanding amount' });
      const today = asOfDay(asOf);
      const { deadline, unpaidFrom, rules } = levyDeadline(month);
      const base = latePaid + outstanding;
      if (!Number.isSafeInteger(base)) assertAmount(base, { vi: 'tổng số chậm nộp', en: 'late total' });
      if (today <= deadline || base === 0) {
        return { status: 'on-time', amount: 0, formula: `0 (hạn nộp ${deadline})`, rules };
      }
      const rate = find('levy-penalty-rate', addDays(deadline, 1), month);
      const amount = applyBasisPoints(base, rate.value);
      const baseText =
        latePaid > 0 && outstanding > 0 ? `(${formatDong(latePaid)} + ${formatDong(outstanding)})` : formatDong(base);
      return {
        status: outstanding > 0 && today >= unpaidFrom ? 'unpaid' : 'late',
        amount,
        formula: `${formatPercent(rate.value)} × ${baseText} = ${formatDong(amount)} (${rate.source})`,
        rules: [...rules, ruleRef(rate)],
      };
    },

    duesRemovalMonths(month) {
      assertMonth(month);
      const rule = find('dues-removal-months', firstDayOf(month), month);
      return { months: rule.value, rule: ruleRef(rule) };
    },
  };
}

/** `asOf` as a day in Vietnam: a `YYYY-MM-DD` day as is, an ISO instant converted. */
function asOfDay(asOf: string): string {
  if (isCalendarDay(asOf)) return asOf;
  const instant = new Date(asOf);
  if (/^\d{4}-\d{2}-\d{2}T/.test(asOf) && !Number.isNaN(instant.getTime())) return dayInVietnam(instant);
  throw unprocessable('invalid-day', {
    vi: `Ngày "${asOf}" không hợp lệ: cần dạng YYYY-MM-DD.`,
    en: `Day "${asOf}" is invalid: expected YYYY-MM-DD.`,
  });
}

// ---------------------------------------------------------------------------
// Listing: each version with the days it governs.
// ---------------------------------------------------------------------------

export interface VersionRange {
  /** The last day the version governs; `null` while it still governs some funding type it applies to. */
  effectiveUntil: string | null;
  /** Only when the version ends on different days for different funding types. */
  effectiveUntilByFundingType?: Partial<Record<FundingType, string | null>>;
}

/** When each version stops governing, with the same precedence as `createPolicy`: by day, then by list order. */
export function versionRanges(versions: readonly PolicyVersion[]): Map<string, VersionRange> {
  const index = indexVersions(versions);
  const out = new Map<string, VersionRange>();
  for (const list of index.values()) {
    list.forEach(({ version }, i) => {
      const ends = new Map<string, string | null>();
      for (const key of coveredKeys(version)) {
        const next = list.slice(i + 1).find(({ version: later }) => coveredKeys(later).includes(key));
        ends.set(key, next ? addDays(next.version.effectiveFrom, -1) : null);
      }
      const values = [...ends.values()];
      const open = values.includes(null);
      const effectiveUntil = open ? null : ([...(values as string[])].sort().at(-1) ?? null);
      const range: VersionRange = { effectiveUntil };
      if (new Set(values).size > 1) {
        range.effectiveUntilByFundingType = Object.fromEntries(ends) as Partial<Record<FundingType, string | null>>;
      }
      out.set(version.id, range);
    });
  }
  return out;
}
