import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { InMemoryNoticeStore, loadCalendar } from '@congdoan/calendar';
import { addDays, type Case, FUNDING_TYPES, type Unit } from '@congdoan/contracts';
import { createClients } from '@congdoan/ddb';
import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../packages/local/src/seed.ts';
import { DEMO_DENOUNCER } from '../../services/inspection/demo/cases.ts';
import { DEMO_ORGANISATION, type SeedUnit } from '../../services/membership/demo/seed.ts';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

/**
 * The demo `npm start` seeds, on one seeded platform for the whole file. Membership's
 * (services/membership/demo/seed.ts): the organisation of the seed articles. Finance's (services/finance/demo/seed.ts): seed
 * 001's CĐCS with June 2025's dues, its levy matched from the upper level's bank
 * statement, and a reconciliation that finds exactly the planted shortfall. Inspection's
 * (services/inspection/demo/seed.ts): the 40-agency supervision plan, a finance inspection
 * opened with that shortfall, a reprimand resting on it, and its cases (a complaint counted
 * across Tết 2026, an anonymous report, a denunciation with its denouncer sealed). Emulation's
 * (services/emulation/demo/seed.ts): a campaign with deeds, an accepted initiative, and the
 * CĐCS nominated and refused for that reprimand; initiatives for the national portal, some sent,
 * a prize decided and posted in finance (services/emulation/demo/awards.ts), and seed 002's bloc II
 * of CDVC-VN's seven unions ranked (demo/blocs.ts). Welfare's
 * (services/welfare/demo/seed.ts): CDVC-BG's "Mái ấm Công đoàn" fund with seed 001's gift of 420,000,
 * and its housing support to 3 members totalling 95,000,000 (services/welfare/demo/cases.ts).
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let lhh: string;
let upper: string;
/** The demo's units by code. */
const ids: Record<string, string> = {};

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
  for (const u of all) ids[u.code] = u.id;
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
    expect(cdcs.length).toBe(flatten(DEMO_ORGANISATION).filter((u) => u.level === 'grassroots').length);
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

/**
 * Inspection's demo cases (services/inspection/demo/cases.ts), received by CDVC-BG's committee:
 * found by their intake on the bus, read through the API, and the complaint's acceptance deadline
 * counted again here from the calendar package's own days off (the seed notices and the holiday
 * library), as the platform's calendar holds no other notice in the demo.
 */
describe('the inspection demo cases', () => {
  const received = async (klass: string): Promise<Case> => {
    const ids = platform.bus
      .history()
      .filter((r) => r.event['detail-type'] === 'CaseStepRecorded')
      .map((r) => r.event.detail.data as { caseId: string; class: string; step: string; handlingUnitId: string })
      .filter((d) => d.step === 'receive' && d.class === klass && d.handlingUnitId === upper)
      .map((d) => d.caseId);
    expect(ids, klass).toHaveLength(1);
    const res = await admin.get(`/v1/inspection/cases/${ids[0]}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const sealedIdentity = async (caseId: string) => {
    const db = createClients({ endpoint: platform.dynamoEndpoint });
    const { Item } = await db.client.send(
      new GetCommand({ TableName: platform.tables.inspection!, Key: { pk: `CASE#${caseId}`, sk: 'IDENTITY' } }),
    );
    return Item;
  };

  it('has a complaint whose acceptance deadline is counted across Tết 2026, its explanation naming Tết', async () => {
    const complaint = await received('complaint-first');
    expect(complaint.person).toEqual({ withheld: true });
    const acceptance = complaint.deadlines.find((d) => d.kind === 'complaint-acceptance')!;
    expect(acceptance).toMatchObject({ from: complaint.receivedOn, dayKind: 'calendar' });
    // The limit's last day falls in Tết, so the deadline moves to the first working day after it.
    const calendar = await loadCalendar(new InMemoryNoticeStore());
    const lastDay = addDays(complaint.receivedOn, acceptance.days);
    expect(calendar.day(lastDay)).toMatchObject({ kind: 'holiday', name: { vi: 'Tết' } });
    let expected = lastDay;
    while (!calendar.isWorkingDay(expected)) expected = addDays(expected, 1);
    expect(acceptance.dueDate).toBe(expected);
    expect(acceptance.explanation.vi).toContain('Tết');
    expect(acceptance.explanation.en).toContain('Tết');
    // Accepted on the day the seed says, met or late by that deadline.
    expect(complaint.stage).toBe('accepted');
    expect(acceptance).toMatchObject({
      status: complaint.acceptedOn! <= expected ? 'met' : 'late',
      metOn: complaint.acceptedOn,
    });
    expect(await sealedIdentity(complaint.id)).toBeDefined();
  });

  it('has an anonymous report with no person, and nothing sealed for it', async () => {
    const report = await received('anonymous-report');
    expect(report.person).toBeNull();
    expect(report.deadlines).toEqual([]);
    expect(await sealedIdentity(report.id)).toBeUndefined();
  });

  it('has a denunciation with its person withheld and sealed apart, the denouncer named nowhere in the case', async () => {
    const denunciation = await received('denunciation');
    expect(denunciation.person).toEqual({ withheld: true });
    const shown = JSON.stringify(denunciation);
    for (const secret of Object.values(DEMO_DENOUNCER)) expect(shown).not.toContain(secret);
    const sealed = await sealedIdentity(denunciation.id);
    expect(sealed).toMatchObject({ kind: 'case-identity', ciphertext: expect.any(String) });
    for (const secret of Object.values(DEMO_DENOUNCER)) expect(JSON.stringify(sealed)).not.toContain(secret);
    // Nobody sees it without being assigned: not even an admin.
    const reveal = await admin.post(`/v1/inspection/cases/${denunciation.id}/reveal-identity`, { reason: 'Kiểm tra' });
    expect(reveal.status).toBe(403);
  });
});

const flatten = (unit: SeedUnit): SeedUnit[] => [unit, ...(unit.children ?? []).flatMap(flatten)];

describe('the demo organisation', () => {
  it('is the organisation of the seed articles, created through the membership API', async () => {
    const roots = await admin.get('/v1/membership/units');
    expect(roots.body.items.map((u: Unit) => [u.code, u.name, u.level])).toEqual([
      ['TLD', 'Tổng Liên đoàn Lao động Việt Nam', 'national'],
    ]);
    const subtree = (await admin.get(`/v1/membership/units/${roots.body.items[0].id}/subtree?limit=200`)).body
      .items as Unit[];
    const byCode = new Map(subtree.map((u) => [u.code, u]));
    const expected = flatten(DEMO_ORGANISATION).slice(1);
    expect([...byCode.keys()].sort()).toEqual(expected.map((u) => u.code).sort());
    expect(byCode.get('LDLD-BG')).toMatchObject({ name: 'Liên đoàn Lao động tỉnh Bắc Giang', level: 'province' });
    expect(byCode.get('CDVC-BG')).toMatchObject({ name: 'Công đoàn Viên chức tỉnh Bắc Giang', level: 'upper' });
    // Seed 001's and 000's CĐCS in Bắc Giang, seed 003's in Khánh Hòa, seed 002's bloc of central agencies.
    const grassroots = expected.filter((u) => u.level === 'grassroots');
    expect(grassroots).toHaveLength(15);
    byCode.set(DEMO_ORGANISATION.code, roots.body.items[0]);
    for (const parent of flatten(DEMO_ORGANISATION)) {
      for (const spec of parent.children ?? [])
        expect(byCode.get(spec.code)!.parentId).toBe(byCode.get(parent.code)!.id);
    }
    for (const spec of grassroots) {
      const unit = byCode.get(spec.code)!;
      expect(unit.agency?.taxId).toMatch(/^\d{10}$/);
      expect(FUNDING_TYPES).toContain(unit.agency?.fundingType);
    }
    expect(byCode.get('CDVC-KH')).toMatchObject({ name: 'Công đoàn Viên chức tỉnh Khánh Hòa', level: 'upper' });
    expect(byCode.get('CDVC-VN')).toMatchObject({ name: 'Công đoàn Viên chức Việt Nam', level: 'upper' });
    expect(byCode.get('CDCS-LHHKHKT-BG')?.name).toBe('CĐCS Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh');
  });

  it('has reached finance through the events by the time the platform is up', async () => {
    const spec = DEMO_ORGANISATION.children![0]!.children![0]!.children![0]!;
    const profile = await admin.get(`/v1/finance/units/${lhh}`);
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    expect(profile.body).toMatchObject({
      unitId: lhh,
      taxId: spec.agency!.taxId,
      fundingType: spec.agency!.fundingType,
    });
  });

  it('is not created twice', async () => {
    const again = await seedDemoData(platform);
    expect(again).toEqual({ seeded: false, services: [], ids: {} });
    const roots = await admin.get('/v1/membership/units');
    expect(roots.body.items).toHaveLength(1);
  });
});

describe('the emulation demo data', () => {
  const year = new Date().getUTCFullYear();

  it('has seed 003’s campaign of CDVC-KH this year with a deeds registration from each of its three CĐCS, one confirmed', async () => {
    const khanhHoa = ids['CDVC-KH']!;
    for (const code of ['CDCS-KBNN-KH', 'CDCS-BQLKKT-VP', 'CDCS-HND-KH']) {
      const movements = await admin.get(`/v1/emulation/units/${ids[code]}/movements?year=${year}`);
      expect(movements.status, JSON.stringify(movements.body)).toBe(200);
      expect(movements.body.items).toEqual([
        expect.objectContaining({ unitId: khanhHoa, theme: 'Trung thành, trách nhiệm, liêm chính, sáng tạo' }),
      ]);
    }
    const totals = await admin.get(`/v1/emulation/units/${khanhHoa}/registration-totals?from=${year}&to=${year}`);
    expect(totals.body.totals).toMatchObject({
      deedRegistrations: 3,
      deedsRegistered: 25,
      deedRegistrationsConfirmed: 1,
    });
    // Bắc Giang's units are outside the campaign.
    expect((await admin.get(`/v1/emulation/units/${lhh}/movements?year=${year}`)).body.items).toEqual([]);
  });

  it('has seed 001’s CĐCS rated for 2026 by the upper level: 77 points after its review, “good”', async () => {
    const rating = await admin.get(`/v1/emulation/units/${lhh}/ratings/2026`);
    expect(rating.status, JSON.stringify(rating.body)).toBe(200);
    expect(rating.body).toMatchObject({ status: 'approved', total: 77, category: 'good' });
  });

  it('has an accepted initiative, and the CĐCS nominated and refused for the reprimand alone, with the reason', async () => {
    const initiatives = await admin.get(`/v1/emulation/units/${lhh}/initiatives?status=accepted`);
    expect(initiatives.body.items).toEqual([
      expect.objectContaining({ title: 'Số hóa hồ sơ đoàn viên và sổ theo dõi đoàn phí', accepted: expect.anything() }),
    ]);
    const nominations = await admin.get(`/v1/emulation/units/${lhh}/nominations?year=2026`);
    expect(nominations.body.items).toHaveLength(1);
    const eligibility = await admin.get(`/v1/emulation/nominations/${nominations.body.items[0].id}/eligibility`);
    expect(eligibility.body.outcome).toBe('ineligible');
    expect(
      eligibility.body.verdicts.find((v: { rule: string }) => v.rule === 'no-discipline-in-period').reason.vi,
    ).toBe(
      'Không đủ điều kiện: bị khiển trách ngày 20/10/2026 (QĐ 12/QĐ-UBKT), trong kỳ xét 2026 (Luật TĐKT 2022; NĐ 152/2025 Điều 4).',
    );
    const failed = eligibility.body.verdicts.filter((v: { outcome: string }) => v.outcome === 'fail');
    expect(failed.map((v: { rule: string }) => v.rule)).toEqual(['no-discipline-in-period']);
  });

  it('has seed 003’s initiatives for the "1 triệu sáng kiến" portal, one from each Khánh Hòa CĐCS, two marked sent, the rest in CDVC-KH’s export of the unsent', async () => {
    const accepted = [];
    for (const code of ['CDCS-KBNN-KH', 'CDCS-BQLKKT-VP', 'CDCS-HND-KH']) {
      const page = await admin.get(`/v1/emulation/units/${ids[code]}/initiatives?status=accepted`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].authors).toHaveLength(1);
      accepted.push(page.body.items[0]);
    }
    const sent = accepted.filter((i: { sent: unknown }) => i.sent !== null);
    expect(sent.map((i: { sent: { reference: string } }) => i.sent.reference).sort()).toEqual([
      'SK-KH-0017',
      'SK-KH-0018',
    ]);
    const file = await admin.get(`/v1/emulation/units/${ids['CDVC-KH']}/initiatives/export?sent=false`);
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    expect(file.body).toMatchObject({
      filename: expect.stringMatching(/^sang-kien-\d{4}-\d{2}-\d{2}-chua-gui\.xlsx$/),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(Buffer.from(file.body.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('received the CĐCS’s nomination at CDVC-BG and refused it there, the reprimand its reason', async () => {
    const nominations = await admin.get(`/v1/emulation/units/${lhh}/nominations?year=2026`);
    const refused = nominations.body.items[0];
    expect(refused).toMatchObject({
      status: 'refused',
      receipt: { decidingUnitId: upper, eligibility: { outcome: 'ineligible' } },
      refusal: { stage: 'receipt' },
    });
    expect(refused.refusal.reason.vi).toContain('bị khiển trách ngày 20/10/2026 (QĐ 12/QĐ-UBKT)');
  });

  it('took a member’s Lao động tiên tiến 2025 through receipt, council and decision, its prize of 760,000 posted in finance', async () => {
    const nominations = await admin.get(`/v1/emulation/units/${lhh}/nominations?year=2025`);
    expect(nominations.body.items).toHaveLength(1);
    const decided = nominations.body.items[0];
    expect(decided).toMatchObject({
      titleCode: 'lao-dong-tien-tien',
      status: 'decided',
      receipt: { decidingUnitId: upper, eligibility: { outcome: 'eligible' } },
      council: { outcome: 'approved' },
      decision: {
        decidingUnitId: upper,
        prize: { amount: 760_000, coefficient: 0.3, baseSalary: { amount: 2_530_000 } },
        posting: { status: 'posted' },
      },
    });
    const posting = await admin.get(
      `/v1/finance/units/${upper}/ledger/postings/${encodeURIComponent(decided.decision.posting.postingId)}`,
    );
    expect(posting.status, JSON.stringify(posting.body)).toBe(200);
    expect(
      posting.body.lines.map((l: { account: string; debit: number; credit: number }) => [l.account, l.debit, l.credit]),
    ).toEqual([
      ['6113', 760_000, 0],
      ['111', 0, 760_000],
    ]);
  });

  it('has seed 002’s bloc II of CDVC-VN’s seven unions for 2025 ranked, its top unit proposed for the flag, and 2026’s leader rotated', async () => {
    const blocs = await admin.get('/v1/emulation/blocs?year=2025');
    expect(blocs.status, JSON.stringify(blocs.body)).toBe(200);
    const bloc = blocs.body.items.find((b: { code: string }) => b.code === 'khoi-ii');
    expect(bloc).toMatchObject({ organiserUnitId: ids['CDVC-VN'], criteriaSource: { kind: 'policy' } });
    expect(bloc.members).toHaveLength(7);
    expect(bloc.leader).toMatchObject({ unitId: ids['CDCS-MTTQ-TW'], basis: 'named' });
    const ranking = await admin.get(`/v1/emulation/blocs/${bloc.id}/ranking`);
    expect(ranking.body.complete).toBe(true);
    expect(
      ranking.body.entries.map((e: { unitName: string; rank: number; total: number }) => [e.rank, e.total, e.unitName]),
    ).toEqual([
      [1, 92, 'Công đoàn Văn phòng Quốc hội'],
      [2, 89, 'Công đoàn cơ quan Trung ương Mặt trận Tổ quốc Việt Nam'],
      [3, 85, 'Công đoàn Kiểm toán Nhà nước'],
      [4, 85, 'Công đoàn Tòa án nhân dân tối cao'],
      [5, 82, 'Công đoàn Văn phòng Chủ tịch nước'],
      [6, 81, 'Công đoàn Viện kiểm sát nhân dân tối cao'],
      [7, 80, 'Công đoàn cơ quan Trung ương Hội Liên hiệp Phụ nữ Việt Nam'],
    ]);
    const top = ranking.body.entries[0].unitId;
    const sheet = await admin.get(`/v1/emulation/blocs/${bloc.id}/scores/${top}`);
    expect(sheet.body.scores[1].adjustments).toEqual([
      expect.objectContaining({ from: 24, to: 23, reason: 'Chưa có biên bản đối thoại định kỳ quý IV' }),
    ]);
    expect(bloc.flagProposal).toMatchObject({ unitId: top, titleCode: 'co-thi-dua-cap-tinh', total: 92 });
    const nomination = await admin.get(`/v1/emulation/nominations/${bloc.flagProposal.nominationId}`);
    expect(nomination.body).toMatchObject({
      proposingUnitId: ids['CDVC-VN'],
      candidate: { kind: 'unit', unitId: top },
    });
    const next = (await admin.get('/v1/emulation/blocs?year=2026')).body.items.find(
      (b: { code: string }) => b.code === 'khoi-ii',
    );
    expect(next.leader).toMatchObject({ unitId: top, basis: 'rotation' });
  });
});

describe('the welfare demo data', () => {
  it('has CDVC-BG’s "Mái ấm Công đoàn" fund holding seed 001’s gift of 420,000, posted Nợ 111 / Có 3531', async () => {
    const funds = await admin.get(`/v1/welfare/units/${upper}/funds`);
    expect(funds.status, JSON.stringify(funds.body)).toBe(200);
    // With the drive's 265 million (services/welfare/demo/care.ts), less the housing support paid from it
    // (services/welfare/demo/cases.ts), and the unit's other funds after it.
    expect(funds.body.items).toEqual([
      expect.objectContaining({
        kind: 'housing',
        account: '3531',
        balance: 170_420_000,
        received: 265_420_000,
        disbursed: 95_000_000,
      }),
      expect.objectContaining({ kind: 'visits', account: '3533' }),
      expect.objectContaining({ kind: 'tet', account: '3534' }),
      expect.objectContaining({ kind: 'womens-savings', account: '3535' }),
    ]);
    const moves = await admin.get(`/v1/welfare/funds/${funds.body.items[0].id}/movements`);
    // Newest first: the three housing cases' disbursements, the drive's four receipts, then seed 001's gift.
    expect(moves.body.items).toHaveLength(8);
    const gift = moves.body.items[7];
    expect(gift).toEqual(
      expect.objectContaining({
        type: 'receipt',
        amount: 420_000,
        date: '2015-06-30',
        posting: expect.objectContaining({ status: 'posted' }),
      }),
    );
    const posting = await admin.get(
      `/v1/finance/units/${upper}/ledger/postings/${encodeURIComponent(gift.posting.postingId)}`,
    );
    expect(posting.status, JSON.stringify(posting.body)).toBe(200);
    expect(
      posting.body.lines.map((l: { account: string; debit: number; credit: number }) => [l.account, l.debit, l.credit]),
    ).toEqual([
      ['111', 420_000, 0],
      ['3531', 0, 420_000],
    ]);
  });

  const fundsOfUpper = async () =>
    (await admin.get(`/v1/welfare/units/${upper}/funds`)).body.items as { id: string; kind: string }[];
  const fundOf = async (kind: string) => (await fundsOfUpper()).find((f) => f.kind === kind)!.id;

  it('has seed 000’s drive "Mái ấm Công đoàn": 265 million pledged and received from four CĐCS, each posted', async () => {
    const housing = await fundOf('housing');
    const moves = (await admin.get(`/v1/welfare/funds/${housing}/movements`)).body.items as {
      memo: string;
      amount: number;
      posting: { status: string };
    }[];
    expect(moves.every((m) => m.posting.status === 'posted')).toBe(true);
    const driveReceipts = moves.filter((m) => m.memo === 'Vận động ủng hộ quỹ "Mái ấm Công đoàn" 2015');
    expect(driveReceipts).toHaveLength(4);
    expect(driveReceipts.map((m) => m.memo)).toEqual(Array(4).fill('Vận động ủng hộ quỹ "Mái ấm Công đoàn" 2015'));
    expect(driveReceipts.reduce((s, m) => s + m.amount, 0)).toBe(265_000_000);
    const balances = (await admin.get(`/v1/finance/units/${upper}/ledger/balances`)).body.accounts as {
      code: string;
      balance: number;
    }[];
    // Credit 265,420,000 received, debit the 95,000,000 of housing support paid.
    expect(balances.find((a) => a.code === '3531')?.balance).toBe(-170_420_000);
  });

  it('has Tết 2026 gifts of 1,300,000 to three members (KH 34/KH-TLĐ) and a sickness visit, paid and posted', async () => {
    const visits = await admin.get(`/v1/welfare/units/${upper}/visits?from=2026-01-01&to=2026-12-31`);
    expect(visits.status, JSON.stringify(visits.body)).toBe(200);
    expect(visits.body.byOccasion).toEqual([
      { occasion: 'sickness', visits: 1, withMoney: 1, amount: 500_000 },
      { occasion: 'tet', visits: 3, withMoney: 3, amount: 3_900_000 },
    ]);
    const tet = await admin.get(`/v1/welfare/funds/${await fundOf('tet')}`);
    expect(tet.body).toMatchObject({ allocated: 3_900_000, disbursed: 3_900_000, balance: 0 });
    const moves = await admin.get(`/v1/welfare/funds/${tet.body.id}/movements`);
    expect(
      moves.body.items.map(
        (m: { type: string; amount: number; caseType: string | null; posting: { status: string } }) => [
          m.type,
          m.amount,
          m.caseType,
          m.posting.status,
        ],
      ),
    ).toEqual([
      ['disbursement', 1_300_000, 'tet', 'posted'],
      ['disbursement', 1_300_000, 'tet', 'posted'],
      ['disbursement', 1_300_000, 'tet', 'posted'],
      ['allocation', 3_900_000, null, 'posted'],
    ]);
  });

  it('has a women’s savings fund: three deposits, a loan of 3,000,000 in 6 with one repayment made', async () => {
    const fund = await admin.get(`/v1/welfare/funds/${await fundOf('womens-savings')}`);
    expect(fund.body).toMatchObject({
      deposited: 6_000_000,
      lent: 3_000_000,
      repaid: 500_000,
      balance: 3_500_000,
      loans: { open: 1, outstanding: 2_500_000 },
    });
    const loans = await admin.get(`/v1/welfare/funds/${fund.body.id}/loans`);
    expect(loans.body.items).toEqual([
      expect.objectContaining({
        amount: 3_000_000,
        repaid: 500_000,
        status: 'open',
        nextDue: expect.objectContaining({ number: 2 }),
      }),
    ]);
    expect(loans.body.items[0].schedule).toHaveLength(6);
    const deposits = await admin.get(`/v1/welfare/funds/${fund.body.id}/deposits`);
    expect(deposits.body.total).toBe(6_000_000);
    expect(deposits.body.items).toHaveLength(3);
  });

  it('has a blood-donation drive with four donors', async () => {
    const drives = await admin.get(`/v1/welfare/units/${upper}/blood-drives`);
    expect(drives.status, JSON.stringify(drives.body)).toBe(200);
    expect(drives.body.items).toEqual([expect.objectContaining({ donors: 4, units: 4 })]);
    const one = await admin.get(`/v1/welfare/blood-drives/${drives.body.items[0].id}`);
    expect(one.body.donations).toHaveLength(4);
  });

  it('has housing support to 3 members totalling 95,000,000 (seed 000), each case disbursed and posted by finance', async () => {
    const cases = await admin.get(`/v1/welfare/units/${lhh}/cases?status=disbursed`);
    expect(cases.status, JSON.stringify(cases.body)).toBe(200);
    const housing = (cases.body.items as { id: string; type: string; amount: number; memberId: string }[]).filter(
      (c) => c.type === 'housing',
    );
    expect(housing).toHaveLength(3);
    expect(new Set(housing.map((c) => c.memberId)).size).toBe(3);
    expect(housing.reduce((sum, c) => sum + c.amount, 0)).toBe(95_000_000);
    for (const c of housing) {
      const read = await admin.get(`/v1/welfare/cases/${c.id}`);
      expect(read.body).toMatchObject({ status: 'disbursed', disbursement: { posting: { status: 'posted' } } });
    }
    const fund = (await admin.get(`/v1/welfare/units/${upper}/funds`)).body.items[0];
    expect(fund.disbursed).toBe(95_000_000);
    expect(fund.balance).toBe(fund.received + fund.allocated - fund.disbursed);
  });
  it('lists 2026’s beneficiaries of CDVC-BG: the housing support, the Tết gifts and the sickness visit, masked for the accountant', async () => {
    const period = `from=2026-01-01&to=${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}`;
    const list = await admin.get(`/v1/welfare/units/${upper}/beneficiaries?${period}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const rows = list.body.items as { kind: string; type: string | null; occasion: string | null; amount: number }[];
    expect(rows.filter((r) => r.type === 'housing').reduce((s, r) => s + r.amount, 0)).toBe(95_000_000);
    expect(rows.filter((r) => r.occasion === 'tet').map((r) => r.amount)).toEqual([1_300_000, 1_300_000, 1_300_000]);
    expect(rows.filter((r) => r.occasion === 'sickness').map((r) => r.amount)).toEqual([500_000]);
    expect(list.body.total).toMatchObject({ payments: 7, amount: 99_400_000 });
    const accountant = client(platform, await tokenFor(platform, ['accountant'], upper));
    const masked = await accountant.get(`/v1/welfare/units/${upper}/beneficiaries?${period}`);
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ masked: true, total: list.body.total });
    for (const row of masked.body.items as { memberId: string | null; reason: string | null }[])
      expect(row).toMatchObject({ memberId: null, reason: null });
  });
});
