import { randomUUID } from 'node:crypto';
import { dayInVietnam } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

/**
 * Lương cơ sở has one source of truth, finance's policy `base-salary`, and a prize is computed
 * with it: finance announces its shipped versions (schedule `finance-policy-announcer`) and each
 * version an administrator adds (`POST /v1/finance/policy/versions`) as `BaseSalaryVersionRecorded`,
 * emulation projects them (subscription `emulation-base-salary`), and an award decision stores
 * coefficient × the version in force on its date. Its own platform: the version the admin adds
 * changes finance's policy (the dues cap) for every file that would share it.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let officer: ReturnType<typeof client>;
let upperDesk: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
const TODAY = dayInVietnam(new Date());
/** Each test runs whole nominations (proposal, receipt, council, decision) and finance's answers over the bus. */
const PRIZE_FLOW_MS = 90_000;
const YEAR = Number(TODAY.slice(0, 4));

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Thưởng A', 'CĐCS Thưởng B'], '2801');
  officer = client(platform, await tokenFor(platform, ['officer'], units.a));
  upperDesk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
});
afterAll(() => platform?.stop());

/** A Lao động tiên tiến (0.3 × lương cơ sở) nomination the upper level received and its council approved. */
async function approved(name: string): Promise<string> {
  const memberId = await activeMember(admin, units.a, name);
  await platform.drain();
  const n = await officer.post(
    '/v1/emulation/nominations',
    {
      proposingUnitId: units.a,
      titleCode: 'lao-dong-tien-tien',
      year: YEAR - 1,
      candidate: { kind: 'member', memberId },
      absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
      achievements: 'Hoàn thành tốt nhiệm vụ',
    },
    { 'idempotency-key': `prize-${memberId}` },
  );
  expect(n.status, JSON.stringify(n.body)).toBe(201);
  const receipt = await upperDesk.post(`/v1/emulation/nominations/${n.body.id}/receipt`, {
    decidingUnitId: units.upper,
    on: TODAY,
  });
  expect(receipt.body.status, JSON.stringify(receipt.body)).toBe('received');
  const vote = await upperDesk.post(`/v1/emulation/nominations/${n.body.id}/council`, {
    members: 7,
    present: 7,
    yes: 7,
    on: TODAY,
  });
  expect(vote.body.status, JSON.stringify(vote.body)).toBe('approved');
  return n.body.id;
}
const decide = (id: string) =>
  upperDesk.post(`/v1/emulation/nominations/${id}/decision`, {
    decidingUnitId: units.upper,
    decision: { number: '9/QĐ-LĐLĐ', date: TODAY },
  });
const announced = () => platform.bus.history().filter((r) => r.event['detail-type'] === 'BaseSalaryVersionRecorded');

describe('a prize computed with finance’s lương cơ sở', { timeout: PRIZE_FLOW_MS }, () => {
  it('is refused before finance announced any, then follows finance’s defaults and an added version', async () => {
    const first = await approved('Nguyễn Thị Thưởng');
    const refused = await decide(first);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.code).toBe('no-base-salary');

    // Finance announces its shipped versions once: a second run announces nothing.
    await platform.scheduler.runNow('finance-policy-announcer');
    await platform.drain();
    expect(announced().map((r) => (r.event.detail as { data: { amount: number } }).data.amount)).toEqual([
      1_490_000, 1_800_000, 2_340_000, 2_530_000,
    ]);
    await platform.scheduler.runNow('finance-policy-announcer');
    await platform.drain();
    expect(announced()).toHaveLength(4);

    const decided = await decide(first);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // In force today (after 1/7/2026): 2,530,000; 0.3 × 2,530,000 = 759,000, rounded up.
    expect(decided.body.decision.prize).toMatchObject({
      amount: 760_000,
      coefficient: 0.3,
      baseSalary: { amount: 2_530_000, effectiveFrom: '2026-07-01', versionId: 'base-salary@2026-07-01#all' },
    });

    // An administrator adds a version in finance: the next decision uses it.
    const added = await admin.post(
      '/v1/finance/policy/versions',
      {
        parameter: 'base-salary',
        value: 2_600_000,
        appliesTo: null,
        effectiveFrom: TODAY,
        source: 'Nghị định thử nghiệm',
        certainty: 'likely',
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await platform.drain();
    expect(announced()).toHaveLength(5);
    const second = await decide(await approved('Lê Văn Thưởng'));
    expect(second.body.decision.prize).toMatchObject({
      amount: 780_000,
      baseSalary: { amount: 2_600_000, effectiveFrom: TODAY, source: 'Nghị định thử nghiệm' },
    });
    expect(second.body.decision.prize.explanation.vi).toContain('0,3 × 2.600.000 = 780.000 đồng');

    // Finance's event delivered again, even altered, changes nothing.
    const last = announced().at(-1)!;
    const detail = last.event.detail as { metadata: object; data: Record<string, unknown> };
    await platform.bus.publish({
      source: last.event.source,
      detailType: last.event['detail-type'],
      detail: { ...detail, data: { ...detail.data, amount: 9_000_000 } },
    });
    await platform.drain();
    expect(platform.bus.deadLetters().filter((d) => d.rule.startsWith('emulation'))).toEqual([]);
    const third = await decide(await approved('Phạm Văn Thưởng'));
    expect(third.body.decision.prize).toMatchObject({ amount: 780_000, baseSalary: { amount: 2_600_000 } });
  });

  it('is paid by a posting in finance, its answer recorded on the decision, posted once when delivered twice', async () => {
    const balances = async () => {
      const ledger = await admin.get(`/v1/finance/units/${units.upper}/ledger/balances`);
      const of = (code: string) =>
        (ledger.body.accounts as { code: string; balance: number }[]).find((a) => a.code === code)?.balance ?? 0;
      return { awards: of('6113'), cash: of('111') };
    };
    // The deciding unit's cash to pay from (the prizes above found none: finance refused them).
    await platform.drain();
    const funded = await admin.post(
      `/v1/finance/units/${units.upper}/ledger/postings`,
      {
        date: TODAY,
        memo: 'Thu đoàn phí',
        voucher: 'receipt',
        lines: [
          { account: '111', debit: 5_000_000, credit: 0 },
          { account: '5111', debit: 0, credit: 5_000_000 },
        ],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(funded.status, JSON.stringify(funded.body)).toBe(201);
    const start = await balances();
    const decided = await decide(await approved('Võ Thị Chi Thưởng'));
    expect(decided.body.decision.posting).toMatchObject({ status: 'pending', requestId: `prize:${decided.body.id}` });
    await platform.drain();
    const read = await upperDesk.get(`/v1/emulation/nominations/${decided.body.id}`);
    expect(read.body.decision.posting).toMatchObject({ status: 'posted', reason: null });
    expect(read.body.decision.posting.postingId).toBeTruthy();

    // The request delivered again posts nothing more; the answer delivered again changes nothing.
    const about = (type: string) =>
      platform.bus
        .history()
        .find(
          (r) =>
            r.event['detail-type'] === type &&
            (r.event.detail as { data: { requestId: string } }).data.requestId === `prize:${decided.body.id}`,
        )!;
    const request = about('LedgerPostingRequested');
    const answer = about('LedgerPosted');
    for (const r of [request, answer])
      await platform.bus.publish({
        source: r.event.source,
        detailType: r.event['detail-type'],
        detail: r.event.detail,
      });
    await platform.drain();
    expect(platform.bus.deadLetters()).toEqual([]);
    expect(await balances()).toEqual({ awards: start.awards + 780_000, cash: start.cash - 780_000 });
    expect((await upperDesk.get(`/v1/emulation/nominations/${decided.body.id}`)).body).toEqual(read.body);
  });
});
