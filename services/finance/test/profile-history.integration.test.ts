import { type Month, UnitUpdated } from '@congdoan/contracts';
import { commit, queryAll, systemContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDCS_INDEX_PK } from '../src/adapters/reconciliation-keys.ts';
import { createDuesRange } from '../src/adapters/report-sources.ts';
import { recordRateResolution } from '../src/app/dues/rate-resolutions.ts';
import { getMonthSheet } from '../src/app/dues/reads.ts';
import { declareLevy } from '../src/app/levy/declarations.ts';
import { levyYear } from '../src/app/levy/year.ts';
import { fundingTypeIn } from '../src/domain/unit-profile.ts';
import { buildFinanceDeps } from '../src/handlers/deps.ts';
import { callerIn, makeUnit, termsTable, withFunding } from './dues/terms-support.ts';

let t: Awaited<ReturnType<typeof termsTable>>;
beforeAll(async () => {
  t = await termsTable();
});

const profile = async (id: string) => (await t.deps.profiles.get(id))!;
const indexed = async (index: 'gsi1' | 'gsi2', pk: string) =>
  (
    await queryAll(t.db, {
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': pk },
    })
  ).map((i) => i.unitId);

describe('a unit’s funding type history', () => {
  it('is appended when an event changes the type, dated by the Vietnam day of the unit’s updatedAt', async () => {
    const created = makeUnit({
      agency: { name: 'Liên hiệp các Hội KH&KT', taxId: '2400312468', fundingType: 'state-budget-full' },
    });
    await t.deliver(created);
    // Recorded at 01:30 on 20 August in Vietnam (18:30 UTC the day before).
    const changed = withFunding(created, 'self-funded', '2025-08-19T18:30:00.000Z');
    await t.deliver(changed);
    const p = await profile(created.id);
    expect(p.fundingType).toBe('self-funded');
    expect(p.fundingHistory).toEqual([
      { from: '2025-01-01', fundingType: 'state-budget-full' },
      { from: '2025-08-20', fundingType: 'self-funded' },
    ]);
    expect(fundingTypeIn(p, '2025-08')).toBe('state-budget-full');
    expect(fundingTypeIn(p, '2025-09')).toBe('self-funded');

    // A rename keeps the history; the stale first event is ignored.
    await t.deliver({
      ...changed,
      name: 'CĐCS Liên hiệp các Hội KH&KT (tên mới)',
      version: 3,
      updatedAt: '2025-09-02T03:00:00.000Z',
    });
    await t.deliver(created, UnitUpdated.detailType);
    const after = await profile(created.id);
    expect(after).toMatchObject({
      sourceVersion: 3,
      fundingType: 'self-funded',
      name: 'CĐCS Liên hiệp các Hội KH&KT (tên mới)',
    });
    expect(after.fundingHistory).toEqual(p.fundingHistory);

    // The index keys stay: the CĐCS is listed for the reconciliation and found by its tax ID.
    expect(await indexed('gsi2', CDCS_INDEX_PK)).toContain(created.id);
    expect(await indexed('gsi1', 'TAXID#2400312468')).toContain(created.id);

    // The agency removed: no tax ID any more (gone from the index), no type from that day.
    await t.deliver({ ...changed, agency: null, version: 4, updatedAt: '2025-11-03T03:00:00.000Z' });
    const cleared = await profile(created.id);
    expect(cleared.fundingHistory!.at(-1)).toEqual({ from: '2025-11-03', fundingType: null });
    expect(fundingTypeIn(cleared, '2025-11')).toBe('self-funded');
    expect(fundingTypeIn(cleared, '2025-12')).toBeNull();
    expect(await indexed('gsi1', 'TAXID#2400312468')).not.toContain(created.id);
    expect(await indexed('gsi2', CDCS_INDEX_PK)).toContain(created.id);
  });

  it('keeps the rate resolutions when a later unit event rewrites the profile', async () => {
    const u = makeUnit();
    await t.deliver(u);
    await recordRateResolution(t.deps, callerIn(u.id), u.id, {
      resolutionNumber: '05/NQ-CĐCS',
      resolutionDate: '2025-08-20',
      effectiveFrom: '2025-09',
      rateBp: 150,
    });
    await t.deliver(withFunding(u, 'non-state', '2025-12-01T03:00:00.000Z'));
    const p = await profile(u.id);
    expect(p.duesRateResolutions).toHaveLength(1);
    expect(p.fundingType).toBe('non-state');
  });

  it('many versions delivered at once and out of order: the newest wins and its type is the one in force last', async () => {
    const u = makeUnit();
    await t.deliver(u);
    const types = ['self-funded', 'state-budget-full', 'non-state', 'state-budget-partial', 'self-funded'] as const;
    let state = u;
    const versions = types.map((type, i) => {
      state = withFunding(state, type, `2025-0${i + 2}-10T03:00:00.000Z`);
      return state;
    });
    await Promise.all([...versions].reverse().map((v) => t.deliver(v)));
    const p = await profile(u.id);
    expect(p.sourceVersion).toBe(6);
    expect(p.fundingType).toBe('self-funded');
    expect(p.fundingHistory!.at(-1)).toEqual({ from: '2025-06-10', fundingType: 'self-funded' });
    const days = p.fundingHistory!.map((h) => h.from);
    expect([...days].sort()).toEqual(days);
  });

  /** An upper level and a CĐCS paid fully from the state budget; `declare` files a month's payroll as the upper level's accountant. */
  async function fullyFundedCdcs(taxId: string) {
    const upper = makeUnit({ level: 'upper', agency: null, name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
    const cdcs = makeUnit({
      parentId: upper.id,
      agency: { name: 'Sở Nội vụ', taxId, fundingType: 'state-budget-full' },
    });
    await t.deliver(upper);
    await t.deliver(cdcs);
    const levy = buildFinanceDeps(t.db, { policyCacheMs: 0 });
    const accountant = callerIn(upper.id, '2025-10-10T03:00:00.000Z', ['accountant']);
    const declare = (month: Month, payroll: number) =>
      declareLevy(levy, accountant, cdcs.id, month, { payroll, headcount: 10 }, undefined);
    return { cdcs, levy, declare };
  }

  it('past months keep their type: dues and levy of a month use the type in force on its first day', async () => {
    const { cdcs, levy, declare } = await fullyFundedCdcs('2400127805');
    await t.admit(cdcs.id, 'Hoàng Thị Lan', 5_200_000);
    // The agency becomes self-funded, recorded on 20 August 2025.
    await t.deliver(withFunding(cdcs, 'self-funded', '2025-08-20T03:00:00.000Z'));

    // Dues: 1% while paid fully from the state budget (July, August), 0.5% self-funded from September.
    const range = await createDuesRange(t.db, t.deps.loadPolicy)(cdcs.id, '2025-07', '2025-10');
    expect(range.map((m) => m.expected.total)).toEqual([52_000, 52_000, 26_000, 26_000]);
    const august = await getMonthSheet(t.deps, { unitId: null }, cdcs.id, '2025-08');
    expect(august.fundingType).toBe('state-budget-full');
    expect(august.members[0]!.expected.formula).toBe('1% × 5.200.000 = 52.000 (QĐ 1908/QĐ-TLĐ (2016))');

    // Levy: July is declared under the type in force then (not liable from 7/2025), September is liable.
    const july = await declare('2025-07', 100_000_000);
    expect(july.declaration?.fundingType).toBe('state-budget-full');
    expect(july.due).toMatchObject({ liable: false, amount: 0 });
    const september = await declare('2025-09', 100_000_000);
    expect(september.declaration?.fundingType).toBe('self-funded');
    expect(september.due).toMatchObject({ liable: true, amount: 2_000_000 });
    const year = await levyYear(levy, { unitId: null, now: new Date('2025-10-10T03:00:00.000Z') }, cdcs.id, 2025);
    const status = (m: string) => year.months.find((v) => v.month === (m as Month))!.status;
    // August was never declared, but was not liable either; October is liable and not declared yet.
    expect(['2025-07', '2025-08', '2025-09', '2025-10'].map(status)).toEqual([
      'not-liable',
      'not-liable',
      'due',
      'not-declared',
    ]);
  });

  it('a month declared before the type in force for it was known is corrected to it', async () => {
    const { cdcs, declare } = await fullyFundedCdcs('2400119459');
    const first = await declare('2025-10', 50_000_000);
    expect(first.due).toMatchObject({ liable: false });
    // Membership records at 01:00 on 1 October (Vietnam) that the agency is self-funded: it governs October.
    await t.deliver(withFunding(cdcs, 'self-funded', '2025-09-30T18:00:00.000Z'));
    const again = await declare('2025-10', 50_000_000);
    expect(again).toMatchObject({ version: 2, due: { liable: true, amount: 1_000_000 } });
    expect(again.corrections[0]).toMatchObject({ fundingType: 'state-budget-full', due: 0 });
  });
});

describe('the profile write', () => {
  it('writes nothing for an event that is not newer, even when it is delivered again and again', async () => {
    const u = makeUnit();
    await t.deliver(u);
    const before = await profile(u.id);
    for (let i = 0; i < 3; i++) await t.deliver(u);
    expect(await profile(u.id)).toEqual(before);
    // An unknown attribute on the item (written by another area) survives an event.
    await commit(
      t.db,
      {
        items: [
          {
            Update: {
              Key: { pk: `UNIT#${u.id}`, sk: 'PROFILE' },
              UpdateExpression: 'SET otherArea = :v',
              ExpressionAttributeValues: { ':v': 'kept' },
            },
          },
        ],
      },
      systemContext('test'),
    );
    await t.deliver(withFunding(u, 'non-state', '2025-12-01T03:00:00.000Z'));
    expect(await profile(u.id)).toMatchObject({ otherArea: 'kept', fundingType: 'non-state' });
  });
});
