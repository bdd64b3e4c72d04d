import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Platform } from '@congdoan/local';
import { repoRoot } from '@congdoan/registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { upperWithTwoCdcs } from '../../../test/support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * A fund through the HTTP API on the shared platform, with finance running: each movement's
 * posting request reaches finance's ledger over the bus and finance's answer comes back onto
 * the movement; a payment finance refuses (the bank account would go below zero) stays
 * visibly unposted with the reason; a redelivered answer changes nothing.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let desk: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Quỹ A', 'CĐCS Quỹ B'], '2700');
  desk = client(platform, await tokenFor(platform, ['welfare-officer'], units.upper));
  await platform.drain();
});

describe('a fund through the API, posted by finance', () => {
  it('posts each movement to the unit’s ledger and records finance’s answer, a refusal visibly', async () => {
    const opened = await desk.post(`/v1/welfare/units/${units.a}/funds`, {
      kind: 'housing',
      name: 'Quỹ "Mái ấm Công đoàn"',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.headers.get('location')).toBe(`/v1/welfare/funds/${opened.body.id}`);
    const fund = opened.body.id as string;
    const move = (body: unknown, key: string) =>
      desk.post(`/v1/welfare/funds/${fund}/movements`, body, { 'idempotency-key': `${fund}-${key}` });

    const gift = await move({ type: 'receipt', method: 'cash', amount: 420_000, memo: 'CĐCS ủng hộ' }, 'gift');
    expect(gift.status, JSON.stringify(gift.body)).toBe(201);
    expect(gift.body.posting.status).toBe('pending');
    const replay = await move({ type: 'receipt', method: 'cash', amount: 420_000, memo: 'CĐCS ủng hộ' }, 'gift');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const byBank = await move(
      { type: 'disbursement', method: 'bank', amount: 100_000, memo: 'Chi chuyển khoản' },
      'bank',
    );
    expect(byBank.status).toBe(201);
    const byCash = await move({ type: 'disbursement', method: 'cash', amount: 20_000, memo: 'Chi tiền mặt' }, 'cash');
    expect(byCash.status).toBe(201);
    await platform.drain();

    const moves = await desk.get(`/v1/welfare/funds/${fund}/movements`);
    expect(moves.status).toBe(200);
    const byId = new Map(moves.body.items.map((m: { id: string }) => [m.id, m]));
    expect(moves.body.items).toHaveLength(3);
    expect(byId.get(gift.body.id)).toMatchObject({ posting: { status: 'posted', reason: null } });
    expect((byId.get(gift.body.id) as { posting: { voucherNumber: string } }).posting.voucherNumber).toBeTruthy();
    expect(byId.get(byCash.body.id)).toMatchObject({ posting: { status: 'posted' } });
    // Finance refuses a payment its bank account cannot cover: the movement says so, with the reason.
    expect(byId.get(byBank.body.id)).toMatchObject({
      posting: { status: 'unposted', postingId: null, reason: { code: 'money-balance-negative' } },
    });

    const read = await desk.get(`/v1/welfare/funds/${fund}`);
    expect(read.body).toMatchObject({ balance: 300_000, received: 420_000, disbursed: 120_000, movementCount: 3 });
    const ledger = await admin.get(`/v1/finance/units/${units.a}/ledger/balances`);
    expect(ledger.status).toBe(200);
    const balance = (code: string) =>
      (ledger.body.accounts as { code: string; balance: number }[]).find((a) => a.code === code)?.balance;
    // Finance holds the two postings it accepted: 420,000 in, 20,000 out.
    expect(balance('3531')).toBe(-400_000);
    expect(balance('111')).toBe(400_000);

    // finance's answer delivered again changes nothing.
    const posted = platform.bus
      .history()
      .find(
        (r) =>
          r.event['detail-type'] === 'LedgerPosted' &&
          (r.event.detail as { data: { requestId: string } }).data.requestId === gift.body.posting.requestId,
      );
    expect(posted).toBeDefined();
    await platform.bus.publish({
      source: posted!.event.source,
      detailType: posted!.event['detail-type'],
      detail: posted!.event.detail,
    });
    // An answer to another producer's request, even one naming a welfare movement, is not welfare's.
    const detail = posted!.event.detail as { metadata: Record<string, unknown>; data: Record<string, unknown> };
    await platform.bus.publish({
      source: 'congdoan.finance',
      detailType: 'LedgerPostingRejected',
      detail: {
        ...detail,
        metadata: { ...detail.metadata, eventId: randomUUID() },
        data: {
          producer: 'emulation',
          requestId: byCash.body.posting.requestId,
          unitId: units.a,
          reason: { code: 'books-closed', vi: 'Sổ đã khóa', en: 'Books closed' },
        },
      },
    });
    await platform.drain();
    // Both were handled (nothing dead-lettered), and changed nothing.
    expect(platform.bus.deadLetters().filter((d) => d.rule.startsWith('welfare'))).toEqual([]);
    const again = await desk.get(`/v1/welfare/funds/${fund}/movements`);
    expect(again.body).toEqual(moves.body);
  });

  it('refuses what the balance cannot cover with 409 naming it, bad input with 400, and hides other subtrees', async () => {
    const fund = (await desk.post(`/v1/welfare/units/${units.b}/funds`, { kind: 'hardship', name: 'Quỹ xã hội' })).body
      .id as string;
    await desk.post(`/v1/welfare/funds/${fund}/movements`, { type: 'allocation', amount: 50_000, memo: 'Trích' });
    const en = client(platform, await tokenFor(platform, ['welfare-officer'], units.upper), {
      'accept-language': 'en',
    });
    const over = await en.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'disbursement',
      method: 'cash',
      amount: 60_000,
      memo: 'Quá số dư',
    });
    expect(over.status).toBe(409);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body).toMatchObject({ code: 'fund-balance-insufficient' });
    expect(over.body.detail).toContain('holds 50,000 đồng');

    const bad = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'disbursement',
      method: 'cash',
      amount: 1.5,
      memo: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.title).toMatch(/[ạảãáàâăđêôơư]/i);

    const hardship = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'disbursement',
      method: 'cash',
      amount: 2_000_001,
      memo: 'Hỗ trợ khó khăn đột xuất',
      caseType: 'sudden-hardship',
    });
    expect(hardship.status).toBe(422);
    expect(hardship.body.code).toBe('over-cap-per-occasion');

    const neighbour = client(platform, await tokenFor(platform, ['officer'], units.a));
    const hidden = await neighbour.get(`/v1/welfare/funds/${fund}`);
    const missing = await neighbour.get('/v1/welfare/funds/no-such-fund');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.title).toBe(missing.body.title);
    expect((await neighbour.get(`/v1/welfare/units/${units.b}/funds`)).status).toBe(404);
    const mine = await client(platform, await tokenFor(platform, ['officer'], units.b)).get(
      `/v1/welfare/units/${units.b}/funds`,
    );
    expect(mine.body.items.map((f: { id: string }) => f.id)).toEqual([fund]);
  });

  it('runs a drive of the upper level: progress per unit of its subtree from the directory, and who gave nothing', async () => {
    const fund = (await desk.post(`/v1/welfare/units/${units.upper}/funds`, { kind: 'housing', name: 'Mái ấm' })).body
      .id as string;
    const drive = await desk.post(`/v1/welfare/funds/${fund}/drives`, {
      name: 'Mái ấm Công đoàn 2026',
      target: 5_000_000,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(drive.status, JSON.stringify(drive.body)).toBe(201);
    const id = drive.body.id as string;
    const promised = await desk.post(`/v1/welfare/drives/${id}/pledges`, {
      pledger: { kind: 'unit', unitId: units.a },
      amount: 420_000,
      date: '2026-03-01',
    });
    expect(promised.status, JSON.stringify(promised.body)).toBe(201);
    const paid = await desk.post(`/v1/welfare/drives/${id}/receipts`, {
      pledgeId: promised.body.id,
      method: 'cash',
      amount: 420_000,
      date: '2026-03-02',
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    await platform.drain();
    const progress = await desk.get(`/v1/welfare/drives/${id}/progress`);
    expect(progress.status).toBe(200);
    expect(
      progress.body.units.map((u: { unitId: string; pledged: number; received: number; givenNothing: boolean }) => [
        u.unitId,
        u.pledged,
        u.received,
        u.givenNothing,
      ]),
    ).toEqual([
      [units.upper, 0, 0, true],
      [units.a, 420_000, 420_000, false],
      [units.b, 0, 0, true],
    ]);
    const moves = await desk.get(`/v1/welfare/funds/${fund}/movements`);
    expect(moves.body.items).toEqual([
      expect.objectContaining({ amount: 420_000, posting: expect.objectContaining({ status: 'posted' }) }),
    ]);
    const outside = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await outside.get(`/v1/welfare/drives/${id}/progress`)).status).toBe(404);
  });

  it('lets exactly 20 of 50 concurrent disbursements through a fund holding enough for 20, and finance posts exactly those', async () => {
    const fund = (await desk.post(`/v1/welfare/units/${units.b}/funds`, { kind: 'visits', name: 'Quỹ thăm hỏi' })).body
      .id as string;
    const put = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'receipt',
      method: 'cash',
      amount: 20 * 30_000,
      memo: 'Thu quỹ thăm hỏi',
    });
    expect(put.status).toBe(201);
    await platform.drain();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        desk.post(`/v1/welfare/funds/${fund}/movements`, {
          type: 'disbursement',
          method: 'cash',
          amount: 30_000,
          memo: `Thăm hỏi lần ${i + 1}`,
        }),
      ),
    );
    const paid = answers.filter((a) => a.status === 201);
    expect(paid).toHaveLength(20);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'fund-balance-insufficient')).toHaveLength(30);
    expect((await desk.get(`/v1/welfare/funds/${fund}`)).body).toMatchObject({ balance: 0, disbursed: 600_000 });
    await platform.drain();
    const postings = await admin.get(`/v1/finance/units/${units.b}/ledger/postings?limit=200`);
    const fromWelfare = (postings.body.items as { source: { service: string; kind: string; id: string } }[]).filter(
      (p) => p.source.service === 'welfare' && p.source.kind === 'fund-disbursement',
    );
    const paidIds = paid.map((a) => a.body.id as string).sort();
    expect(fromWelfare.map((p) => p.source.id).sort()).toEqual(paidIds);
    const moves = await desk.get(`/v1/welfare/funds/${fund}/movements?limit=100`);
    expect(moves.body.items.filter((m: { posting: { status: string } }) => m.posting.status === 'posted')).toHaveLength(
      21,
    );
  });
});

describe('the welfare report through the API', () => {
  it('answers a subtree’s funds over a period, its .xlsx, a clear error for a bad period, and 404 outside the subtree', async () => {
    const opened = await desk.post(`/v1/welfare/units/${units.b}/funds`, { kind: 'visits', name: 'Quỹ thăm hỏi B' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const received = await desk.post(`/v1/welfare/funds/${opened.body.id}/movements`, {
      type: 'receipt',
      method: 'cash',
      amount: 700_000,
      memo: 'Thu',
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    const today = received.body.date as string;
    const report = await desk.get(`/v1/welfare/units/${units.upper}/report?from=${today}&to=${today}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const row = report.body.funds.find((f: { fundId: string }) => f.fundId === opened.body.id);
    expect(row).toMatchObject({ unitId: units.b, opening: 0, received: 700_000, closing: 700_000, movements: 1 });

    const file = await desk.get(`/v1/welfare/units/${units.upper}/report/export?from=${today}&to=${today}`);
    expect(file.status).toBe(200);
    expect(file.body.filename).toMatch(/^bao-cao-quy-.+\.xlsx$/);
    expect(Buffer.from(file.body.base64, 'base64').subarray(0, 2).toString()).toBe('PK');

    const backwards = await desk.get(`/v1/welfare/units/${units.upper}/report?from=2026-02-01&to=2026-01-01`, {
      'accept-language': 'en',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(backwards.body)).toContain('from is after to');

    const cdcsDesk = client(platform, await tokenFor(platform, ['welfare-officer'], units.a));
    const outside = await cdcsDesk.get(`/v1/welfare/units/${units.upper}/report?from=${today}&to=${today}`);
    expect(outside.status).toBe(404);
  });
});

/** Runs `count` disbursements of `amount` from the fund in a process of its own; its attempts' outcomes. */
function writerProcess(platform: Platform, fundId: string, count: number, amount: number) {
  const script = join(repoRoot, 'services/welfare/test/support/disburse-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: platform.dynamoEndpoint,
      TABLE_WELFARE: platform.tables.welfare,
      FUND_ID: fundId,
      COUNT: String(count),
      AMOUNT: String(amount),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise<({ id: string } | { error: string })[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`writer exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '[]'));
    });
  });
}

describe('the balance under writers in several processes', () => {
  it('lets exactly 20 of 50 disbursements from five processes through a fund holding enough for 20, and finance posts exactly those', async () => {
    const fund = (await desk.post(`/v1/welfare/units/${units.b}/funds`, { kind: 'visits', name: 'Quỹ đa tiến trình' }))
      .body.id as string;
    const put = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'receipt',
      method: 'cash',
      amount: 20 * 25_000,
      memo: 'Thu quỹ',
    });
    expect(put.status).toBe(201);
    await platform.drain();

    const outcomes = (
      await Promise.all(Array.from({ length: 5 }, () => writerProcess(platform, fund, 10, 25_000)))
    ).flat();
    const paid = outcomes.flatMap((o) => ('id' in o ? [o.id] : []));
    expect(paid).toHaveLength(20);
    expect(outcomes.filter((o) => 'error' in o && o.error === 'fund-balance-insufficient')).toHaveLength(30);
    expect((await desk.get(`/v1/welfare/funds/${fund}`)).body).toMatchObject({ balance: 0, disbursed: 500_000 });

    await platform.drain();
    const postings = await admin.get(`/v1/finance/units/${units.b}/ledger/postings?limit=200`);
    const fromWelfare = (postings.body.items as { source: { service: string; kind: string; id: string } }[]).filter(
      (p) => p.source.service === 'welfare' && p.source.kind === 'fund-disbursement' && paid.includes(p.source.id),
    );
    expect(fromWelfare.map((p) => p.source.id).sort()).toEqual([...paid].sort());
    const moves = await desk.get(`/v1/welfare/funds/${fund}/movements?limit=100`);
    expect(
      moves.body.items
        .filter((m: { type: string }) => m.type === 'disbursement')
        .map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual([...paid].sort());
  }, 120_000);
});
