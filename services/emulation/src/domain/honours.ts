/**
 * The statistics a unit subtree reports for a year, from counters kept per unit subtree and
 * year: what an award decided, or an initiative accepted, adds to them (`awardDelta`,
 * `acceptedInitiativeDelta`), and the report built from them with each figure's rule
 * (`buildStatistics`). Pure: the counters are read and written by the adapters.
 */
import {
  AWARD_LEVELS,
  AWARD_SUBJECTS,
  type AwardLevel,
  type AwardSubject,
  INITIATIVE_SCOPES,
  type Initiative,
  type LocalizedText,
  type RegistrationTotals,
  type StatisticsFigure,
  TITLE_KINDS,
  type TitleKind,
  type UnitStatistics,
} from '@congdoan/contracts';
import { CATALOGUE_VERSIONS, catalogueOn, type TitleDefinition } from './policy/catalogue.ts';

/** What one change adds to a unit subtree's counters of a year: counter name → amount. */
export type StatsDelta = Record<string, number>;

const AWARD = 'award';
const INITIATIVE = 'initiative';
/** Prizes decided, whole đồng. */
export const PRIZE_COUNTER = 'prizeDong';
/** The benefit in đồng of the initiatives accepted, where given as a value. */
export const BENEFIT_COUNTER = 'initiativeBenefitDong';

/** The counter of a title's awards: its classification is kept in the name, as decided. */
export const awardCounter = (t: Pick<TitleDefinition, 'level' | 'kind' | 'subject' | 'code'>) =>
  `${AWARD}#${t.level}#${t.kind}#${t.subject}#${t.code}`;

/** What an award adds: one of its title, and its prize (whole đồng) when it has one. */
export function awardDelta(title: TitleDefinition, prizeDong: number | null): StatsDelta {
  return { [awardCounter(title)]: 1, ...(prizeDong ? { [PRIZE_COUNTER]: prizeDong } : {}) };
}

/** The year an award counts in: the year it is for (kỳ xét). */
export const awardYear = (award: { year: number }) => award.year;

/** What an accepted initiative adds: one at its scope, and its benefit when given in đồng. */
export function acceptedInitiativeDelta(initiative: Pick<Initiative, 'accepted' | 'benefit'>): StatsDelta {
  if (!initiative.accepted) return {};
  return {
    [`${INITIATIVE}#${initiative.accepted.scope}`]: 1,
    ...(initiative.benefit.kind === 'value' ? { [BENEFIT_COUNTER]: initiative.benefit.dong } : {}),
  };
}

/** The year an accepted initiative counts in: the year of its recognition. */
export const initiativeYear = (initiative: Pick<Initiative, 'accepted'>) =>
  initiative.accepted ? Number(initiative.accepted.date.slice(0, 4)) : null;

/** Adds counters of several years (or units). */
export function sumCounters(rows: readonly StatsDelta[]): StatsDelta {
  const sum: StatsDelta = {};
  for (const row of rows) for (const [k, v] of Object.entries(row)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

/**
 * A title or form as the catalogue knows it on `day`: the catalogue in force then, the first
 * catalogue before it (awards recorded from before the system), else any version naming it.
 */
export function titleOfAward(code: string, day: string): TitleDefinition | undefined {
  const first = (catalogueOn(day) ?? CATALOGUE_VERSIONS[0])?.titles.find((t) => t.code === code);
  return first ?? [...CATALOGUE_VERSIONS].reverse().flatMap((v) => v.titles.filter((t) => t.code === code))[0];
}

interface AwardCount {
  level: AwardLevel;
  kind: TitleKind;
  subject: AwardSubject;
  code: string;
  count: number;
}

function awardCounts(counters: StatsDelta): AwardCount[] {
  return Object.entries(counters).flatMap(([name, count]) => {
    const [head, level, kind, subject, code] = name.split('#');
    if (head !== AWARD || !level || !kind || !subject || !code || count === 0) return [];
    return [{ level, kind, subject, code, count } as AwardCount];
  });
}

const LEVEL_LABELS: Record<AwardLevel, LocalizedText> = {
  grassroots: { vi: 'Cơ sở', en: 'Grassroots' },
  upper: { vi: 'Cấp trên trực tiếp cơ sở', en: 'Direct upper level' },
  province: { vi: 'Cấp tỉnh, ngành', en: 'Province or branch' },
  national: { vi: 'Tổng Liên đoàn', en: 'National union (TLĐ)' },
  state: { vi: 'Nhà nước', en: 'State' },
};
const KIND_LABELS: Record<TitleKind, LocalizedText> = {
  title: { vi: 'Danh hiệu thi đua', en: 'Emulation title' },
  certificate: { vi: 'Giấy khen', en: 'Certificate of merit' },
  diploma: { vi: 'Bằng khen', en: 'Diploma of merit' },
  flag: { vi: 'Cờ thi đua', en: 'Emulation flag' },
  medal: { vi: 'Kỷ niệm chương', en: 'Commemorative medal' },
};
const SUBJECT_LABELS: Record<AwardSubject, LocalizedText> = {
  collective: { vi: 'Tập thể', en: 'Collective' },
  individual: { vi: 'Cá nhân', en: 'Individual' },
};
const SCOPE_LABELS: Record<(typeof INITIATIVE_SCOPES)[number], LocalizedText> = {
  unit: { vi: 'Cấp cơ sở', en: 'Unit' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  national: { vi: 'Toàn quốc', en: 'National' },
};

/** The period in words, for the rules. */
const periodText = (from: number, to: number): LocalizedText =>
  from === to ? { vi: `năm ${to}`, en: `year ${to}` } : { vi: `các năm ${from}–${to}`, en: `years ${from}–${to}` };

const AWARDS_RULE = (p: LocalizedText): LocalizedText => ({
  vi: `Khen thưởng (danh hiệu thi đua và hình thức khen thưởng) có quyết định, tính cho ${p.vi} theo năm được xét khen, của các đơn vị thuộc cây đơn vị (đoàn viên tính theo đơn vị của họ ngày quyết định); gồm quyết định ra trên hệ thống và khen thưởng ghi nhận lại từ trước. Đếm khi ghi quyết định, không đọc lại từng khen thưởng.`,
  en: `Awards (emulation titles and forms) decided, counted in ${p.en} by the year they are for, in the unit subtree (a member counts in their unit on the decision date); decisions made in the system and awards recorded from before it. Counted as each is recorded, never re-read one by one.`,
});

const INITIATIVES_RULE = (p: LocalizedText): LocalizedText => ({
  vi: `Sáng kiến được công nhận (nghiệm thu) trong ${p.vi} theo ngày quyết định công nhận, của các đơn vị thuộc cây đơn vị; đếm khi công nhận.`,
  en: `Initiatives accepted in ${p.en} by the date of their recognition, of units in the subtree; counted at acceptance.`,
});

const REGISTRATIONS_RULE = (p: LocalizedText): LocalizedText => ({
  vi: `Đăng ký thi đua trong ${p.vi} theo ngày đăng ký (mọi phong trào), của đơn vị và đoàn viên thuộc cây đơn vị tại ngày đăng ký; việc làm xác nhận đã thực hiện tính vào năm của đăng ký.`,
  en: `Registrations in ${p.en} by day of registration (all movements), of units and members in the subtree on that day; deeds confirmed done count in the registration's year.`,
});

/** What the report is built from: the subtree's counters and registration totals, and those of each unit below. */
export interface StatisticsInputs {
  unit: { id: string; name: string };
  from: number;
  to: number;
  counters: StatsDelta;
  registrations: RegistrationTotals;
  children: { id: string; name: string; counters: StatsDelta; registrations: RegistrationTotals }[];
}

/** The name of a title in the latest catalogue naming it. */
function titleName(code: string): LocalizedText {
  const found = [...CATALOGUE_VERSIONS].reverse().flatMap((v) => v.titles.filter((t) => t.code === code))[0];
  return found?.name ?? { vi: code, en: code };
}

const headline = (counters: StatsDelta) => {
  const awards = awardCounts(counters);
  const bySubject = (s: AwardSubject) => awards.filter((a) => a.subject === s).reduce((n, a) => n + a.count, 0);
  const accepted = INITIATIVE_SCOPES.reduce((n, s) => n + (counters[`${INITIATIVE}#${s}`] ?? 0), 0);
  return { collective: bySubject('collective'), individual: bySubject('individual'), accepted };
};

/** The report: the headline figures a unit reports upward, each other figure, and the breakdowns, each with its rule. */
export function buildStatistics(input: StatisticsInputs): UnitStatistics {
  const { counters, from, to } = input;
  const p = periodText(from, to);
  const awards = awardCounts(counters);
  const { collective, individual, accepted } = headline(counters);
  const reg = input.registrations;
  const awardsRule = AWARDS_RULE(p);
  const initiativesRule = INITIATIVES_RULE(p);
  const registrationsRule = REGISTRATIONS_RULE(p);
  const figure = (
    code: string,
    label: LocalizedText,
    value: number,
    rule: LocalizedText,
    unit: StatisticsFigure['unit'] = 'count',
  ): StatisticsFigure => ({ code, label, value, unit, rule });
  const sumOf = <K extends string>(keyOf: (a: AwardCount) => K, keys: readonly K[], labels: Record<K, LocalizedText>) =>
    keys.map((key) => ({
      key,
      label: labels[key],
      count: awards.filter((a) => keyOf(a) === key).reduce((n, a) => n + a.count, 0),
    }));
  const byTitle = new Map<string, AwardCount>();
  for (const a of awards) {
    const k = `${a.level}#${a.kind}#${a.subject}#${a.code}`;
    const seen = byTitle.get(k);
    byTitle.set(k, seen ? { ...seen, count: seen.count + a.count } : a);
  }
  return {
    unitId: input.unit.id,
    unitName: input.unit.name,
    from,
    to,
    figures: [
      figure('collective-awards', { vi: 'Tập thể được khen thưởng', en: 'Collectives awarded' }, collective, {
        vi: `${awardsRule.vi} Chỉ khen thưởng cho tập thể.`,
        en: `${awardsRule.en} Collectives only.`,
      }),
      figure('individual-awards', { vi: 'Cá nhân được khen thưởng', en: 'Individuals awarded' }, individual, {
        vi: `${awardsRule.vi} Chỉ khen thưởng cho cá nhân.`,
        en: `${awardsRule.en} Individuals only.`,
      }),
      figure(
        'accepted-initiatives',
        { vi: 'Sáng kiến được công nhận', en: 'Initiatives accepted' },
        accepted,
        initiativesRule,
      ),
      figure(
        'initiative-benefit',
        { vi: 'Giá trị làm lợi của sáng kiến được công nhận', en: 'Benefit of the initiatives accepted' },
        counters[BENEFIT_COUNTER] ?? 0,
        {
          vi: `${initiativesRule.vi} Cộng giá trị làm lợi của những sáng kiến nêu bằng đồng; sáng kiến chỉ mô tả lợi ích không được cộng.`,
          en: `${initiativesRule.en} The benefit of those giving it in đồng; those describing it in words add nothing.`,
        },
        'dong',
      ),
      figure(
        'prizes',
        { vi: 'Tiền thưởng theo quyết định', en: 'Prizes decided' },
        counters[PRIZE_COUNTER] ?? 0,
        {
          vi: `Tiền thưởng của các quyết định khen thưởng ra trên hệ thống (hệ số × lương cơ sở ngày quyết định, đã làm tròn), tính cho ${p.vi} theo năm được xét khen; khen thưởng ghi nhận lại từ trước không có tiền thưởng.`,
          en: `The prizes of the award decisions made in the system (coefficient × lương cơ sở on the decision date, rounded), counted in ${p.en} by the year the award is for; awards recorded from before the system carry none.`,
        },
        'dong',
      ),
      figure(
        'title-registrations',
        { vi: 'Đăng ký danh hiệu thi đua', en: 'Title registrations' },
        reg.titleRegistrations,
        registrationsRule,
      ),
      figure(
        'commitment-registrations',
        { vi: 'Đăng ký giao ước, cam kết', en: 'Commitment registrations' },
        reg.commitmentRegistrations,
        registrationsRule,
      ),
      figure(
        'deed-registrations',
        { vi: 'Lượt đăng ký việc làm theo Bác', en: 'Deed registrations' },
        reg.deedRegistrations,
        registrationsRule,
      ),
      figure('deeds-registered', { vi: 'Việc làm theo Bác đã đăng ký', en: 'Deeds registered' }, reg.deedsRegistered, {
        vi: `${registrationsRule.vi} Cộng số việc của từng đăng ký.`,
        en: `${registrationsRule.en} The deeds each names, summed.`,
      }),
      figure('deeds-done', { vi: 'Việc làm theo Bác đã thực hiện', en: 'Deeds done' }, reg.deedsDone, {
        vi: `${registrationsRule.vi} Cộng số việc được xác nhận đã thực hiện.`,
        en: `${registrationsRule.en} The deeds confirmed done, summed.`,
      }),
    ],
    awards: {
      byLevel: { rule: awardsRule, rows: sumOf((a) => a.level, AWARD_LEVELS, LEVEL_LABELS) },
      byKind: { rule: awardsRule, rows: sumOf((a) => a.kind, TITLE_KINDS, KIND_LABELS) },
      bySubject: { rule: awardsRule, rows: sumOf((a) => a.subject, AWARD_SUBJECTS, SUBJECT_LABELS) },
      byTitle: {
        rule: {
          vi: `${awardsRule.vi} Cấp, hình thức và đối tượng theo danh mục có hiệu lực ngày quyết định.`,
          en: `${awardsRule.en} Level, form and subject as in the catalogue in force on the decision date.`,
        },
        rows: [...byTitle.values()]
          .sort(
            (a, b) =>
              AWARD_LEVELS.indexOf(a.level) - AWARD_LEVELS.indexOf(b.level) ||
              a.subject.localeCompare(b.subject) ||
              a.code.localeCompare(b.code),
          )
          .map((a) => ({
            titleCode: a.code,
            name: titleName(a.code),
            level: a.level,
            kind: a.kind,
            subject: a.subject,
            count: a.count,
          })),
      },
    },
    initiatives: {
      byScope: {
        rule: initiativesRule,
        rows: INITIATIVE_SCOPES.map((s) => ({
          key: s,
          label: SCOPE_LABELS[s],
          count: counters[`${INITIATIVE}#${s}`] ?? 0,
        })),
      },
    },
    byUnit: {
      rule: {
        vi: `Mỗi đơn vị trực thuộc đang hoạt động, với số liệu của cả cây đơn vị của nó theo cùng quy tắc; đơn vị đã giải thể chỉ còn trong tổng.`,
        en: 'Each active unit directly below, with its own subtree’s figures under the same rules; dissolved units count in the total only.',
      },
      rows: input.children.map((c) => {
        const h = headline(c.counters);
        return {
          unitId: c.id,
          name: c.name,
          collectiveAwards: h.collective,
          individualAwards: h.individual,
          acceptedInitiatives: h.accepted,
          deedRegistrations: c.registrations.deedRegistrations,
          deedsRegistered: c.registrations.deedsRegistered,
          deedsDone: c.registrations.deedsDone,
        };
      }),
    },
  };
}
