import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, ubktSeat, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * Inspection through the HTTP API on the shared platform: a UBKT member of one CĐCS,
 * appointed in membership, reaches inspection's seat projection over the bus and may sit on
 * the upper level's team inspecting a sibling CĐCS; a member of that CĐCS may not. The inspection runs its course to
 * recommendations, and the daily schedule marks the late one overdue once.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let inspector: string;
let insider: string;

const scheduleRun = () =>
  fetch(`${platform.url}/_local/schedules/inspection-recommendations-overdue/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường A', 'CĐCS Trường B'], '2400');
  inspector = await activeMember(admin, units.b, 'Lê Văn Kiểm');
  insider = await activeMember(admin, units.a, 'Lê Văn Kiểm');
  await ubktSeat(admin, units.b, inspector);
  await platform.drain();
});

describe('an inspection through the API', () => {
  it('runs from decision to recommendations, with the team rule and the overdue schedule', async () => {
    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const plan = await ubkt.post(`/v1/inspection/units/${units.upper}/plans`, {
      year: 2026,
      title: 'Kế hoạch kiểm tra 2026',
      items: [{ type: 'charter-compliance', target: { kind: 'unit', unitId: units.a }, plannedMonth: '2026-03' }],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const approved = await ubkt.post(
      `/v1/inspection/plans/${plan.body.id}/approval`,
      { decisionNumber: '01/KH-UBKT', date: '2026-01-10' },
      { 'if-match': plan.headers.get('etag')! },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const opened = await ubkt.post(
      '/v1/inspection/inspections',
      {
        unitId: units.upper,
        targetUnitId: units.a,
        type: 'charter-compliance',
        decision: {
          number: '05/QĐ-UBKT',
          date: '2026-03-02',
          scope: 'Chấp hành Điều lệ',
          period: { from: '2025-01-01', to: '2025-12-31' },
        },
        planItem: { planId: plan.body.id, itemId: plan.body.items[0].id },
      },
      { 'idempotency-key': `insp-${units.a}` },
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as string;
    const step = (name: string, body: unknown, headers: Record<string, string> = {}) =>
      ubkt.post(`/v1/inspection/inspections/${id}/${name}`, body, headers);

    const early = await client(platform, await tokenFor(platform, ['inspector'], units.upper), {
      'accept-language': 'en',
    }).post(`/v1/inspection/inspections/${id}/conclusion`, { number: 'KL', date: '2026-03-20', summary: 'x' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'illegal-transition' });
    expect(early.body.detail).toContain('findings must be recorded first');

    const refused = await step('team', { members: [{ memberId: insider, role: 'lead', invited: true }] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('team-member-of-inspected-unit');
    expect(refused.body.detail).toContain('thuộc đơn vị được kiểm tra');

    const team = await step(
      'team',
      { members: [{ memberId: inspector, role: 'lead' }] },
      { 'if-match': opened.headers.get('etag')! },
    );
    expect(team.status, JSON.stringify(team.body)).toBe(200);
    expect(team.body.team).toMatchObject([{ memberId: inspector, basis: 'ubkt' }]);
    const stale = await step(
      'fieldwork',
      { from: '2026-03-05', to: '2026-03-06' },
      { 'if-match': opened.headers.get('etag')! },
    );
    expect(stale.status).toBe(412);

    expect((await step('fieldwork', { from: '2026-03-05', to: '2026-03-06' })).status).toBe(200);
    expect(
      (
        await step('findings', {
          findings: [{ severity: 'moderate', description: 'Thiếu biên bản họp', amount: 1_500_000 }],
        })
      ).status,
    ).toBe(200);
    expect(
      (await step('conclusion', { number: '07/KL-UBKT', date: '2026-03-20', summary: 'Kết luận kiểm tra' })).status,
    ).toBe(200);
    const recommended = await step('recommendations', {
      recommendations: [
        { owner: { kind: 'unit', unitId: units.a }, content: 'Bổ sung biên bản', deadline: '2026-04-30' },
        { owner: { kind: 'member', memberId: insider }, content: 'Báo cáo khắc phục', deadline: '2099-12-31' },
      ],
    });
    expect(recommended.status, JSON.stringify(recommended.body)).toBe(200);
    expect((await ubkt.get(`/v1/inspection/plans/${plan.body.id}`)).body.progress).toMatchObject({
      planned: 1,
      done: 1,
    });

    // The CĐCS's officer sees the recommendations made to it; another CĐCS's officer sees nothing.
    const officerA = client(platform, await tokenFor(platform, ['officer'], units.a));
    const officerB = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await officerA.get(`/v1/inspection/units/${units.a}/recommendations?status=open`)).body.items).toHaveLength(
      2,
    );
    expect((await officerB.get(`/v1/inspection/units/${units.a}/recommendations`)).status).toBe(404);
    expect((await officerB.get(`/v1/inspection/inspections/${id}`)).status).toBe(404);

    const [late] = recommended.body.recommendationIds as string[];
    const before = (await (
      await fetch(`${platform.url}/_local/events?detailType=RecommendationOverdue&limit=500`)
    ).json()) as {
      items: { event: { detail: { data: { recommendationId: string } } } }[];
    };
    for (let i = 0; i < 2; i++) expect((await scheduleRun()).status).toBe(200);
    await platform.drain();
    const after = (await (
      await fetch(`${platform.url}/_local/events?detailType=RecommendationOverdue&limit=500`)
    ).json()) as typeof before;
    const mine = (list: typeof before) =>
      list.items.filter((r) => r.event.detail.data.recommendationId === late).length;
    expect(mine(before)).toBe(0);
    expect(mine(after)).toBe(1);
    const overdue = await officerA.get(`/v1/inspection/units/${units.a}/recommendations?status=overdue`);
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toEqual([late]);
    const followed = await officerA.post(`/v1/inspection/recommendations/${late}/follow-ups`, {
      status: 'done',
      note: 'Đã bổ sung',
    });
    expect(followed.body).toMatchObject({ status: 'done', notes: [{ text: 'Đã bổ sung' }] });
  });
});
