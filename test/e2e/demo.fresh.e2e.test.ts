import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

/**
 * The demo `npm start` seeds. Finance's (services/finance/demo/seed.ts): seed
 * 001's CĐCS with June 2025's dues, its levy matched from the upper level's bank
 * statement, and a reconciliation that finds exactly the planted shortfall. Inspection's
 * (services/inspection/demo/seed.ts): the 40-agency supervision plan, a finance inspection
 * opened with that shortfall, and a reprimand resting on it. Welfare's (services/welfare/demo/seed.ts):
 * CDVC-BG's "Mái ấm Công đoàn" fund with seed 001's gift of 420,000.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let lhh: string;
let upper: string;

const countEvents = (detailType: string) =>
  platform.bus.history().filter((r) => r.event['detail-type'] === detailType).length;

beforeAll(async () => {
  platform = await startTestPlatform({ seed: true });
  admin = client(platform, await tokenFor(platform, ['admin']), { 'accept-language': 'en' });
  const roots = (await admin.get('/v1/membership/units')).body.items;
  const all = (await admin.get(`/v1/membership/units/${roots[0].id}/subtree?limit=200`)).body.items as {
    id: string;
    code: string;
  }[];
  lhh = all.find((u) => u.code === 'CDCS-LHHKHKT-BG')!.id;
  upper = all.find((u) => u.code === 'CDVC-BG')!.id;
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('the finance demo data', () => {
  it('has a month of dues: 446,000 đồng from 7 members at 1% in June 2025, 133,800 of it the upper share', async () => {
    const sheet = await admin.get(`/v1/finance/units/${lhh}/dues/2025-06`);
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    expect(sheet.body.members).toHaveLength(7);
    expect(sheet.body).toMatchObject({ remitted: 120_300 });
    expect(JSON.stringify(sheet.body)).toContain('QĐ 1908');
    const ledger = await admin.get(`/v1/finance/units/${lhh}/ledger/balances`);
    expect(ledger.status).toBe(200);
    expect(JSON.stringify(ledger.body)).toContain('5111');
  });

  it('matched the levy payment from the bank statement by tax ID and memo; the other credits wait for review', async () => {
    const matched = await admin.get(`/v1/finance/units/${upper}/bank-lines?status=matched`);
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    expect(matched.body.items).toHaveLength(1);
    expect(matched.body.items[0]).toMatchObject({ credit: 892_000 });
    const review = await admin.get(`/v1/finance/units/${upper}/bank-lines?status=review`);
    expect(review.body.items).toHaveLength(2);
    const levy = await admin.get(`/v1/finance/units/${lhh}/levy/2025-06`);
    expect(levy.status, JSON.stringify(levy.body)).toBe(200);
    expect(JSON.stringify(levy.body)).toContain('892000');
  });

  it('reconciles June 2025 to exactly the planted discrepancy, and a re-run changes nothing', async () => {
    const report = await admin.get(`/v1/finance/units/${lhh}/reconciliations/2025-06`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.discrepancies).toHaveLength(1);
    expect(report.body.discrepancies[0]).toMatchObject({
      kind: 'dues-remittance',
      expected: { amount: 133_800 },
      actual: 120_300,
      difference: -13_500,
    });
    expect(JSON.stringify(report.body.discrepancies[0].expected.rules)).toContain('8108');

    const found = countEvents('DiscrepancyFound');
    const completed = countEvents('ReconciliationCompleted');
    expect(found).toBe(1);
    const again = await admin.post('/v1/finance/reconciliations', { month: '2025-06', unitIds: [lhh] });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    await platform.drain();
    const rerun = await admin.get(`/v1/finance/units/${lhh}/reconciliations/2025-06`);
    expect(rerun.body.discrepancies).toEqual(report.body.discrepancies);
    expect(countEvents('DiscrepancyFound')).toBe(found);
    expect(countEvents('ReconciliationCompleted')).toBe(completed);
  });

  it('publishes a 2025 disclosure whose money reconciles: the 981,200 surplus and the 13,500 still owed up make 994,700', async () => {
    const d = await admin.get(`/v1/finance/units/${lhh}/disclosure/2025`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.surplus.actual).toBe(981_200);
    expect(d.body.balances.closing).toEqual({ cash: 325_700, bank: 669_000, total: 994_700 });
    const owedUp = d.body.position.closing.payables.lines.find((l: { account: string }) => l.account === '3361');
    expect(owedUp).toMatchObject({
      account: '3361',
      nameEn: 'Payable to the upper level – dues share',
      amount: 13_500,
    });
    expect(d.body.moneyReconciliation).toEqual({
      openingMoney: 0,
      surplus: 981_200,
      payablesChange: 13_500,
      receivablesChange: 0,
      fundBalanceChange: 0,
      closingMoney: 994_700,
      difference: 0,
    });
    // The upper level's books reconcile too: the levy share it allocated back was owed down (3362), then paid.
    const up = await admin.get(`/v1/finance/units/${upper}/disclosure/2025`);
    expect(up.body.moneyReconciliation).toMatchObject({ closingMoney: up.body.balances.closing.total, difference: 0 });

    // The dashboard of June shows the money at the end of June: the dues in the till, nothing in the bank yet.
    const june = await admin.get(`/v1/finance/units/${lhh}/dashboard?month=2025-06`);
    expect(june.status, JSON.stringify(june.body)).toBe(200);
    expect(june.body.balances).toEqual({ cash: 446_000, bank: 0, total: 446_000 });
    const july = await admin.get(`/v1/finance/units/${lhh}/dashboard?month=2025-07`);
    expect(july.body.balances).toEqual({ cash: 325_700, bank: 669_000, total: 994_700 });
  });

  it('reconciles a chosen month of every CĐCS through /_local/schedules/{name}/run, as the monthly schedule does', async () => {
    const run = (body: unknown) =>
      fetch(`${platform.url}/_local/schedules/finance-monthly-reconciliation/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify(body),
      });
    const bad = await run({ month: '2025-06' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('validation-failed');

    const ran = await run({ input: { month: '2025-05' } });
    expect(ran.status, await ran.clone().text()).toBe(200);
    await platform.drain();
    const roots = (await admin.get('/v1/membership/units')).body.items;
    const cdcs = (
      (await admin.get(`/v1/membership/units/${roots[0].id}/subtree?limit=200`)).body.items as {
        id: string;
        level: string;
      }[]
    ).filter((u) => u.level === 'grassroots');
    expect(cdcs.length).toBe(5);
    for (const unit of cdcs) {
      const report = await admin.get(`/v1/finance/units/${unit.id}/reconciliations/2025-05`);
      expect(report.status, `${unit.id}: ${JSON.stringify(report.body)}`).toBe(200);
      expect(report.body.month).toBe('2025-05');
    }
  });
});

describe('the inspection demo data', () => {
  it('has the 2025 supervision plan of CDVC-BG: 40 agencies, 12 done', async () => {
    const plans = await admin.get(`/v1/inspection/units/${upper}/plans?year=2025`);
    expect(plans.status, JSON.stringify(plans.body)).toBe(200);
    expect(plans.body.items).toHaveLength(1);
    expect(plans.body.items[0]).toMatchObject({ status: 'approved', progress: { planned: 40, done: 12 } });
  });

  it('opened a finance inspection of seed 001’s CĐCS with June 2025’s shortfall from finance’s events, and a reprimand on it', async () => {
    const discipline = await admin.get(`/v1/inspection/units/${lhh}/discipline`);
    expect(discipline.status, JSON.stringify(discipline.body)).toBe(200);
    expect(discipline.body.items).toHaveLength(1);
    const reprimand = discipline.body.items[0];
    expect(reprimand).toMatchObject({
      form: 'reprimand',
      status: 'in-force',
      subject: { kind: 'unit', unitId: lhh },
      decision: { number: '12/QĐ-UBKT', date: '2026-10-20' },
      lapsesOn: '2027-10-20',
      basis: { kind: 'inspection' },
    });
    const inspection = await admin.get(`/v1/inspection/inspections/${reprimand.basis.id}`);
    expect(inspection.status, JSON.stringify(inspection.body)).toBe(200);
    expect(inspection.body).toMatchObject({ type: 'finance', targetUnitId: lhh, unitId: upper, stage: 'decided' });
    expect(inspection.body.financePicture.discrepancies).toEqual([
      expect.objectContaining({ month: '2025-06', expected: 133_800, actual: 120_300, difference: -13_500 }),
    ]);
    expect(inspection.body.financePicture.totalDifference).toBe(-13_500);
    expect(countEvents('DisciplineDecided')).toBe(1);
  });
});

describe('the welfare demo data', () => {
  it('has CDVC-BG’s "Mái ấm Công đoàn" fund holding seed 001’s gift of 420,000, posted Nợ 111 / Có 3531', async () => {
    const funds = await admin.get(`/v1/welfare/units/${upper}/funds`);
    expect(funds.status, JSON.stringify(funds.body)).toBe(200);
    expect(funds.body.items).toEqual([
      expect.objectContaining({ kind: 'housing', account: '3531', balance: 420_000, received: 420_000 }),
    ]);
    const moves = await admin.get(`/v1/welfare/funds/${funds.body.items[0].id}/movements`);
    expect(moves.body.items).toEqual([
      expect.objectContaining({
        type: 'receipt',
        amount: 420_000,
        date: '2015-06-30',
        posting: expect.objectContaining({ status: 'posted' }),
      }),
    ]);
    const posting = await admin.get(
      `/v1/finance/units/${upper}/ledger/postings/${encodeURIComponent(moves.body.items[0].posting.postingId)}`,
    );
    expect(posting.status, JSON.stringify(posting.body)).toBe(200);
    expect(
      posting.body.lines.map((l: { account: string; debit: number; credit: number }) => [l.account, l.debit, l.credit]),
    ).toEqual([
      ['111', 420_000, 0],
      ['3531', 0, 420_000],
    ]);
  });
});
