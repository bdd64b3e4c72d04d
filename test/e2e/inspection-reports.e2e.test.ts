import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, ubktSeat, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * Inspection's reports through the HTTP API on the shared platform. The UBKT warning list reads
 * membership's events as they reach inspection over the bus: members admitted into the member
 * directory, and an inspection-member appointment into the seat projection, kept per unit. Two
 * CĐCS of 30 members each: the one whose UBKT member is appointed leaves the list, and comes
 * back when the appointment ends. A unit's inspections are listed by year.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
const members: Record<string, string[]> = {};

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Bệnh viện A', 'CĐCS Trường B'], '2500');
  for (const unit of [units.a, units.b]) {
    members[unit] = [];
    for (let n = 0; n < 30; n++) members[unit].push(await activeMember(admin, unit, 'Phạm Thị Lan'));
  }
  await platform.drain();
}, 240_000);

describe('the UBKT warning list through the API', () => {
  it('follows membership’s appointments: appointed leaves the list, ended comes back', async () => {
    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const listed = async () => {
      const res = await ubkt.get(`/v1/inspection/units/${units.upper}/ubkt-warnings`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { unitId: string; activeMembersAtLeast: number }[]).map((i) => i.unitId).sort();
    };
    expect(await listed()).toEqual([units.a, units.b].sort());

    const seat = await ubktSeat(admin, units.b, members[units.b]![0]!);
    await platform.drain();
    expect(await listed()).toEqual([units.a]);

    const ended = await admin.post(
      `/v1/membership/appointments/${seat.body.id}/end`,
      { date: '2024-06-01', reason: 'resigned' },
      { 'if-match': seat.headers.get('etag')! },
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    await platform.drain();
    expect(await listed()).toEqual([units.a, units.b].sort());

    // Another CĐCS's officer sees nothing of this subtree.
    const other = client(platform, await tokenFor(platform, ['officer'], units.a));
    expect((await other.get(`/v1/inspection/units/${units.upper}/ubkt-warnings`)).status).toBe(404);
  });

  it('lists a unit’s inspections by year', async () => {
    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const opened = await ubkt.post(
      '/v1/inspection/inspections',
      {
        unitId: units.upper,
        targetUnitId: units.a,
        type: 'finance',
        decision: {
          number: '11/QĐ-UBKT',
          date: '2026-04-02',
          scope: 'Thu, chi tài chính',
          period: { from: '2025-01-01', to: '2025-12-31' },
        },
      },
      { 'idempotency-key': `report-insp-${units.a}` },
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const y2026 = await ubkt.get(`/v1/inspection/units/${units.upper}/inspections?year=2026&status=decided`);
    expect(y2026.status, JSON.stringify(y2026.body)).toBe(200);
    expect(y2026.body.items.map((i: { id: string }) => i.id)).toEqual([opened.body.id]);
    const y2025 = await ubkt.get(`/v1/inspection/units/${units.upper}/inspections?year=2025`);
    expect(y2025.body.items).toEqual([]);
  });
});
