import { describe, expect, it } from 'vitest';
import { checkEligibility, rulesOn } from '../../src/domain/eligibility/engine.ts';
import type { DisciplineFact, EligibilityFacts, HeldTitle, MergedUnit } from '../../src/domain/eligibility/facts.ts';
import { achievementsCountFrom, ELIGIBILITY_RULES } from '../../src/domain/eligibility/rules.ts';
import { catalogueOn, titleOn } from '../../src/domain/policy/catalogue.ts';
import { ABSENCE_SETTINGS } from '../../src/domain/policy/settings.ts';

/**
 * The eligibility engine, one rule at a time: each test sets the one fact that decides the
 * rule and asserts the verdict's outcome, its Vietnamese and English reason and its source.
 */
const titleNames = Object.fromEntries(catalogueOn('2026-01-01')!.titles.map((t) => [t.code, t.name.vi]));
const CSTDCS = titleOn('chien-si-thi-dua-co-so', '2026-01-01')!;
const held = (year: number, titleCode: string, unitId: string, unitName: string): HeldTitle => ({
  year,
  titleCode,
  unitId,
  unitName,
  decision: { number: `${year - 2000}/QĐ-CĐ`, date: `${year}-12-20` },
});

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    nominationId: 'nom-1',
    title: CSTDCS,
    period: { year: 2025, from: '2025-01-01', to: '2025-12-31' },
    checkedOn: '2026-01-15',
    candidate: {
      kind: 'member',
      memberId: 'm-1',
      joinDate: '2010-03-01',
      history: [{ from: '2010-03-01', to: null, unitId: 'cdcs-a', status: 'active' }],
    },
    disciplines: [],
    proceedings: [],
    absence: { otherWorkingDays: 3, maternityWorkingDays: 0 },
    absenceSetting: ABSENCE_SETTINGS[0]!,
    heldTitles: [held(2025, 'lao-dong-tien-tien', 'cdcs-a', 'CĐCS Trường A')],
    achievements: [],
    titleNames,
    ...overrides,
  };
}
/** A unit merged into the candidate on `mergedOn` (into another unit of the lineage when `into` is given). */
const absorbed = (unitId: string, unitName: string, mergedOn: string, more: Partial<MergedUnit> = {}): MergedUnit => ({
  unitId,
  unitName,
  mergedOn,
  into: null,
  countsBefore: mergedOn,
  disciplines: [],
  ...more,
});
const verdict = (f: EligibilityFacts, rule: string) => checkEligibility(f).verdicts.find((v) => v.rule === rule)!;

describe('the eligibility engine', () => {
  it('finds a clean candidate eligible, every rule saying why with its source', () => {
    const result = checkEligibility(facts());
    expect(result.outcome).toBe('eligible');
    expect(result.verdicts.map((v) => v.rule)).toEqual(ELIGIBILITY_RULES.map((r) => r.id));
    for (const v of result.verdicts) {
      expect(v.reason.vi.length, v.rule).toBeGreaterThan(0);
      expect(v.reason.en.length, v.rule).toBeGreaterThan(0);
      expect(v.source.length, v.rule).toBeGreaterThan(0);
      expect(['pass', 'not-applicable']).toContain(v.outcome);
    }
  });

  it('runs only the rules in force on the day of the check', () => {
    expect(rulesOn('2025-06-30').map((r) => r.id)).toEqual(['absence-working-days']);
    expect(rulesOn('2025-07-01')).toHaveLength(ELIGIBILITY_RULES.length);
  });
});

describe('active member', () => {
  it('refuses a member suspended or exited on the day of the check', () => {
    const suspended = facts({
      candidate: {
        kind: 'member',
        memberId: 'm-1',
        joinDate: '2010-03-01',
        history: [
          { from: '2010-03-01', to: '2025-12-01', unitId: 'cdcs-a', status: 'active' },
          { from: '2025-12-01', to: null, unitId: 'cdcs-a', status: 'suspended' },
        ],
      },
    });
    const v = verdict(suspended, 'active-member');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe('Không đủ điều kiện: đang bị tạm dừng sinh hoạt ngày 15/01/2026.');
    expect(v.reason.en).toBe('Not eligible: the membership is suspended on 2026-01-15.');
    expect(checkEligibility(suspended).outcome).toBe('ineligible');
  });
});

describe('no discipline in the evaluated period', () => {
  it('refuses a candidate reprimanded in the period, naming the decision and the source', () => {
    const f = facts({
      disciplines: [
        {
          disciplineId: 'd-1',
          form: 'reprimand',
          decision: { number: '12/QĐ-UBKT', date: '2025-05-03' },
          status: 'in-force',
          lapsedOn: null,
        },
      ],
    });
    const v = verdict(f, 'no-discipline-in-period');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(
      'Không đủ điều kiện: bị khiển trách ngày 03/05/2025 (QĐ 12/QĐ-UBKT), trong kỳ xét 2025 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    expect(v.reason.en).toBe(
      'Not eligible: reprimand on 2025-05-03 (decision 12/QĐ-UBKT), within the evaluated period 2025 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    expect(v.source).toBe('Luật TĐKT 2022; NĐ 152/2025 Điều 4');
    expect(checkEligibility(f).outcome).toBe('ineligible');
  });

  it('treats a revoked decision as never having applied', () => {
    const f = facts({
      disciplines: [
        {
          disciplineId: 'd-1',
          form: 'warning',
          decision: { number: '12/QĐ-UBKT', date: '2025-05-03' },
          status: 'revoked',
          lapsedOn: null,
        },
      ],
    });
    const v = verdict(f, 'no-discipline-in-period');
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toBe(
      'Không bị kỷ luật từ khiển trách trở lên trong kỳ xét 2025. Quyết định đã bị hủy bỏ không tính: QĐ 12/QĐ-UBKT.',
    );
    expect(checkEligibility(f).outcome).toBe('eligible');
  });
});

describe('achievements count only after discipline ends', () => {
  const warning = (lapsedOn: string | null) => ({
    disciplineId: 'd-2',
    form: 'warning' as const,
    decision: { number: '3/QĐ-UBKT', date: '2024-06-10' },
    status: lapsedOn ? ('lapsed' as const) : ('in-force' as const),
    lapsedOn,
  });

  it('refuses a year the discipline reached into, and counts from its end', () => {
    const v = verdict(facts({ disciplines: [warning('2025-06-10')] }), 'achievements-after-discipline');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(
      'Không đủ điều kiện: bị cảnh cáo ngày 10/06/2024 (QĐ 3/QĐ-UBKT), hết hiệu lực ngày 10/06/2025: thành tích chỉ được tính từ ngày đó, sau khi kỳ xét 2025 đã bắt đầu (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    expect(achievementsCountFrom([warning('2025-06-10')])).toBe('2025-06-10');
  });

  it('passes a year that began after the discipline ended', () => {
    const v = verdict(facts({ disciplines: [warning('2024-12-31')] }), 'achievements-after-discipline');
    expect(v.outcome).toBe('pass');
    expect(v.reason.en).toBe('No discipline was in force during the evaluated period 2025.');
  });

  it('refuses while a decision taken after the period is still in force on the day of the check', () => {
    const later = { ...warning(null), decision: { number: '1/QĐ-UBKT', date: '2026-01-05' } };
    const v = verdict(facts({ disciplines: [later] }), 'achievements-after-discipline');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(
      'Không đủ điều kiện: bị cảnh cáo ngày 05/01/2026 (QĐ 1/QĐ-UBKT), đang trong thời gian chịu kỷ luật ngày 15/01/2026 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
  });
});

describe('frozen while a proceeding is open', () => {
  it('freezes a candidate under a pending denunciation, and releases them once it closes', () => {
    const open = facts({
      proceedings: [{ proceedingId: 'p-1', kind: 'denunciation', openedOn: '2026-01-05', closedOn: null }],
    });
    const frozen = verdict(open, 'not-under-proceeding');
    expect(frozen.outcome).toBe('frozen');
    expect(frozen.reason.vi).toBe(
      'Tạm dừng xét: đang bị tố cáo từ ngày 05/01/2026, chưa kết thúc ngày 15/01/2026 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    expect(frozen.reason.en).toBe(
      'Frozen: under a denunciation since 2026-01-05, not ended on 2026-01-15 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    expect(checkEligibility(open).outcome).toBe('frozen');

    const closed = facts({
      checkedOn: '2026-02-20',
      proceedings: [{ proceedingId: 'p-1', kind: 'denunciation', openedOn: '2026-01-05', closedOn: '2026-02-10' }],
    });
    const released = verdict(closed, 'not-under-proceeding');
    expect(released.outcome).toBe('pass');
    expect(released.reason.vi).toBe(
      'Không có cuộc kiểm tra, khiếu nại, tố cáo nào đang giải quyết ngày 20/02/2026. Đã kết thúc: tố cáo ngày 10/02/2026.',
    );
    expect(checkEligibility(closed).outcome).toBe('eligible');
  });
});

describe('absence of 40 working days or more', () => {
  it('does not count maternity leave', () => {
    const f = facts({ absence: { otherWorkingDays: 12, maternityWorkingDays: 120 } });
    const v = verdict(f, 'absence-working-days');
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toBe(
      'Nghỉ 12 ngày làm việc trong kỳ xét 2025 (không tính 120 ngày nghỉ thai sản), dưới 40 ngày.',
    );
    expect(v.source).toContain('Union guidance 2021');
    expect(v.certainty).toBe('unsure');
  });

  it('refuses 40 days or more of other absence, and counts maternity where the union setting says so', () => {
    const v = verdict(facts({ absence: { otherWorkingDays: 40, maternityWorkingDays: 0 } }), 'absence-working-days');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toMatch(/^Không đủ điều kiện: nghỉ 40 ngày làm việc trong kỳ xét 2025, từ 40 ngày trở lên/);
    const counting = { ...ABSENCE_SETTINGS[0]!, maternityExcepted: false };
    const w = verdict(
      facts({ absence: { otherWorkingDays: 12, maternityWorkingDays: 120 }, absenceSetting: counting }),
      'absence-working-days',
    );
    expect(w.outcome).toBe('fail');
    const off = { ...ABSENCE_SETTINGS[0]!, maxWorkingDays: null };
    expect(verdict(facts({ absence: null, absenceSetting: off }), 'absence-working-days').outcome).toBe(
      'not-applicable',
    );
    expect(verdict(facts({ absence: null }), 'absence-working-days').reason.vi).toBe(
      'Không đủ điều kiện: chưa kê khai số ngày nghỉ trong kỳ xét 2025.',
    );
  });
});

describe('consecutive-title chains', () => {
  const bangKhen = titleOn('bang-khen-ca-nhan', '2026-01-01')!;

  it('survive a transfer: two CSTĐCS in two CĐCS make a Bằng khen', () => {
    const f = facts({
      title: bangKhen,
      heldTitles: [
        held(2024, 'chien-si-thi-dua-co-so', 'cdcs-a', 'CĐCS Trường A'),
        held(2025, 'chien-si-thi-dua-co-so', 'cdcs-b', 'CĐCS Bệnh viện B'),
      ],
    });
    const v = verdict(f, 'consecutive-titles');
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toBe(
      'Đạt Chiến sĩ thi đua cơ sở 2 năm liên tục 2024–2025: 2024 (QĐ 24/QĐ-CĐ, tại CĐCS Trường A), 2025 (QĐ 25/QĐ-CĐ, tại CĐCS Bệnh viện B).',
    );
    expect(v.source).toBe(bangKhen.source);
  });

  it('break on a missing year, and on a year discipline voids', () => {
    const missing = verdict(
      facts({ title: bangKhen, heldTitles: [held(2025, 'chien-si-thi-dua-co-so', 'cdcs-b', 'CĐCS B')] }),
      'consecutive-titles',
    );
    expect(missing.outcome).toBe('fail');
    expect(missing.reason.vi).toBe(
      `Không đủ điều kiện: cần Chiến sĩ thi đua cơ sở 2 năm liên tục 2024–2025: thiếu năm 2024 (${bangKhen.source}).`,
    );
    const voided = verdict(
      facts({
        title: bangKhen,
        heldTitles: [
          held(2024, 'chien-si-thi-dua-co-so', 'cdcs-a', 'CĐCS A'),
          held(2025, 'chien-si-thi-dua-co-so', 'cdcs-a', 'CĐCS A'),
        ],
        disciplines: [
          {
            disciplineId: 'd',
            form: 'reprimand',
            decision: { number: '1/QĐ', date: '2023-09-01' },
            status: 'lapsed',
            lapsedOn: '2024-09-01',
          },
        ],
      }),
      'consecutive-titles',
    );
    expect(voided.reason.en).toBe(
      `Not eligible: needs Chiến sĩ thi đua cơ sở 2 consecutive years 2024–2025: 2024 not counted because of discipline (${bangKhen.source}).`,
    );
  });

  it('survive a merger: a collective continues the titles of the units merged into it', () => {
    const collective = titleOn('bang-khen-tap-the', '2026-01-01')!;
    const unit = (lineage: MergedUnit[]) => ({
      kind: 'unit' as const,
      unitId: 'cdcs-new',
      lineage,
      rating: 'excellent' as const,
    });
    const titles = [
      held(2024, 'tap-the-lao-dong-xuat-sac', 'cdcs-old', 'CĐCS cũ'),
      held(2025, 'tap-the-lao-dong-xuat-sac', 'cdcs-new', 'CĐCS mới'),
    ];
    const merged = verdict(
      facts({
        title: collective,
        candidate: unit([absorbed('cdcs-old', 'CĐCS cũ', '2025-07-01')]),
        heldTitles: titles,
        absence: null,
      }),
      'consecutive-titles',
    );
    expect(merged.outcome).toBe('pass');
    expect(merged.reason.vi).toBe(
      'Đạt Tập thể lao động xuất sắc 2 năm liên tục 2024–2025: 2024: Tập thể lao động xuất sắc của CĐCS cũ (sáp nhập vào đơn vị ngày 01/07/2025; QĐ 24/QĐ-CĐ), 2025 (QĐ 25/QĐ-CĐ, tại CĐCS mới).',
    );
    expect(merged.reason.en).toBe(
      'Held Tập thể lao động xuất sắc 2 consecutive years 2024–2025: 2024: Tập thể lao động xuất sắc of CĐCS cũ (merged into the unit on 2025-07-01; decision 24/QĐ-CĐ), 2025 (decision 25/QĐ-CĐ, at CĐCS mới).',
    );
    const unrelated = verdict(
      facts({ title: collective, candidate: unit([]), heldTitles: titles, absence: null }),
      'consecutive-titles',
    );
    expect(unrelated.outcome).toBe('fail');
    expect(unrelated.reason.vi).toBe(
      `Không đủ điều kiện: cần Tập thể lao động xuất sắc 2 năm liên tục 2024–2025: thiếu năm 2024 (${collective.source}).`,
    );
  });
});

describe('one achievement backs one award', () => {
  const initiative = {
    kind: 'initiative' as const,
    id: 'sk-1',
    title: 'Số hóa hồ sơ đoàn viên',
    recognisedOn: '2025-04-02',
  };
  const province = titleOn('chien-si-thi-dua-cap-tinh', '2026-01-01')!;
  const chain = [2023, 2024, 2025].map((y) => held(y, 'chien-si-thi-dua-co-so', 'cdcs-a', 'CĐCS A'));

  it('refuses an initiative already backing another award, naming it', () => {
    const f = facts({
      title: province,
      heldTitles: chain,
      achievements: [
        { ...initiative, usedBy: { nominationId: 'nom-0', decision: { number: '88/QĐ-LĐLĐ', date: '2025-12-01' } } },
      ],
    });
    const v = verdict(f, 'one-achievement-one-award');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(
      'Không đủ điều kiện: sáng kiến "Số hóa hồ sơ đoàn viên" đã dùng cho đề nghị khen thưởng nom-0 (QĐ 88/QĐ-LĐLĐ ngày 01/12/2025) (CV 5007/BNV).',
    );
    expect(v.source).toBe('CV 5007/BNV');
    // …and the title that needs an initiative finds none left.
    expect(verdict(f, 'initiative-required').outcome).toBe('fail');
    expect(checkEligibility(f).outcome).toBe('ineligible');
  });

  it('accepts the initiative for the nomination it backs', () => {
    const f = facts({
      title: province,
      heldTitles: chain,
      achievements: [{ ...initiative, usedBy: { nominationId: 'nom-1', decision: null } }],
    });
    expect(verdict(f, 'one-achievement-one-award').outcome).toBe('pass');
    const v = verdict(f, 'initiative-required');
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toBe('Có sáng kiến: "Số hóa hồ sơ đoàn viên" (công nhận ngày 02/04/2025).');
    expect(checkEligibility(f).outcome).toBe('eligible');
  });
});

describe('years of membership and the CĐCS rating', () => {
  it('counts whole years of membership for a title that needs them', () => {
    const medal = titleOn('ky-niem-chuong-cong-doan', '2026-01-01')!;
    const v = verdict(facts({ title: medal, heldTitles: [] }), 'membership-years');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(`Không đủ điều kiện: là đoàn viên 15 năm, cần từ 20 năm (${medal.source}).`);
  });

  it('asks a collective title for the rating category', () => {
    const ttldxs = titleOn('tap-the-lao-dong-xuat-sac', '2026-01-01')!;
    const v = verdict(
      facts({
        title: ttldxs,
        candidate: { kind: 'unit', unitId: 'cdcs-a', lineage: [], rating: 'good' },
        absence: null,
      }),
      'rating-category',
    );
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(
      `Không đủ điều kiện: xếp loại năm 2025 là "Hoàn thành tốt nhiệm vụ", cần "Hoàn thành xuất sắc nhiệm vụ" (${ttldxs.source}).`,
    );
  });
});

describe('consecutive titles through mergers (units merged into a collective)', () => {
  const collective = titleOn('bang-khen-tap-the', '2026-01-01')!;
  const TTLDXS = 'tap-the-lao-dong-xuat-sac';
  const threeYears = {
    ...collective,
    criteria: { ...collective.criteria, consecutive: { titleCode: TTLDXS, years: 3 } },
  };
  const candidate = (lineage: MergedUnit[]) => ({
    kind: 'unit' as const,
    unitId: 'cdcs-a',
    lineage,
    rating: 'excellent' as const,
  });

  it('follows as many mergers as happened: C into B (01/03/2024), then B into the candidate (01/07/2025)', () => {
    const lineage = [
      absorbed('cdcs-b', 'CĐCS B', '2025-07-01'),
      absorbed('cdcs-c', 'CĐCS C', '2024-03-01', { into: { unitId: 'cdcs-b', unitName: 'CĐCS B' } }),
    ];
    const titles = [
      held(2023, TTLDXS, 'cdcs-c', 'CĐCS C'),
      held(2024, TTLDXS, 'cdcs-b', 'CĐCS B'),
      held(2025, TTLDXS, 'cdcs-a', 'CĐCS A'),
    ];
    const v = verdict(
      facts({ title: threeYears, candidate: candidate(lineage), heldTitles: titles, absence: null }),
      'consecutive-titles',
    );
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toBe(
      'Đạt Tập thể lao động xuất sắc 3 năm liên tục 2023–2025: ' +
        '2023: Tập thể lao động xuất sắc của CĐCS C (sáp nhập vào CĐCS B ngày 01/03/2024; QĐ 23/QĐ-CĐ), ' +
        '2024: Tập thể lao động xuất sắc của CĐCS B (sáp nhập vào đơn vị ngày 01/07/2025; QĐ 24/QĐ-CĐ), ' +
        '2025 (QĐ 25/QĐ-CĐ, tại CĐCS A).',
    );
    // Without the earlier merger, C's year is missing.
    const direct = verdict(
      facts({ title: threeYears, candidate: candidate(lineage.slice(0, 1)), heldTitles: titles, absence: null }),
      'consecutive-titles',
    );
    expect(direct.reason.vi).toBe(
      `Không đủ điều kiện: cần Tập thể lao động xuất sắc 3 năm liên tục 2023–2025: thiếu năm 2023 (${collective.source}).`,
    );
  });

  it('counts a merged unit’s title only for a year begun before the merger day', () => {
    const titles = [held(2024, TTLDXS, 'cdcs-b', 'CĐCS B'), held(2025, TTLDXS, 'cdcs-a', 'CĐCS A')];
    const on = (mergedOn: string) =>
      verdict(
        facts({
          title: collective,
          candidate: candidate([absorbed('cdcs-b', 'CĐCS B', mergedOn)]),
          heldTitles: titles,
          absence: null,
        }),
        'consecutive-titles',
      );
    expect(on('2024-01-02').outcome).toBe('pass');
    const before = on('2024-01-01');
    expect(before.outcome).toBe('fail');
    expect(before.reason.en).toBe(
      `Not eligible: needs Tập thể lao động xuất sắc 2 consecutive years 2024–2025: missing 2024 (${collective.source}).`,
    );
  });

  it('does not count the years a merged unit’s own discipline reached into, and refuses nothing else for it', () => {
    const reprimand: DisciplineFact = {
      disciplineId: 'd-b',
      form: 'reprimand',
      decision: { number: '07/QĐ-UBKT', date: '2024-05-03' },
      status: 'lapsed',
      lapsedOn: '2025-05-03',
    };
    const titles = [held(2024, TTLDXS, 'cdcs-b', 'CĐCS B'), held(2025, TTLDXS, 'cdcs-a', 'CĐCS A')];
    const f = facts({
      title: collective,
      candidate: candidate([absorbed('cdcs-b', 'CĐCS B', '2025-07-01', { disciplines: [reprimand] })]),
      heldTitles: titles,
      absence: null,
    });
    const v = verdict(f, 'consecutive-titles');
    expect(v.outcome).toBe('fail');
    expect(v.reason.vi).toBe(
      `Không đủ điều kiện: cần Tập thể lao động xuất sắc 2 năm liên tục 2024–2025: năm 2024 không được tính vì kỷ luật của CĐCS B (sáp nhập vào đơn vị ngày 01/07/2025; Luật TĐKT 2022; NĐ 152/2025 Điều 4) (${collective.source}).`,
    );
    // The absorbed unit's discipline is not the candidate's: its own period rules pass.
    expect(verdict(f, 'no-discipline-in-period').outcome).toBe('pass');
    expect(verdict(f, 'achievements-after-discipline').outcome).toBe('pass');
    // Had B's reprimand lapsed before 2024, its 2024 title would count.
    const earlier = verdict(
      facts({
        ...f,
        candidate: candidate([
          absorbed('cdcs-b', 'CĐCS B', '2025-07-01', {
            disciplines: [
              { ...reprimand, decision: { number: '07/QĐ-UBKT', date: '2022-05-03' }, lapsedOn: '2023-05-03' },
            ],
          }),
        ]),
      }),
      'consecutive-titles',
    );
    expect(earlier.outcome).toBe('pass');
  });
});
