import type { DirectoryMember, UnitStatistics } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { memberHonours, unitHonours, unitStatistics, unitStatisticsExport } from '../../src/app/honours.ts';
import { acceptInitiative, evaluateInitiative, submitInitiative } from '../../src/app/initiatives.ts';
import { confirmDeeds, launchMovement, register } from '../../src/app/movements.ts';
import {
  decideNomination,
  proposeNomination,
  receiveNomination,
  recordAward,
  recordBaseSalary,
  voteOnNomination,
} from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { as, at, BASE_SALARY_2024, depsOn, member, outcome } from './world.ts';

/**
 * Honour rolls and statistics on DynamoDB Local: awards recorded and decided, an initiative
 * accepted and deeds registered and confirmed through the use cases, then read back from the
 * rolls and from the counters those same transactions kept.
 *
 *   province ─ upper ─ cdcs-a ─ section-a
 *                    └ cdcs-b
 */
const moved: DirectoryMember = {
  ...member('m-moved', 'cdcs-b', '2010-01-01'),
  history: [
    { from: '2010-01-01', to: '2025-03-01', unitId: 'cdcs-a', status: 'active' },
    { from: '2025-03-01', to: null, unitId: 'cdcs-b', status: 'active' },
  ],
};
const CROWD = Array.from({ length: 10 }, (_, i) => member(`m-crowd-${i}`, 'cdcs-b'));
const MEMBERS = [moved, member('m-a', 'cdcs-a'), member('m-sec', 'section-a'), ...CROWD];
let db: Db;
let deps: EmulationDeps;
const TODAY = '2026-03-10';

const award = (
  titleCode: string,
  year: number,
  recipient: { kind: 'member'; memberId: string } | { kind: 'unit'; unitId: string },
) => ({
  titleCode,
  year,
  recipient,
  decision: { number: `${year - 2000}/QĐ-CĐ`, date: `${year}-12-20` },
});
const figure = (s: UnitStatistics, code: string) => s.figures.find((f) => f.code === code)?.value;

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
  await recordBaseSalary(deps, 'base-salary-2024', BASE_SALARY_2024, at(`${TODAY}T03:00:00Z`));
  // A career across a transfer: CSTĐCS 2024 in cdcs-a, then 2025 in cdcs-b.
  await recordAward(deps, as('upper'), award('chien-si-thi-dua-co-so', 2024, { kind: 'member', memberId: 'm-moved' }));
  await recordAward(deps, as('upper'), award('chien-si-thi-dua-co-so', 2025, { kind: 'member', memberId: 'm-moved' }));
  await recordAward(deps, as('upper'), award('tap-the-lao-dong-tien-tien', 2025, { kind: 'unit', unitId: 'cdcs-a' }));
  await recordAward(deps, as('upper'), award('lao-dong-tien-tien', 2025, { kind: 'member', memberId: 'm-sec' }));
});

describe('a member’s honour roll', () => {
  it('holds every award over the career, each in the unit of its decision date', async () => {
    const roll = await memberHonours(deps, { unitId: 'upper' }, 'm-moved');
    expect(roll).toMatchObject({ memberId: 'm-moved', fullName: 'Trần Văn m-moved', scope: 'all' });
    expect(roll.items.map((h) => [h.year, h.titleCode, h.unitId])).toEqual([
      [2024, 'chien-si-thi-dua-co-so', 'cdcs-a'],
      [2025, 'chien-si-thi-dua-co-so', 'cdcs-b'],
    ]);
    expect(roll.items[0]!.title).toEqual({
      name: { vi: 'Chiến sĩ thi đua cơ sở', en: expect.any(String) },
      kind: 'title',
      level: 'grassroots',
      subject: 'individual',
    });
    // The new unit sees the whole career, the one before it too.
    expect((await memberHonours(deps, { unitId: 'cdcs-b' }, 'm-moved')).items).toHaveLength(2);
  });

  it('shows a former unit only the awards given there; anyone else gets the 404 of a missing member', async () => {
    const former = await memberHonours(deps, { unitId: 'cdcs-a' }, 'm-moved');
    expect(former.scope).toBe('units-in-scope');
    expect(former.items.map((h) => [h.year, h.unitId])).toEqual([[2024, 'cdcs-a']]);
    const stranger = await outcome(memberHonours(deps, { unitId: 'section-a' }, 'm-moved'));
    expect(stranger).toBe('not-found:not-found');
    expect(await outcome(memberHonours(deps, { unitId: 'section-a' }, 'nobody'))).toBe(stranger);
    // A member of another subtree with no award there: not found, like anyone unknown.
    expect(await outcome(memberHonours(deps, { unitId: 'cdcs-a' }, 'm-crowd-0'))).toBe(stranger);
  });
});

describe('a unit’s honour roll', () => {
  it('holds its collective awards and its members’ awards while in it, by year, a page at a time', async () => {
    const all = await unitHonours(deps, { unitId: 'upper' }, 'cdcs-a', { limit: 50 });
    expect(all.items.map((h) => [h.year, h.titleCode, h.recipientName])).toEqual([
      [2024, 'chien-si-thi-dua-co-so', 'Trần Văn m-moved'],
      [2025, 'tap-the-lao-dong-tien-tien', 'Đơn vị cdcs-a'],
    ]);
    // The member moved on: their 2025 award is cdcs-b's.
    const b = await unitHonours(deps, { unitId: 'cdcs-b' }, 'cdcs-b', { year: 2025, limit: 50 });
    expect(b.items.map((h) => [h.year, h.recipient])).toEqual([[2025, { kind: 'member', memberId: 'm-moved' }]]);
    expect((await unitHonours(deps, { unitId: null }, 'cdcs-a', { year: 2024, limit: 50 })).items).toHaveLength(1);

    const first = await unitHonours(deps, { unitId: null }, 'cdcs-a', { limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await unitHonours(deps, { unitId: null }, 'cdcs-a', { limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((h) => h.year)).toEqual([2025]);
  });

  it('is the 404 of a missing unit outside the caller’s subtree', async () => {
    expect(await outcome(unitHonours(deps, { unitId: 'cdcs-b' }, 'cdcs-a', { limit: 50 }))).toBe('not-found:not-found');
  });
});

describe('statistics', () => {
  beforeAll(async () => {
    // A decision through the council, with its prize: 0.3 × 2,340,000 = 702,000, paid 710,000.
    const nomination = await proposeNomination(deps, as('cdcs-a'), {
      proposingUnitId: 'cdcs-a',
      titleCode: 'lao-dong-tien-tien',
      year: 2025,
      candidate: { kind: 'member', memberId: 'm-a' },
      absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
      achievements: 'Hoàn thành tốt nhiệm vụ năm 2025',
    });
    await receiveNomination(deps, as('upper'), nomination.id, { decidingUnitId: 'upper', on: TODAY });
    await voteOnNomination(deps, as('upper'), nomination.id, { members: 9, present: 9, yes: 9, on: TODAY });
    const decided = await decideNomination(deps, as('upper'), nomination.id, {
      decidingUnitId: 'upper',
      decision: { number: '15/QĐ-CĐVC', date: TODAY },
    });
    expect(decided.decision?.prize?.amount).toBe(710_000);
    // An initiative accepted in 2025, with its benefit in đồng; one only evaluated does not count.
    for (const accept of [true, false]) {
      const i = await submitInitiative(deps, as('cdcs-a'), {
        unitId: 'cdcs-a',
        title: accept ? 'Số hóa hồ sơ đoàn viên' : 'Sổ tay điện tử',
        authors: [{ memberId: 'm-a', sharePercent: 100 }],
        field: 'Chuyển đổi số',
        description: 'Quét và tra cứu hồ sơ đoàn viên trên máy',
        appliedOn: '2025-03-01',
        benefit: { kind: 'value', dong: 45_000_000 },
      });
      await evaluateInitiative(deps, as('cdcs-a'), i.id, {
        scores: { newness: 80, feasibility: 75, effectiveness: 70 },
        on: '2025-06-01',
      });
      if (accept)
        await acceptInitiative(deps, as('cdcs-a'), i.id, {
          scope: 'unit',
          recognition: { number: '5/QĐ-CĐCS', date: '2025-06-10' },
        });
    }
    // Deeds in 2026 (registered today), one registration confirmed.
    const movement = await launchMovement(deps, as('upper'), {
      unitId: 'upper',
      kind: 'campaign',
      theme: 'Việc làm theo Bác',
      period: { from: '2026-01-01', to: '2026-12-31' },
      registrationDeadline: '2026-06-30',
      criteria: ['Đăng ký việc làm theo Bác'],
    });
    const deeds = (memberId: string, count: number) =>
      register(deps, as('upper'), movement.id, {
        kind: 'deeds',
        registrant: { kind: 'member', memberId },
        count,
        description: 'Tiết kiệm điện, giấy trong cơ quan',
      });
    const reg = await deeds('m-sec', 12);
    await deeds('m-moved', 5);
    await confirmDeeds(deps, as('upper'), reg.id, { on: TODAY, count: 10 });
  });

  it('counts awards, initiatives and prizes of the year in the unit and every unit above it, each figure with its rule', async () => {
    const s = await unitStatistics(deps, { unitId: 'upper' }, 'upper', 2025);
    expect(s).toMatchObject({ unitId: 'upper', unitName: 'Đơn vị upper', from: 2025, to: 2025 });
    expect(figure(s, 'collective-awards')).toBe(1);
    expect(figure(s, 'individual-awards')).toBe(3); // m-moved in cdcs-b, m-sec, m-a decided
    expect(figure(s, 'accepted-initiatives')).toBe(1);
    expect(figure(s, 'initiative-benefit')).toBe(45_000_000);
    expect(figure(s, 'prizes')).toBe(710_000);
    expect(figure(s, 'deeds-registered')).toBe(0); // registered in 2026
    for (const f of s.figures) {
      expect(f.rule.vi.length).toBeGreaterThan(20);
      expect(f.rule.en.length).toBeGreaterThan(20);
    }
    expect(s.awards.byLevel.rows.find((r) => r.key === 'grassroots')?.count).toBe(4);
    expect(s.awards.bySubject.rows).toEqual([
      { key: 'individual', label: { vi: 'Cá nhân', en: 'Individual' }, count: 3 },
      { key: 'collective', label: { vi: 'Tập thể', en: 'Collective' }, count: 1 },
    ]);
    expect(s.awards.byKind.rows.find((r) => r.key === 'title')?.count).toBe(4);
    expect(s.awards.byTitle.rows.map((r) => [r.titleCode, r.count])).toEqual([
      ['tap-the-lao-dong-tien-tien', 1],
      ['chien-si-thi-dua-co-so', 1],
      ['lao-dong-tien-tien', 2],
    ]);
    expect(s.initiatives.byScope.rows.map((r) => [r.key, r.count])).toEqual([
      ['unit', 1],
      ['province', 0],
      ['national', 0],
    ]);
    expect(s.byUnit.rows.map((r) => [r.unitId, r.collectiveAwards, r.individualAwards, r.acceptedInitiatives])).toEqual(
      [
        ['cdcs-a', 1, 2, 1],
        ['cdcs-b', 0, 1, 0],
      ],
    );
    // Below: section-a counts only its member; the 2024 award is in its own year.
    const section = await unitStatistics(deps, { unitId: 'cdcs-a' }, 'section-a', 2025);
    expect([figure(section, 'individual-awards'), figure(section, 'collective-awards')]).toEqual([1, 0]);
    expect(figure(await unitStatistics(deps, { unitId: null }, 'cdcs-a', 2024), 'individual-awards')).toBe(1);
  });

  it('sums a period of years, registrations and deeds included', async () => {
    const s = await unitStatistics(deps, { unitId: null }, 'province', 2026, 2024);
    expect([figure(s, 'individual-awards'), figure(s, 'collective-awards')]).toEqual([4, 1]);
    expect([figure(s, 'deed-registrations'), figure(s, 'deeds-registered'), figure(s, 'deeds-done')]).toEqual([
      2, 17, 10,
    ]);
    expect(s.figures[0]!.rule.vi).toContain('các năm 2024–2026');
    expect(s.byUnit.rows.map((r) => [r.unitId, r.deedsRegistered, r.deedsDone])).toEqual([['upper', 17, 10]]);
    expect(await outcome(unitStatistics(deps, { unitId: null }, 'upper', 2024, 2025))).toBe(
      'unprocessable:statistics-period-invalid',
    );
    expect(await outcome(unitStatistics(deps, { unitId: 'cdcs-b' }, 'cdcs-a', 2025))).toBe('not-found:not-found');
  });

  it('keeps every count when ten awards race on the same counters, and reads the same whatever their number', async () => {
    const reads: string[] = [];
    const tally =
      <A extends unknown[], R>(name: string, f: (...a: A) => R) =>
      (...a: A): R => {
        reads.push(name);
        return f(...a);
      };
    const counted: EmulationDeps = {
      ...deps,
      stats: { of: tally('stats', deps.stats.of) },
      registrations: { ...deps.registrations, totals: tally('totals', deps.registrations.totals) },
      awards: { ...deps.awards, ofRecipient: tally('awards', deps.awards.ofRecipient) },
      honourRolls: { ofUnit: tally('roll', deps.honourRolls.ofUnit) },
    };
    await unitStatistics(counted, { unitId: null }, 'upper', 2025);
    const before = [...reads];
    reads.length = 0;

    await Promise.all(
      CROWD.map((m) =>
        recordAward(deps, as('upper'), award('lao-dong-tien-tien', 2025, { kind: 'member', memberId: m.id })),
      ),
    );
    const s = await unitStatistics(counted, { unitId: null }, 'upper', 2025);
    expect(figure(s, 'individual-awards')).toBe(13);
    expect(s.byUnit.rows.find((r) => r.unitId === 'cdcs-b')?.individualAwards).toBe(11);
    expect(figure(await unitStatistics(deps, { unitId: null }, 'province', 2025), 'individual-awards')).toBe(13);
    // One counters Query and one totals Query for the unit and for each unit below it; never an award.
    expect(reads).toEqual(before);
    expect(reads.filter((r) => r === 'stats')).toHaveLength(3);
    expect(reads.filter((r) => r === 'awards' || r === 'roll')).toHaveLength(0);
  });

  it('counts each of ten decisions made at once, with their prizes', async () => {
    const nominations = [];
    for (const m of CROWD) {
      const n = await proposeNomination(deps, as('cdcs-b'), {
        proposingUnitId: 'cdcs-b',
        titleCode: 'lao-dong-tien-tien',
        year: 2026,
        candidate: { kind: 'member', memberId: m.id },
        absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
        achievements: 'Hoàn thành tốt nhiệm vụ',
      });
      await receiveNomination(deps, as('upper'), n.id, { decidingUnitId: 'upper', on: TODAY });
      await voteOnNomination(deps, as('upper'), n.id, { members: 5, present: 5, yes: 5, on: TODAY });
      nominations.push(n);
    }
    const decided = await Promise.all(
      nominations.map((n, i) =>
        outcome(
          decideNomination(deps, as('upper'), n.id, {
            decidingUnitId: 'upper',
            decision: { number: `${40 + i}/QĐ-CĐVC`, date: TODAY },
          }),
        ),
      ),
    );
    expect(decided).toEqual(CROWD.map(() => 'ok'));
    const s = await unitStatistics(deps, { unitId: null }, 'province', 2026);
    expect(figure(s, 'individual-awards')).toBe(10);
    expect(figure(s, 'prizes')).toBe(10 * 710_000);
  });

  it('exports the same figures as an .xlsx with a sheet of rules', async () => {
    const file = await unitStatisticsExport(deps, { unitId: 'upper' }, 'upper', 2025);
    expect(file.filename).toBe('thong-ke-thi-dua-khen-thuong-upper-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thống kê 2025', 'Cách tính']);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell(2, 1).value).toBe('BÁO CÁO THỐNG KÊ THI ĐUA, KHEN THƯỞNG NĂM 2025');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toContainEqual(['Tập thể được khen thưởng', 1]);
    expect(rows).toContainEqual(['Sáng kiến được công nhận', 1]);
    expect(rows).toContainEqual(['Tiền thưởng theo quyết định (đồng)', 710_000]);
    const rules = wb.worksheets[1]!;
    expect(String(rules.getCell(2, 3).value)).toContain('theo năm được xét khen');
  });
});
