import type { RatingCategory } from '@congdoan/contracts';
import { inForceOn, type Versioned } from './versioned.ts';

/** How a prize (coefficient × lương cơ sở) is rounded. */
export interface PrizeRounding extends Versioned {
  step: number;
  mode: 'up' | 'nearest';
}

export const PRIZE_ROUNDING: readonly PrizeRounding[] = [
  {
    effectiveFrom: '2025-07-01',
    step: 10_000,
    mode: 'up',
    source: 'NĐ 91/2017/NĐ-CP Điều 55 (earlier decrees), carried over: NĐ 152/2025’s own rule not found',
    certainty: 'unsure',
    note: 'Rounded up to the ten thousand đồng. From the first catalogue entered (1/7/2025).',
  },
];

/**
 * The prize in whole đồng: coefficient × lương cơ sở, rounded as the rule in force says.
 * Integer arithmetic: the coefficient is taken in thousandths, so 4.5 × 2,340,000 is exact.
 */
export function prizeAmount(coefficient: number, baseSalary: number, rounding: Pick<PrizeRounding, 'step' | 'mode'>) {
  const milli = Math.round(coefficient * 1000);
  const raw = milli * baseSalary;
  const unit = 1000 * rounding.step;
  const steps = rounding.mode === 'up' ? Math.ceil(raw / unit) : Math.round(raw / unit);
  return steps * rounding.step;
}

/**
 * The absence rule: a year with this many working days absent or more earns no title,
 * maternity leave excepted. Not state law since 2017; a union setting, declared on each
 * nomination (the days are the unit's to count).
 */
export interface AbsenceSetting extends Versioned {
  /** null: the union does not apply the rule. */
  maxWorkingDays: number | null;
  maternityExcepted: boolean;
}

export const ABSENCE_SETTINGS: readonly AbsenceSetting[] = [
  {
    effectiveFrom: '2021-01-01',
    maxWorkingDays: 40,
    maternityExcepted: true,
    source: 'Union guidance 2021 (DOMAIN.md): not state law since 2017, a union setting',
    certainty: 'unsure',
  },
];

/** A criterion of the annual CĐCS rating, with its maximum points. */
export interface RatingCriterion {
  code: string;
  name: string;
  maxPoints: number;
}

/** A band: a total of at least `minScore`, and no criterion under `minShareOfEach` of its maximum. */
export interface RatingBand {
  category: RatingCategory;
  minScore: number;
  minShareOfEach: number | null;
}

export interface RatingPolicy extends Versioned {
  /** The default criteria an upper level starts its year's set from. */
  criteria: readonly RatingCriterion[];
  /** Best first; the last has minScore 0. */
  bands: readonly RatingBand[];
  /** A CĐCS is rated only after this many months of operation… */
  monthsOfOperation: number;
  /** …or this many after a merger. */
  monthsAfterMerger: number;
}

export const RATING_POLICIES: readonly RatingPolicy[] = [
  {
    effectiveFrom: '2019-01-01',
    criteria: [
      { code: 'representation', name: 'Đại diện, bảo vệ quyền lợi đoàn viên', maxPoints: 30 },
      { code: 'emulation', name: 'Tổ chức phong trào thi đua', maxPoints: 20 },
      { code: 'organisation', name: 'Xây dựng tổ chức công đoàn, phát triển đoàn viên', maxPoints: 20 },
      { code: 'finance', name: 'Công tác tài chính công đoàn', maxPoints: 15 },
      { code: 'inspection', name: 'Công tác kiểm tra', maxPoints: 15 },
    ],
    bands: [
      { category: 'excellent', minScore: 85, minShareOfEach: 0.5 },
      { category: 'good', minScore: 70, minShareOfEach: null },
      { category: 'completed', minScore: 50, minShareOfEach: null },
      { category: 'not-completed', minScore: 0, minShareOfEach: null },
    ],
    monthsOfOperation: 12,
    monthsAfterMerger: 6,
    source:
      'Hướng dẫn 1294/HD-TLĐ (2019) for the 12 and 6 months; the bands are an older union scale (DOMAIN.md); the criteria and their points are a default of ours',
    certainty: 'unsure',
    note: 'Each year the upper level publishes its own criteria set: these are only the defaults it starts from.',
  },
];

export const prizeRoundingOn = (day: string) => inForceOn(PRIZE_ROUNDING, day);
export const absenceSettingOn = (day: string) => inForceOn(ABSENCE_SETTINGS, day);
export const ratingPolicyOn = (day: string) => inForceOn(RATING_POLICIES, day);

/**
 * The category a total earns under `bands`: the best band whose minimum the total reaches
 * with no criterion under its share of the maximum.
 */
export function ratingCategory(
  scores: readonly { points: number; maxPoints: number }[],
  bands: readonly RatingBand[],
): RatingCategory {
  const total = scores.reduce((sum, s) => sum + s.points, 0);
  for (const band of bands) {
    if (total < band.minScore) continue;
    const share = band.minShareOfEach;
    if (share !== null && scores.some((s) => s.points < share * s.maxPoints)) continue;
    return band.category;
  }
  return 'not-completed';
}

/** What the initiative council's scores must reach for the initiative to pass. */
export interface InitiativeThresholds extends Versioned {
  /** Each of newness, feasibility and effectiveness, out of 100. */
  eachAtLeast: number;
  /** Their sum, out of 300. */
  totalAtLeast: number;
}

export const INITIATIVE_THRESHOLDS: readonly InitiativeThresholds[] = [
  {
    effectiveFrom: '2019-01-01',
    eachAtLeast: 50,
    totalAtLeast: 210,
    source:
      'Union practice (DOMAIN.md: initiatives judged on newness, feasibility, effectiveness); the thresholds are a default of ours',
    certainty: 'unsure',
  },
];

export const initiativeThresholdsOn = (day: string) => inForceOn(INITIATIVE_THRESHOLDS, day);
