import { randomUUID } from 'node:crypto';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../../../test/support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * A support case through the HTTP API on the shared platform, finance running: drafted by a
 * CĐCS officer, verified by the upper level's desk, refused to the CĐCS chair above their
 * limit and approved by the standing committee, paid from the upper level's fund and posted
 * by finance; health details hidden from the accountant; finance's dues standing over the bus
 * deciding eligibility; a redelivered answer changing nothing.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let desk: ReturnType<typeof client>;
let officer: ReturnType<typeof client>;
let accountant: ReturnType<typeof client>;
let standing: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let member: string;
const HEALTH = 'Tai nạn giao thông, gãy chân phải';

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Hỗ trợ A', 'CĐCS Hỗ trợ B'], '2720');
  member = await activeMember(admin, units.a, 'Trần Văn Bình');
  desk = client(platform, await tokenFor(platform, ['welfare-officer'], units.upper));
  officer = client(platform, await tokenFor(platform, ['officer'], units.a));
  accountant = client(platform, await tokenFor(platform, ['accountant'], units.a));
  standing = client(platform, await tokenFor(platform, ['admin'], units.upper));
  await platform.drain();
});

/** Finance announcing the member's dues standing (as its standing consumer would). */
async function announceStanding(monthsInArrears: number, version: number) {
  await platform.bus.publish({
    source: 'congdoan.finance',
    detailType: 'MemberDuesStandingChanged',
    detail: {
      metadata: {
        eventId: randomUUID(),
        eventVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        actor: { id: 'system:dues-standing', roles: [], unitId: null },
      },
      data: {
        memberId: member,
        unitId: units.a,
        asOf: '2026-11',
        monthsInArrears,
        outstanding: monthsInArrears * 60_000,
        removalCandidate: false,
        version,
      },
    },
  });
  await platform.drain();
}

describe('a support case through the API', () => {
  it('goes from an officer’s draft to a payment posted by finance, within approval limits and masked per role', async () => {
    const opened = await desk.post(`/v1/welfare/units/${units.upper}/funds`, { kind: 'hardship', name: 'Quỹ xã hội' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const fund = opened.body.id as string;
    const receipt = await desk.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'receipt',
      method: 'cash',
      amount: 20_000_000,
      memo: 'Thu ủng hộ quỹ',
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);

    const body = {
      fundId: fund,
      memberId: member,
      type: 'accident',
      amount: 6_000_000,
      incidentDate: '2026-10-02',
      summary: 'Tai nạn trên đường đi làm',
      health: HEALTH,
    };
    // Finance says the member owes two months: refused, then allowed with a recorded reason.
    await announceStanding(2, 1_000);
    const arrears = await officer.post('/v1/welfare/cases', body);
    expect(arrears.status, JSON.stringify(arrears.body)).toBe(422);
    expect(arrears.body).toMatchObject({ code: 'beneficiary-in-arrears' });
    expect(arrears.headers.get('content-type')).toContain('application/problem+json');
    await announceStanding(0, 1_001);

    const created = await officer.post('/v1/welfare/cases', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/v1/welfare/cases/${id}`);
    expect(created.body).toMatchObject({ status: 'draft', arrears: null, personal: { health: HEALTH } });

    // The same member, type and incident again: flagged, never silently.
    const twice = await officer.post('/v1/welfare/cases', { ...body, incidentDate: '2026-10-05' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'case-possible-duplicate' });
    expect(JSON.stringify(twice.body)).not.toContain(HEALTH);

    expect((await officer.post(`/v1/welfare/cases/${id}/submit`, {})).status).toBe(200);
    // Only the desk verifies.
    expect((await officer.post(`/v1/welfare/cases/${id}/verify`, { documents: [] })).status).toBe(403);
    const verified = await desk.post(`/v1/welfare/cases/${id}/verify`, {
      documents: ['application', 'hospital-papers', 'accident-report'],
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);

    // The CĐCS chair (an officer) may not approve 6,000,000 from the upper level's fund.
    const chair = await officer.post(`/v1/welfare/cases/${id}/approve`, {});
    expect(chair.status).toBe(403);
    expect(chair.body).toMatchObject({ code: 'approval-above-limit' });
    expect(chair.body.detail).toContain('Ban Thường vụ');
    expect(JSON.stringify(chair.body)).not.toContain(HEALTH);
    const approved = await standing.post(`/v1/welfare/cases/${id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.approval).toMatchObject({ level: 'upper', limit: 30_000_000 });

    const paid = await desk.post(`/v1/welfare/cases/${id}/disburse`, {});
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('disbursed');
    await platform.drain();

    // The accountant reads the case without its health details; the desk with them.
    const seen = await accountant.get(`/v1/welfare/cases/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.personal).toBeNull();
    expect(JSON.stringify(seen.body)).not.toContain(HEALTH);
    const full = await desk.get(`/v1/welfare/cases/${id}`);
    expect(full.body.personal).toEqual({ health: HEALTH, circumstances: null });
    expect(full.body.disbursement.posting).toMatchObject({ status: 'posted', reason: null });
    const listed = await accountant.get(`/v1/welfare/units/${units.a}/cases?status=disbursed`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(listed.body.items[0].personal).toBeNull();

    // Finance's ledger of the upper level holds the payment: 3532 and 111 net of it.
    const ledger = await admin.get(`/v1/finance/units/${units.upper}/ledger/balances`);
    const balance = (code: string) =>
      (ledger.body.accounts as { code: string; balance: number }[]).find((a) => a.code === code)?.balance;
    expect(balance('3532')).toBe(-14_000_000);
    expect(balance('111')).toBe(14_000_000);
    expect((await desk.get(`/v1/welfare/funds/${fund}`)).body.balance).toBe(14_000_000);

    // Finance's answer delivered again changes nothing; nothing dead-lettered.
    const posted = platform.bus
      .history()
      .find(
        (r) =>
          r.event['detail-type'] === 'LedgerPosted' &&
          (r.event.detail as { data: { requestId: string } }).data.requestId ===
            full.body.disbursement.posting.requestId,
      );
    expect(posted).toBeDefined();
    await platform.bus.publish({
      source: posted!.event.source,
      detailType: posted!.event['detail-type'],
      detail: posted!.event.detail,
    });
    await platform.drain();
    expect(platform.bus.deadLetters().filter((d) => d.rule.startsWith('welfare'))).toEqual([]);
    expect((await desk.get(`/v1/welfare/cases/${id}`)).body).toEqual(full.body);

    const closed = await desk.post(`/v1/welfare/cases/${id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    // A case outside the caller's subtree is a 404, in English on asking.
    const outsider = client(platform, await tokenFor(platform, ['officer'], units.b), { 'accept-language': 'en' });
    const hidden = await outsider.get(`/v1/welfare/cases/${id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toContain('support case');
  });
});
