import { DISCIPLINE_FORM_TERMS, type LocalizedText, type ProceedingKind } from '@congdoan/contracts';
import { standingOn, unionYears } from '@congdoan/member-directory/standing';
import type { Certainty } from '../policy/versioned.ts';
import type { DisciplineFact, EligibilityFacts, HeldTitle, MergedUnit } from './facts.ts';

export type RuleOutcome = 'pass' | 'fail' | 'frozen' | 'not-applicable';

/** One rule's verdict on a candidate: why, and under which source. */
export interface Verdict {
  rule: string;
  name: LocalizedText;
  outcome: RuleOutcome;
  reason: LocalizedText;
  source: string;
  certainty: Certainty;
}

/** A rule of the engine: named, sourced, effective-dated, pure. */
export interface EligibilityRule {
  id: string;
  name: LocalizedText;
  effectiveFrom: string;
  source: string;
  certainty: Certainty;
  check(facts: EligibilityFacts): { outcome: RuleOutcome; reason: LocalizedText; source?: string };
}

/** `YYYY-MM-DD` as Vietnamese write it, `DD/MM/YYYY`. */
export const vnDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

const PROCEEDING_TERMS: Record<ProceedingKind, LocalizedText> = {
  inspection: { vi: 'kiểm tra', en: 'an inspection' },
  complaint: { vi: 'khiếu nại', en: 'a complaint' },
  denunciation: { vi: 'tố cáo', en: 'a denunciation' },
};

const NĐ152_ART4 = 'Luật TĐKT 2022; NĐ 152/2025 Điều 4';
const pass = (vi: string, en: string) => ({ outcome: 'pass' as const, reason: { vi, en } });
const fail = (vi: string, en: string) => ({
  outcome: 'fail' as const,
  reason: { vi: `Không đủ điều kiện: ${vi}`, en: `Not eligible: ${en}` },
});
const notApplicable = (vi: string, en: string) => ({ outcome: 'not-applicable' as const, reason: { vi, en } });

/** A decision in force for some time (not revoked: a revoked decision is treated as never having applied). */
const applied = (d: DisciplineFact) => d.status !== 'revoked' && d.decision !== null;
const describe = (d: DisciplineFact) => {
  const form = DISCIPLINE_FORM_TERMS[d.form];
  return {
    vi: `bị ${form.vi.toLowerCase()} ngày ${vnDate(d.decision!.date)} (QĐ ${d.decision!.number})`,
    en: `${form.en.toLowerCase()} on ${d.decision!.date} (decision ${d.decision!.number})`,
  };
};

/**
 * The day from which achievements count again after discipline (NĐ 152/2025 Art. 4): the end
 * of the latest decision that applied; null when none applied; 'never' while one is in force.
 */
export function achievementsCountFrom(disciplines: readonly DisciplineFact[]): string | null | 'never' {
  let from: string | null = null;
  for (const d of disciplines.filter(applied)) {
    if (d.status === 'in-force' || d.lapsedOn === null) return 'never';
    if (from === null || d.lapsedOn > from) from = d.lapsedOn;
  }
  return from;
}

const activeMember: EligibilityRule = {
  id: 'active-member',
  name: { vi: 'Đoàn viên đang sinh hoạt', en: 'An active member' },
  effectiveFrom: '2025-07-01',
  source: 'Điều lệ Công đoàn Việt Nam; QĐ 999/QĐ-TLĐ (the union’s awards go to its members)',
  certainty: 'likely',
  check(f) {
    if (f.candidate.kind !== 'member') return notApplicable('Đề nghị cho tập thể.', 'A collective nomination.');
    const { standing, unitId } = standingOn(f.candidate.history, f.checkedOn);
    const on = vnDate(f.checkedOn);
    if (standing === 'member')
      return pass(
        `đang sinh hoạt tại đơn vị ${unitId} ngày ${on}.`,
        `an active member of unit ${unitId} on ${f.checkedOn}.`,
      );
    if (standing === 'suspended')
      return fail(`đang bị tạm dừng sinh hoạt ngày ${on}.`, `the membership is suspended on ${f.checkedOn}.`);
    return fail(`không là đoàn viên ngày ${on}.`, `not a member on ${f.checkedOn}.`);
  },
};

const noDisciplineInPeriod: EligibilityRule = {
  id: 'no-discipline-in-period',
  name: { vi: 'Không bị kỷ luật trong kỳ xét', en: 'No discipline in the evaluated period' },
  effectiveFrom: '2025-07-01',
  source: NĐ152_ART4,
  certainty: 'likely',
  check(f) {
    const { year, from, to } = f.period;
    const within = f.disciplines.filter((d) => applied(d) && d.decision!.date >= from && d.decision!.date <= to);
    const first = within.sort((a, b) => a.decision!.date.localeCompare(b.decision!.date))[0];
    if (first) {
      const d = describe(first);
      return fail(
        `${d.vi}, trong kỳ xét ${year} (${NĐ152_ART4}).`,
        `${d.en}, within the evaluated period ${year} (${NĐ152_ART4}).`,
      );
    }
    const revoked = f.disciplines.filter((d) => d.status === 'revoked' && d.decision);
    const note = revoked.length
      ? {
          vi: ` Quyết định đã bị hủy bỏ không tính: ${revoked.map((d) => `QĐ ${d.decision!.number}`).join(', ')}.`,
          en: ` Revoked decisions do not count: ${revoked.map((d) => d.decision!.number).join(', ')}.`,
        }
      : { vi: '', en: '' };
    return pass(
      `Không bị kỷ luật từ khiển trách trở lên trong kỳ xét ${year}.${note.vi}`,
      `No discipline at reprimand or above in the evaluated period ${year}.${note.en}`,
    );
  },
};

const disciplineEnded: EligibilityRule = {
  id: 'achievements-after-discipline',
  name: {
    vi: 'Thành tích chỉ tính từ khi kỷ luật hết hiệu lực',
    en: 'Achievements count only after discipline ends',
  },
  effectiveFrom: '2025-07-01',
  source: NĐ152_ART4,
  certainty: 'likely',
  check(f) {
    const { year, from, to } = f.period;
    const later = f.disciplines.find(
      (d) => applied(d) && d.decision!.date > to && d.decision!.date <= f.checkedOn && d.status === 'in-force',
    );
    if (later) {
      const d = describe(later);
      return fail(
        `${d.vi}, đang trong thời gian chịu kỷ luật ngày ${vnDate(f.checkedOn)} (${NĐ152_ART4}).`,
        `${d.en}, still in force on ${f.checkedOn} (${NĐ152_ART4}).`,
      );
    }
    const earlier = f.disciplines.filter((d) => applied(d) && d.decision!.date < from);
    const inForce = earlier.find((d) => d.status === 'in-force' || d.lapsedOn === null);
    if (inForce) {
      const d = describe(inForce);
      return fail(
        `${d.vi} chưa hết hiệu lực ngày ${vnDate(f.checkedOn)}: thành tích chỉ được tính từ khi kỷ luật hết hiệu lực (${NĐ152_ART4}).`,
        `${d.en} is still in force on ${f.checkedOn}: achievements count only from its end (${NĐ152_ART4}).`,
      );
    }
    const overlapping = earlier
      .filter((d) => d.lapsedOn! > from)
      .sort((a, b) => b.lapsedOn!.localeCompare(a.lapsedOn!))[0];
    if (overlapping) {
      const d = describe(overlapping);
      return fail(
        `${d.vi}, hết hiệu lực ngày ${vnDate(overlapping.lapsedOn!)}: thành tích chỉ được tính từ ngày đó, sau khi kỳ xét ${year} đã bắt đầu (${NĐ152_ART4}).`,
        `${d.en}, ended on ${overlapping.lapsedOn}: achievements count only from then, after the evaluated period ${year} began (${NĐ152_ART4}).`,
      );
    }
    return pass(
      `Không có kỷ luật nào còn hiệu lực trong kỳ xét ${year}.`,
      `No discipline was in force during the evaluated period ${year}.`,
    );
  },
};

const notUnderProceeding: EligibilityRule = {
  id: 'not-under-proceeding',
  name: { vi: 'Không đang bị kiểm tra, khiếu nại, tố cáo', en: 'No pending inspection, complaint or denunciation' },
  effectiveFrom: '2025-07-01',
  source: NĐ152_ART4,
  certainty: 'likely',
  check(f) {
    const day = f.checkedOn;
    const open = f.proceedings
      .filter((p) => p.openedOn <= day && (p.closedOn === null || p.closedOn > day))
      .sort((a, b) => a.openedOn.localeCompare(b.openedOn));
    if (open.length > 0) {
      const list = (lang: 'vi' | 'en') =>
        open
          .map((p) =>
            lang === 'vi'
              ? `${PROCEEDING_TERMS[p.kind].vi} từ ngày ${vnDate(p.openedOn)}`
              : `${PROCEEDING_TERMS[p.kind].en} since ${p.openedOn}`,
          )
          .join('; ');
      return {
        outcome: 'frozen',
        reason: {
          vi: `Tạm dừng xét: đang bị ${list('vi')}, chưa kết thúc ngày ${vnDate(day)} (${NĐ152_ART4}).`,
          en: `Frozen: under ${list('en')}, not ended on ${day} (${NĐ152_ART4}).`,
        },
      };
    }
    const closed = f.proceedings.filter((p) => p.closedOn !== null && p.closedOn <= day);
    const note = closed.length
      ? {
          vi: ` Đã kết thúc: ${closed.map((p) => `${PROCEEDING_TERMS[p.kind].vi} ngày ${vnDate(p.closedOn!)}`).join('; ')}.`,
          en: ` Ended: ${closed.map((p) => `${PROCEEDING_TERMS[p.kind].en} on ${p.closedOn}`).join('; ')}.`,
        }
      : { vi: '', en: '' };
    return pass(
      `Không có cuộc kiểm tra, khiếu nại, tố cáo nào đang giải quyết ngày ${vnDate(day)}.${note.vi}`,
      `No inspection, complaint or denunciation pending on ${day}.${note.en}`,
    );
  },
};

const absence: EligibilityRule = {
  id: 'absence-working-days',
  name: { vi: 'Số ngày nghỉ trong kỳ xét', en: 'Working days absent in the period' },
  effectiveFrom: '2021-01-01',
  source: 'Union guidance 2021 (a union setting)',
  certainty: 'unsure',
  check(f) {
    const setting = f.absenceSetting;
    const source = setting.source;
    const max = setting.maxWorkingDays;
    if (max === null)
      return {
        ...notApplicable('Công đoàn không áp dụng quy định này.', 'The union does not apply this rule.'),
        source,
      };
    if (f.candidate.kind !== 'member')
      return { ...notApplicable('Đề nghị cho tập thể.', 'A collective nomination.'), source };
    if (!f.absence)
      return {
        ...fail(
          `chưa kê khai số ngày nghỉ trong kỳ xét ${f.period.year}.`,
          `no absence was declared for the evaluated period ${f.period.year}.`,
        ),
        source,
      };
    const { otherWorkingDays, maternityWorkingDays } = f.absence;
    const counted = otherWorkingDays + (setting.maternityExcepted ? 0 : maternityWorkingDays);
    const excepted =
      setting.maternityExcepted && maternityWorkingDays > 0
        ? {
            vi: ` (không tính ${maternityWorkingDays} ngày nghỉ thai sản)`,
            en: ` (${maternityWorkingDays} days of maternity leave not counted)`,
          }
        : { vi: '', en: '' };
    if (counted >= max)
      return {
        ...fail(
          `nghỉ ${counted} ngày làm việc trong kỳ xét ${f.period.year}${excepted.vi}, từ ${max} ngày trở lên (${source}).`,
          `absent ${counted} working days in the evaluated period ${f.period.year}${excepted.en}, ${max} or more (${source}).`,
        ),
        source,
      };
    return {
      ...pass(
        `Nghỉ ${counted} ngày làm việc trong kỳ xét ${f.period.year}${excepted.vi}, dưới ${max} ngày.`,
        `Absent ${counted} working days in the evaluated period ${f.period.year}${excepted.en}, under ${max}.`,
      ),
      source,
    };
  },
};

/**
 * Whose a held title is, for the candidate's chain: the candidate's own (a member's in any unit:
 * transfers), or a unit merged into the collective candidate's, for a year begun before its
 * merger day; undefined when it is neither's.
 */
function holderOf(f: EligibilityFacts, t: HeldTitle): { merged: MergedUnit | null } | undefined {
  if (f.candidate.kind === 'member' || t.unitId === f.candidate.unitId) return { merged: null };
  const merged = f.candidate.lineage.find((m) => m.unitId === t.unitId && `${t.year}-01-01` < m.countsBefore);
  return merged ? { merged } : undefined;
}

/** A year discipline reached into does not count: the candidate's own, or the merged unit's for its titles. */
const voidedBy = (countsFrom: string | null | 'never', year: number) =>
  countsFrom === 'never' || (countsFrom !== null && `${year}-01-01` < countsFrom);

/** Where a merged unit came from, as a reason names it. */
const mergerNote = (m: MergedUnit) => ({
  vi: `sáp nhập vào ${m.into ? m.into.unitName : 'đơn vị'} ngày ${vnDate(m.mergedOn)}`,
  en: `merged into ${m.into ? m.into.unitName : 'the unit'} on ${m.mergedOn}`,
});

const consecutiveTitles: EligibilityRule = {
  id: 'consecutive-titles',
  name: { vi: 'Danh hiệu liên tục', en: 'Consecutive titles' },
  effectiveFrom: '2025-07-01',
  source: 'the title’s criteria in the catalogue',
  certainty: 'likely',
  check(f) {
    const need = f.title.criteria.consecutive;
    const source = f.title.source;
    if (!need)
      return {
        ...notApplicable('Danh hiệu này không đòi hỏi danh hiệu liên tục.', 'This title needs no consecutive titles.'),
        source,
      };
    const name = f.titleNames[need.titleCode] ?? need.titleCode;
    const countsFrom = achievementsCountFrom(f.disciplines);
    const years = Array.from({ length: need.years }, (_, i) => f.period.year - need.years + 1 + i);
    const found = years.map((year) => {
      const held = f.heldTitles.flatMap((t) => {
        const holder = t.year === year && t.titleCode === need.titleCode ? holderOf(f, t) : undefined;
        if (!holder) return [];
        const own = voidedBy(countsFrom, year);
        // A merged unit's own discipline reaches the titles that came from it (our reading, unsure).
        const theirs =
          !own && holder.merged !== null && voidedBy(achievementsCountFrom(holder.merged.disciplines), year);
        return [{ title: t, merged: holder.merged, voided: own || theirs, voidedByMerged: theirs }];
      });
      // The candidate's own title first, then a merged unit's; one that counts before one voided.
      return { year, held: held.find((h) => !h.voided) ?? held[0] };
    });
    const missing = found.filter((x) => !x.held).map((x) => x.year);
    const voided = found.filter((x) => x.held?.voided && !x.held.voidedByMerged).map((x) => x.year);
    const voidedByMerged = found.flatMap((x) => (x.held?.voidedByMerged ? [{ year: x.year, held: x.held }] : []));
    const span = need.years === 1 ? `năm ${f.period.year}` : `${need.years} năm liên tục ${years[0]}–${f.period.year}`;
    const spanEn =
      need.years === 1 ? `in ${f.period.year}` : `${need.years} consecutive years ${years[0]}–${f.period.year}`;
    if (missing.length > 0 || voided.length > 0 || voidedByMerged.length > 0) {
      const parts = {
        vi: [
          missing.length ? `thiếu năm ${missing.join(', ')}` : '',
          voided.length ? `năm ${voided.join(', ')} không được tính vì kỷ luật` : '',
          ...voidedByMerged.map(
            ({ year, held }) =>
              `năm ${year} không được tính vì kỷ luật của ${held.title.unitName} (${mergerNote(held.merged!).vi}; ${NĐ152_ART4})`,
          ),
        ].filter(Boolean),
        en: [
          missing.length ? `missing ${missing.join(', ')}` : '',
          voided.length ? `${voided.join(', ')} not counted because of discipline` : '',
          ...voidedByMerged.map(
            ({ year, held }) =>
              `${year} not counted because of the discipline of ${held.title.unitName} (${mergerNote(held.merged!).en}; ${NĐ152_ART4})`,
          ),
        ].filter(Boolean),
      };
      return {
        ...fail(
          `cần ${name} ${span}: ${parts.vi.join('; ')} (${source}).`,
          `needs ${name} ${spanEn}: ${parts.en.join('; ')} (${source}).`,
        ),
        source,
      };
    }
    const list = (lang: 'vi' | 'en') =>
      found
        .map(({ year, held }) => {
          const { title: t, merged } = held!;
          if (merged) {
            const note = mergerNote(merged)[lang];
            return lang === 'vi'
              ? `${year}: ${name} của ${t.unitName} (${note}; QĐ ${t.decision.number})`
              : `${year}: ${name} of ${t.unitName} (${note}; decision ${t.decision.number})`;
          }
          return lang === 'vi'
            ? `${year} (QĐ ${t.decision.number}, tại ${t.unitName})`
            : `${year} (decision ${t.decision.number}, at ${t.unitName})`;
        })
        .join(', ');
    return { ...pass(`Đạt ${name} ${span}: ${list('vi')}.`, `Held ${name} ${spanEn}: ${list('en')}.`), source };
  },
};

const usable = (f: EligibilityFacts) =>
  f.achievements.filter((a) => !a.usedBy || a.usedBy.nominationId === f.nominationId);

const initiativeRequired: EligibilityRule = {
  id: 'initiative-required',
  name: { vi: 'Có sáng kiến được công nhận', en: 'A recognised initiative' },
  effectiveFrom: '2025-07-01',
  source: 'the title’s criteria in the catalogue',
  certainty: 'likely',
  check(f) {
    const source = f.title.source;
    if (!f.title.criteria.initiativeRequired)
      return { ...notApplicable('Danh hiệu này không đòi hỏi sáng kiến.', 'This title needs no initiative.'), source };
    const countsFrom = achievementsCountFrom(f.disciplines);
    const ok = usable(f).filter(
      (a) => a.kind === 'initiative' && countsFrom !== 'never' && (countsFrom === null || a.recognisedOn >= countsFrom),
    );
    if (ok.length === 0)
      return {
        ...fail(
          `cần ít nhất một sáng kiến được công nhận, chưa dùng cho khen thưởng khác (${source}).`,
          `needs at least one recognised initiative not backing another award (${source}).`,
        ),
        source,
      };
    return {
      ...pass(
        `Có sáng kiến: ${ok.map((a) => `"${a.title}" (công nhận ngày ${vnDate(a.recognisedOn)})`).join(', ')}.`,
        `Initiatives: ${ok.map((a) => `"${a.title}" (recognised ${a.recognisedOn})`).join(', ')}.`,
      ),
      source,
    };
  },
};

const oneAchievementOneAward: EligibilityRule = {
  id: 'one-achievement-one-award',
  name: { vi: 'Một thành tích chỉ khen một lần', en: 'One achievement backs one award' },
  effectiveFrom: '2025-07-01',
  source: 'CV 5007/BNV',
  certainty: 'likely',
  check(f) {
    const used = f.achievements.filter((a) => a.usedBy && a.usedBy.nominationId !== f.nominationId);
    if (used.length > 0) {
      const list = (lang: 'vi' | 'en') =>
        used
          .map((a) => {
            const d = a.usedBy!.decision;
            if (lang === 'vi')
              return `sáng kiến "${a.title}" đã dùng cho đề nghị khen thưởng ${a.usedBy!.nominationId}${d ? ` (QĐ ${d.number} ngày ${vnDate(d.date)})` : ''}`;
            return `the initiative "${a.title}" already backs nomination ${a.usedBy!.nominationId}${d ? ` (decision ${d.number} of ${d.date})` : ''}`;
          })
          .join('; ');
      return fail(`${list('vi')} (CV 5007/BNV).`, `${list('en')} (CV 5007/BNV).`);
    }
    return pass(
      f.achievements.length
        ? 'Không thành tích nào đã dùng cho khen thưởng khác.'
        : 'Không kèm thành tích cần đối chiếu.',
      f.achievements.length ? 'No achievement backs another award.' : 'No achievement to check.',
    );
  },
};

const membershipYears: EligibilityRule = {
  id: 'membership-years',
  name: { vi: 'Thời gian là đoàn viên', en: 'Years of membership' },
  effectiveFrom: '2025-07-01',
  source: 'the title’s criteria in the catalogue',
  certainty: 'unsure',
  check(f) {
    const min = f.title.criteria.minimumMembershipYears;
    const source = f.title.source;
    if (min === null || f.candidate.kind !== 'member')
      return {
        ...notApplicable(
          'Danh hiệu này không đòi hỏi thời gian là đoàn viên.',
          'This title needs no years of membership.',
        ),
        source,
      };
    const years = unionYears(f.candidate.joinDate, f.checkedOn) ?? 0;
    if (years < min)
      return {
        ...fail(
          `là đoàn viên ${years} năm, cần từ ${min} năm (${source}).`,
          `a member for ${years} years, needs ${min} (${source}).`,
        ),
        source,
      };
    return {
      ...pass(`Là đoàn viên ${years} năm (từ ${min} năm).`, `A member for ${years} years (${min} needed).`),
      source,
    };
  },
};

const RATING_TERMS = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  'not-completed': 'Không hoàn thành nhiệm vụ',
} as const;

const ratingCategory: EligibilityRule = {
  id: 'rating-category',
  name: { vi: 'Xếp loại CĐCS', en: 'The CĐCS rating' },
  effectiveFrom: '2025-07-01',
  source: 'the title’s criteria in the catalogue',
  certainty: 'unsure',
  check(f) {
    const accepted = f.title.criteria.ratingCategories;
    const source = f.title.source;
    if (!accepted || f.candidate.kind !== 'unit')
      return {
        ...notApplicable('Danh hiệu này không xét xếp loại.', 'This title does not look at the rating.'),
        source,
      };
    const wanted = accepted.map((c) => RATING_TERMS[c]).join(' hoặc ');
    const rating = f.candidate.rating;
    if (!rating || !accepted.includes(rating))
      return {
        ...fail(
          `xếp loại năm ${f.period.year} là ${rating ? `"${RATING_TERMS[rating]}"` : 'chưa có'}, cần "${wanted}" (${source}).`,
          `the ${f.period.year} rating is ${rating ?? 'missing'}, needs ${accepted.join(' or ')} (${source}).`,
        ),
        source,
      };
    return {
      ...pass(`Xếp loại năm ${f.period.year}: "${RATING_TERMS[rating]}".`, `Rated ${rating} for ${f.period.year}.`),
      source,
    };
  },
};

/** Every rule of the engine, in the order a verdict lists them. */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  activeMember,
  noDisciplineInPeriod,
  disciplineEnded,
  notUnderProceeding,
  absence,
  consecutiveTitles,
  initiativeRequired,
  oneAchievementOneAward,
  membershipYears,
  ratingCategory,
];
