import type { AwardLevel, AwardSubject, LocalizedText, RatingCategory, TitleKind } from '@congdoan/contracts';
import { inForceOn, type Sourced, type Versioned } from './versioned.ts';

/** A title or form of the catalogue, with its machine-checkable criteria, cash, council and quota. */
export interface TitleDefinition extends Sourced {
  code: string;
  name: LocalizedText;
  kind: TitleKind;
  level: AwardLevel;
  subject: AwardSubject;
  criteria: {
    /** The title held in each of `years` consecutive years ending with the evaluated one (across units). */
    consecutive: { titleCode: string; years: number } | null;
    ratingCategories: readonly RatingCategory[] | null;
    initiativeRequired: boolean;
    minimumMembershipYears: number | null;
  };
  /** coefficient × lương cơ sở in force on the decision date (NĐ 152/2025 Art. 50). */
  cash: ({ coefficient: number } & Sourced) | null;
  /** Shares of all council members: present (quorum), voting yes (threshold). */
  council: { quorum: number; threshold: number } & Sourced;
  /** The most a unit may give in a year, as a share of those eligible; null is no cap. */
  quota: { maxShare: number | null } & Sourced;
}

export interface CatalogueVersion extends Versioned {
  titles: readonly TitleDefinition[];
}

const ART50 = 'NĐ 152/2025/NĐ-CP Điều 50';
const cash = (coefficient: number) => ({ coefficient, source: ART50, certainty: 'likely' as const });

/** The vote under NĐ 98/2023, not confirmed for NĐ 152/2025: parameters (DOMAIN.md, council vote). */
const council = (threshold: number, why: string) => ({
  quorum: 2 / 3,
  threshold,
  source: `NĐ 98/2023/NĐ-CP (${why}); not confirmed for NĐ 152/2025`,
  certainty: 'unsure' as const,
  note: 'Quorum 2/3 of the council’s members is a default of ours; the threshold counts yes votes of all members.',
});
const MAJORITY = council(0.5, 'no threshold found for this form: simple majority of members');

const noQuota = {
  maxShare: null,
  source: 'Luật TĐKT 2022; NĐ 98/2023 and NĐ 152/2025 set no national cap',
  certainty: 'likely' as const,
};
const noCriteria = {
  consecutive: null,
  ratingCategories: null,
  initiativeRequired: false,
  minimumMembershipYears: null,
};
const UNION_RULES = 'QĐ 999/QĐ-TLĐ (29/5/2024): text not found, a parameter of ours';

/**
 * The catalogue under NĐ 152/2025/NĐ-CP, in force from 1/7/2025 (replacing NĐ 98/2023).
 * DOMAIN.md, Emulation and awards, is the source of every value; what it does not give is
 * a parameter marked `unsure` with its default. NĐ 98/2023's, before it, is `ND98` below.
 */
const ND152: CatalogueVersion = {
  effectiveFrom: '2025-07-01',
  source: 'Luật Thi đua, khen thưởng 2022; NĐ 152/2025/NĐ-CP',
  certainty: 'likely',
  titles: [
    {
      code: 'lao-dong-tien-tien',
      name: { vi: 'Lao động tiên tiến', en: 'Advanced worker' },
      kind: 'title',
      level: 'grassroots',
      subject: 'individual',
      criteria: noCriteria,
      cash: cash(0.3),
      council: MAJORITY,
      quota: noQuota,
      source: 'Luật TĐKT 2022 Điều 24',
      certainty: 'likely',
      note: 'Completes tasks well or better, solidarity, takes part in emulation: the council’s judgement.',
    },
    {
      code: 'chien-si-thi-dua-co-so',
      name: { vi: 'Chiến sĩ thi đua cơ sở', en: 'Grassroots emulation fighter' },
      kind: 'title',
      level: 'grassroots',
      subject: 'individual',
      criteria: { ...noCriteria, consecutive: { titleCode: 'lao-dong-tien-tien', years: 1 } },
      cash: cash(1.0),
      council: council(0.8, '≥ 80% of council members for Chiến sĩ thi đua cơ sở'),
      quota: {
        maxShare: null,
        source: 'Luật TĐKT 2022; NĐ 98/2023: the 15% cap of NĐ 91/2017 no longer exists',
        certainty: 'likely',
        note: 'A union setting: a level may cap it again (e.g. the former 15%) with a new catalogue version.',
      },
      source: 'Luật TĐKT 2022 Điều 23',
      certainty: 'likely',
      note: 'Holds Lao động tiên tiến, and completes tasks excellently or has an initiative recognised at the unit (the latter is the council’s judgement).',
    },
    {
      code: 'chien-si-thi-dua-cap-tinh',
      name: { vi: 'Chiến sĩ thi đua cấp tỉnh', en: 'Provincial emulation fighter' },
      kind: 'title',
      level: 'province',
      subject: 'individual',
      criteria: {
        ...noCriteria,
        consecutive: { titleCode: 'chien-si-thi-dua-co-so', years: 3 },
        initiativeRequired: true,
      },
      cash: cash(3.0),
      council: council(0.9, '≥ 90% of council members for the ministry or province title'),
      quota: noQuota,
      source: 'Luật TĐKT 2022 (DOMAIN.md, higher CSTĐ: 3 consecutive CSTĐCS and an initiative of wider impact)',
      certainty: 'likely',
    },
    {
      code: 'chien-si-thi-dua-toan-quoc',
      name: { vi: 'Chiến sĩ thi đua toàn quốc', en: 'National emulation fighter' },
      kind: 'title',
      level: 'state',
      subject: 'individual',
      criteria: {
        ...noCriteria,
        consecutive: { titleCode: 'chien-si-thi-dua-cap-tinh', years: 2 },
        initiativeRequired: true,
      },
      cash: cash(4.5),
      council: council(0.9, 'the ministry threshold, assumed for the national title'),
      quota: noQuota,
      source: 'Luật TĐKT 2022 (DOMAIN.md, higher CSTĐ: 2 consecutive ministry or province titles and an initiative)',
      certainty: 'likely',
    },
    {
      code: 'tap-the-lao-dong-tien-tien',
      name: { vi: 'Tập thể lao động tiên tiến', en: 'Advanced collective' },
      kind: 'title',
      level: 'grassroots',
      subject: 'collective',
      criteria: { ...noCriteria, ratingCategories: ['excellent', 'good'] },
      cash: cash(0.8),
      council: MAJORITY,
      quota: noQuota,
      source: `Luật TĐKT 2022; the rating categories: ${UNION_RULES}`,
      certainty: 'unsure',
    },
    {
      code: 'tap-the-lao-dong-xuat-sac',
      name: { vi: 'Tập thể lao động xuất sắc', en: 'Excellent collective' },
      kind: 'title',
      level: 'province',
      subject: 'collective',
      criteria: { ...noCriteria, ratingCategories: ['excellent'] },
      cash: cash(1.5),
      council: MAJORITY,
      quota: noQuota,
      source: 'Luật TĐKT 2022; provincial rules 2025',
      certainty: 'likely',
      note: '100% complete tasks, ≥ 70% hold Lao động tiên tiến, at least one Chiến sĩ thi đua cơ sở: checked by the council until ratings and member titles are joined (not built yet).',
    },
    {
      code: 'bang-khen-ca-nhan',
      name: { vi: 'Bằng khen (cá nhân)', en: 'Diploma of merit (individual)' },
      kind: 'diploma',
      level: 'province',
      subject: 'individual',
      criteria: { ...noCriteria, consecutive: { titleCode: 'chien-si-thi-dua-co-so', years: 2 } },
      cash: null,
      council: MAJORITY,
      quota: noQuota,
      source: 'Provincial rules 2025 (DOMAIN.md, Bằng khen provincial example)',
      certainty: 'likely',
      note: 'The alternative path (2 years completing tasks excellently with 2 initiatives) is the council’s judgement. Cash: not in DOMAIN.md, none set.',
    },
    {
      code: 'bang-khen-tap-the',
      name: { vi: 'Bằng khen (tập thể)', en: 'Diploma of merit (collective)' },
      kind: 'diploma',
      level: 'province',
      subject: 'collective',
      criteria: { ...noCriteria, consecutive: { titleCode: 'tap-the-lao-dong-xuat-sac', years: 2 } },
      cash: null,
      council: MAJORITY,
      quota: noQuota,
      source: 'Provincial rules 2025 (DOMAIN.md, Bằng khen provincial example)',
      certainty: 'likely',
      note: 'The alternative path (2 years completing tasks excellently) is the council’s judgement. Cash: not in DOMAIN.md, none set.',
    },
    {
      code: 'co-thi-dua-cap-tinh',
      name: { vi: 'Cờ thi đua cấp tỉnh', en: 'Provincial emulation flag' },
      kind: 'flag',
      level: 'province',
      subject: 'collective',
      criteria: { ...noCriteria, ratingCategories: ['excellent'] },
      cash: cash(8),
      council: MAJORITY,
      quota: noQuota,
      source: 'Luật TĐKT 2022; the rating category: union practice',
      certainty: 'unsure',
      note: 'In practice proposed for the top unit of an emulation bloc (POST /v1/emulation/blocs/{id}/flag-proposal).',
    },
    {
      code: 'co-thi-dua-chinh-phu',
      name: { vi: 'Cờ thi đua của Chính phủ', en: 'Government emulation flag' },
      kind: 'flag',
      level: 'state',
      subject: 'collective',
      criteria: { ...noCriteria, ratingCategories: ['excellent'] },
      cash: cash(12),
      council: MAJORITY,
      quota: noQuota,
      source: 'Luật TĐKT 2022; the rating category: union practice',
      certainty: 'unsure',
    },
    {
      code: 'ky-niem-chuong-cong-doan',
      name: {
        vi: 'Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn',
        en: 'Medal for building the trade union',
      },
      kind: 'medal',
      level: 'national',
      subject: 'individual',
      criteria: { ...noCriteria, minimumMembershipYears: 20 },
      cash: null,
      council: MAJORITY,
      quota: noQuota,
      source: UNION_RULES,
      certainty: 'unsure',
      note: 'The 20 years of membership is a default of ours, to be confirmed against the union’s rules.',
    },
  ],
};

const ND98_CASH =
  'NĐ 98/2023/NĐ-CP: DOMAIN.md gives only NĐ 152/2025 Art. 50’s coefficients, assumed unchanged from NĐ 98/2023';

/**
 * The catalogue under NĐ 98/2023/NĐ-CP with Luật TĐKT 2022, from 1/1/2024 (the day the Law took
 * effect, NĐ 98/2023 of 31/12/2023 with it) until NĐ 152/2025 replaced it on 1/7/2025. DOMAIN.md
 * gives the titles' criteria from the Law (the same in both decrees) and the council thresholds
 * from NĐ 98/2023 itself; not the cash coefficients under NĐ 98 (NĐ 152's are assumed: unsure),
 * nor provincial rules before 2025 (the Bằng khen criteria of 2025 are assumed: unsure).
 * Years before 2024 (NĐ 91/2017) are not entered: no catalogue.
 */
const ND98: CatalogueVersion = {
  effectiveFrom: '2024-01-01',
  source: 'Luật Thi đua, khen thưởng 2022; NĐ 98/2023/NĐ-CP',
  certainty: 'likely',
  note: 'The first day is the Law’s (1/1/2024); NĐ 98/2023 was dated 31/12/2023.',
  titles: ND152.titles.map((t) => ({
    ...t,
    cash: t.cash && { coefficient: t.cash.coefficient, source: ND98_CASH, certainty: 'unsure' as const },
    ...(t.source.startsWith('Provincial rules 2025')
      ? {
          certainty: 'unsure' as const,
          note: `${t.note ?? ''} Before 2025: the provincial rules of 2025 assumed.`.trim(),
        }
      : {}),
  })),
};

/**
 * The catalogue versions shipped with the product, oldest first: the defaults an administrator's
 * versions follow (`createEmulationPolicy` in `./policy.ts` merges them).
 */
export const CATALOGUE_VERSIONS: readonly CatalogueVersion[] = [ND98, ND152];

/** The catalogue in force on `day`; undefined before the first version. */
export const catalogueOn = (day: string, versions: readonly CatalogueVersion[] = CATALOGUE_VERSIONS) =>
  inForceOn(versions, day);

/** A title of the catalogue in force on `day`. */
export function titleOn(
  code: string,
  day: string,
  versions: readonly CatalogueVersion[] = CATALOGUE_VERSIONS,
): TitleDefinition | undefined {
  return catalogueOn(day, versions)?.titles.find((t) => t.code === code);
}
