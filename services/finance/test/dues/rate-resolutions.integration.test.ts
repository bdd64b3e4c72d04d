import { auditPk, queryAll } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDuesFigures, createDuesRange } from '../../src/adapters/report-sources.ts';
import { collectDues } from '../../src/app/dues/collections.ts';
import { listRateResolutions, recordRateResolution } from '../../src/app/dues/rate-resolutions.ts';
import { getArrears, getMemberDues, getMonthSheet } from '../../src/app/dues/reads.ts';
import { domainError as refusal } from '../support/errors.ts';
import { callerIn, makeUnit, termsTable } from './terms-support.ts';

let t: Awaited<ReturnType<typeof termsTable>>;
beforeAll(async () => {
  t = await termsTable();
});

const QD_61 = 'QĐ 61/QĐ-TLĐ (29/7/2025)';
const N05 = {
  resolutionNumber: '05/NQ-CĐCS',
  resolutionDate: '2025-08-20',
  effectiveFrom: '2025-09',
  rateBp: 150,
  note: 'Đại hội CĐCS nhiệm kỳ 2025–2030',
};

/** An upper level and a partly self-funded CĐCS (0.5% from 7/2025) with two members. */
async function scenario() {
  const upper = makeUnit({ level: 'upper', agency: null, name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
  const cdcs = makeUnit({ parentId: upper.id });
  await t.deliver(upper);
  await t.deliver(cdcs);
  const lan = await t.admit(cdcs.id, 'Hoàng Thị Lan', 5_200_000);
  const ha = await t.admit(cdcs.id, 'Nguyễn Thị Thu Hà', 8_100_000);
  return { upper, cdcs, lan, ha };
}

describe('a CĐCS’s own dues rate by resolution', () => {
  it('applies to the months it covers in every dues reader, its formula naming the resolution', async () => {
    const { cdcs, lan, ha } = await scenario();
    const officer = callerIn(cdcs.id);
    const recorded = await recordRateResolution(t.deps, officer, cdcs.id, N05);
    expect(recorded).toMatchObject({ ...N05, recordedBy: 'officer-1', recordedAt: '2025-10-10T03:00:00.000Z' });
    await recordRateResolution(t.deps, officer, cdcs.id, {
      resolutionNumber: '11/NQ-CĐCS',
      resolutionDate: '2025-10-01',
      effectiveFrom: '2026-01',
      rateBp: null,
    });
    const list = await listRateResolutions(t.deps, { unitId: cdcs.id }, cdcs.id);
    expect(list.items.map((r) => [r.resolutionNumber, r.effectiveFrom, r.effectiveUntil, r.rateBp])).toEqual([
      ['05/NQ-CĐCS', '2025-09', '2025-12', 150],
      ['11/NQ-CĐCS', '2026-01', null, null],
    ]);

    // The month sheet: 0.5% in August, 1.5% by resolution from September to December, 0.5% again in January.
    const august = await getMonthSheet(t.deps, { unitId: null }, cdcs.id, '2025-08');
    expect(august.totals.expected).toBe(26_000 + 40_500);
    const september = await getMonthSheet(t.deps, { unitId: null }, cdcs.id, '2025-09');
    expect(september.totals.expected).toBe(78_000 + 121_500);
    const lanSeptember = september.members.find((m) => m.memberId === lan)!.expected;
    expect(lanSeptember.formula).toBe(`1,5% × 5.200.000 = 78.000 (Nghị quyết 05/NQ-CĐCS, ${QD_61})`);
    expect(lanSeptember.rules.map((r) => r.source)).toContain('Nghị quyết 05/NQ-CĐCS (20/8/2025)');
    expect((await getMonthSheet(t.deps, { unitId: null }, cdcs.id, '2026-01')).totals.expected).toBe(66_500);

    // Arrears and the member's statement over August–January.
    const arrears = await getArrears(t.deps, { unitId: null }, cdcs.id, '2025-08', '2026-01');
    const byId = new Map(arrears.members.map((m) => [m.memberId, m]));
    expect(byId.get(lan)!.expected).toBe(26_000 + 4 * 78_000 + 26_000);
    expect(byId.get(ha)!.expected).toBe(40_500 + 4 * 121_500 + 40_500);
    const statement = await getMemberDues(t.deps, { unitId: null }, lan, '2025-08', '2026-01');
    expect(statement.months.map((m) => m.expected?.amount)).toEqual([26_000, 78_000, 78_000, 78_000, 78_000, 26_000]);

    // A batch collects what is owed under the resolution.
    const batch = await collectDues(
      t.deps,
      callerIn(cdcs.id, '2025-10-10T03:00:00.000Z', ['accountant']),
      cdcs.id,
      '2025-09',
      {
        batch: true,
        date: '2025-10-05',
        method: 'bank',
      },
    );
    expect(batch.amount).toBe(199_500);
    expect(batch.lines).toEqual(
      expect.arrayContaining([
        { memberId: lan, amount: 78_000 },
        { memberId: ha, amount: 121_500 },
      ]),
    );

    // The reconciliation's reader and the dashboard's range reader.
    const figures = await createDuesFigures(t.db, t.deps.loadPolicy)(cdcs.id, '2025-09');
    expect(figures.expected.total).toBe(199_500);
    expect(figures.collected).toBe(199_500);
    expect(figures.expected.members.find((m) => m.memberId === lan)!.formula).toContain('Nghị quyết 05/NQ-CĐCS');
    const range = await createDuesRange(t.db, t.deps.loadPolicy)(cdcs.id, '2025-08', '2026-01');
    expect(range.map((m) => m.expected.total)).toEqual([66_500, 199_500, 199_500, 199_500, 199_500, 66_500]);

    // Each resolution is audited.
    const audit = await queryAll(t.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': auditPk('dues-rate-resolution', `${cdcs.id}:2025-09`) },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'record', before: null, after: { rateBp: 150 } });
  });

  it('refuses what the rules forbid, naming the rule, and writes nothing', async () => {
    const { upper, cdcs } = await scenario();
    const other = makeUnit({ parentId: upper.id, name: 'CĐCS Sở Nội vụ' });
    await t.deliver(other);
    const officer = callerIn(cdcs.id);
    await recordRateResolution(t.deps, officer, cdcs.id, N05);

    await recordRateResolution(t.deps, officer, cdcs.id, {
      ...N05,
      resolutionNumber: '01/NQ',
      effectiveFrom: '2025-10',
    });

    const early = await refusal(
      recordRateResolution(t.deps, callerIn(other.id), other.id, { ...N05, effectiveFrom: '2025-06' }),
    );
    expect(early).toMatchObject({ kind: 'unprocessable', code: 'unit-dues-rate-not-allowed' });
    expect(early.detail.vi).toContain('dues-unit-rate-allowed@2017-01-01#all');
    expect(early.detail.en).toContain('2025-07');

    const low = await refusal(recordRateResolution(t.deps, callerIn(other.id), other.id, { ...N05, rateBp: 50 }));
    expect(low).toMatchObject({ kind: 'unprocessable', code: 'unit-dues-rate-not-higher' });
    expect(low.detail.en).toContain('dues-rate@2025-07-01#state-budget-partial+self-funded+non-state');

    expect(
      await refusal(recordRateResolution(t.deps, officer, cdcs.id, { ...N05, effectiveFrom: '2025-10' })),
    ).toMatchObject({
      kind: 'conflict',
      code: 'dues-rate-resolution-not-after-latest',
    });
    expect(await refusal(recordRateResolution(t.deps, callerIn(upper.id), upper.id, N05))).toMatchObject({
      code: 'dues-rate-resolution-not-grassroots',
    });
    expect(
      await refusal(recordRateResolution(t.deps, callerIn(other.id), cdcs.id, { ...N05, effectiveFrom: '2026-02' })),
    ).toMatchObject({
      kind: 'not-found',
    });
    expect(
      await refusal(
        recordRateResolution(t.deps, officer, cdcs.id, {
          ...N05,
          effectiveFrom: '2026-02',
          resolutionDate: '2025-10-11',
        }),
      ),
    ).toMatchObject({ code: 'resolution-date-in-future' });

    const list = await listRateResolutions(t.deps, { unitId: null }, cdcs.id);
    expect(list.items.map((r) => [r.resolutionNumber, r.effectiveFrom])).toEqual([
      ['05/NQ-CĐCS', '2025-09'],
      ['01/NQ', '2025-10'],
    ]);
    expect((await listRateResolutions(t.deps, { unitId: null }, other.id)).items).toEqual([]);
  });

  it('concurrent resolutions of one unit stay append-only: each either lands after the latest or is refused', async () => {
    const { cdcs } = await scenario();
    const months = ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];
    const outcomes = await Promise.allSettled(
      months.map((effectiveFrom, i) =>
        recordRateResolution(t.deps, callerIn(cdcs.id), cdcs.id, {
          resolutionNumber: `${i + 1}/NQ-CĐCS`,
          resolutionDate: '2025-08-01',
          effectiveFrom,
          rateBp: 100 + i * 10,
        }),
      ),
    );
    const landed = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'dues-rate-resolution-not-after-latest' });
    const stored = (await listRateResolutions(t.deps, { unitId: null }, cdcs.id)).items.map((r) => r.effectiveFrom);
    expect(stored).toHaveLength(landed.length);
    expect(landed.length).toBeGreaterThanOrEqual(1);
    console.info(
      `6 concurrent resolutions of one unit: ${landed.length} landed (${stored.join(', ')}), ${refused.length} refused`,
    );
    expect([...stored].sort()).toEqual(stored);
    expect(new Set(stored).size).toBe(stored.length);

    // Two at once for the same month: exactly one lands.
    const same = await Promise.allSettled(
      ['A', 'B'].map((n) =>
        recordRateResolution(t.deps, callerIn(cdcs.id), cdcs.id, {
          resolutionNumber: `${n}/NQ-CĐCS`,
          resolutionDate: '2025-08-01',
          effectiveFrom: '2026-06',
          rateBp: 300,
        }),
      ),
    );
    expect(same.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });
});
