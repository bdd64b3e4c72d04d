import { dayInVietnam } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { created, upperWithTwoCdcs } from '../support/org-world.ts';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

/**
 * Emulation blocs through the HTTP API on the shared platform: an upper level forms a bloc of
 * its three CĐCS with a pact and the default criteria, the leader and the upper level score
 * them (two scorers racing on one unit both land; a stale If-Match is a 412), the ranking
 * orders them, and the top unit is nominated for the emulation flag. Next year's bloc takes
 * its leader from this year's order.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string; c: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  const tree = await upperWithTwoCdcs(admin, ['CĐCS Sở Y tế', 'CĐCS Sở Tư pháp'], '2612');
  const c = await created(
    admin.post('/v1/membership/units', {
      code: uniqueCode('CDCS'),
      name: 'CĐCS Sở Xây dựng',
      level: 'grassroots',
      parentId: tree.upper,
      agency: agency(`2612${String(Date.now()).slice(-5)}9`),
    }),
  );
  units = { ...tree, c };
  await platform.drain(); // emulation's organisation directory
});

const YEAR = new Date().getUTCFullYear() - 1;
/** Today as the API counts it: the day in Vietnam, not in UTC (they differ from 17:00 UTC). */
const TODAY = dayInVietnam(new Date());
const CRITERIA = ['political-tasks', 'representation', 'emulation-movements', 'organisation', 'finance-inspection'];
const sheet = (p: number[]) => ({ scores: CRITERIA.map((criterion, i) => ({ criterion, points: p[i]! })), on: TODAY });

describe('emulation blocs through the API', () => {
  it('forms, scores, ranks, proposes the flag, and rotates the leader', async () => {
    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const form = (year: number, leader?: string) =>
      desk.post(
        '/v1/emulation/blocs',
        {
          organiserUnitId: units.upper,
          code: 'khoi-so-nganh',
          name: 'Khối thi đua các sở, ngành',
          year,
          memberUnitIds: [units.a, units.b, units.c],
          ...(leader ? { leaderUnitId: leader } : {}),
          pact: { signedOn: `${year}-02-10`, documentNumber: `01/GƯTĐ-${year}` },
        },
        { 'idempotency-key': `bloc-${units.upper}-${year}` },
      );
    const formed = await form(YEAR, units.a);
    expect(formed.status, JSON.stringify(formed.body)).toBe(201);
    const id = formed.body.id as string;
    expect(formed.body.criteriaSource).toMatchObject({ kind: 'policy', certainty: 'unsure' });
    expect(formed.body.leader).toMatchObject({ unitId: units.a, basis: 'named' });
    const listed = await desk.get(`/v1/emulation/blocs?year=${YEAR}`);
    expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([id]);

    // The leader scores a peer; a member that is not the leader may read but not score.
    const leader = client(platform, await tokenFor(platform, ['officer'], units.a));
    const member = client(platform, await tokenFor(platform, ['officer'], units.b));
    const byLeader = await leader.put(`/v1/emulation/blocs/${id}/scores/${units.b}`, sheet([25, 20, 15, 10, 8]));
    expect(byLeader.status, JSON.stringify(byLeader.body)).toBe(200);
    expect(byLeader.body.total).toBe(78);
    const refused = await member.put(`/v1/emulation/blocs/${id}/scores/${units.c}`, sheet([1, 1, 1, 1, 1]));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('bloc-scorer-only');
    expect((await member.get(`/v1/emulation/blocs/${id}/ranking`)).status).toBe(200);

    // Two scorers racing on one unit, each on its own criteria: both land.
    const race = await Promise.all([
      leader.put(`/v1/emulation/blocs/${id}/scores/${units.c}`, {
        scores: [{ criterion: 'political-tasks', points: 28 }],
        on: TODAY,
      }),
      desk.put(`/v1/emulation/blocs/${id}/scores/${units.c}`, {
        scores: CRITERIA.slice(1).map((criterion) => ({ criterion, points: 9 })),
        on: TODAY,
      }),
    ]);
    expect(race.map((r) => r.status)).toEqual([200, 200]);
    const c = await desk.get(`/v1/emulation/blocs/${id}/scores/${units.c}`);
    expect(c.body).toMatchObject({ total: 64, complete: true, version: 2 });
    expect(c.headers.get('etag')).toBe('W/"2"');
    const stale = await desk.put(
      `/v1/emulation/blocs/${id}/scores/${units.c}`,
      { scores: [{ criterion: 'organisation', points: 7, reason: 'Chưa đủ hồ sơ' }], on: TODAY },
      { 'if-match': 'W/"1"' },
    );
    expect(stale.status).toBe(412);
    const unreasoned = await desk.put(`/v1/emulation/blocs/${id}/scores/${units.c}`, {
      scores: [{ criterion: 'organisation', points: 7 }],
      on: TODAY,
    });
    expect(unreasoned.status).toBe(422);
    expect(unreasoned.body.code).toBe('bloc-adjustment-needs-reason');

    const early = await desk.post(`/v1/emulation/blocs/${id}/flag-proposal`, { on: TODAY });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('bloc-scores-incomplete');
    expect((await desk.put(`/v1/emulation/blocs/${id}/scores/${units.a}`, sheet([30, 25, 18, 12, 9]))).status).toBe(
      200,
    );

    const ranked = await desk.get(`/v1/emulation/blocs/${id}/ranking`);
    expect(ranked.body.complete).toBe(true);
    expect(
      ranked.body.entries.map((e: { unitId: string; rank: number; total: number }) => [e.unitId, e.rank, e.total]),
    ).toEqual([
      [units.a, 1, 94],
      [units.b, 2, 78],
      [units.c, 3, 64],
    ]);
    expect(ranked.body.nextLeader).toMatchObject({ year: YEAR + 1, unitId: units.b });

    const proposed = await desk.post(
      `/v1/emulation/blocs/${id}/flag-proposal`,
      { on: TODAY },
      { 'idempotency-key': `flag-${id}` },
    );
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    expect(proposed.body.flagProposal).toMatchObject({ unitId: units.a, titleCode: 'co-thi-dua-cap-tinh', total: 94 });
    const nomination = await desk.get(`/v1/emulation/nominations/${proposed.body.flagProposal.nominationId}`);
    expect(nomination.body).toMatchObject({
      proposingUnitId: units.upper,
      titleCode: 'co-thi-dua-cap-tinh',
      year: YEAR,
      candidate: { kind: 'unit', unitId: units.a },
    });
    const again = await desk.post(`/v1/emulation/blocs/${id}/flag-proposal`, { on: TODAY });
    expect(again.body.code).toBe('bloc-flag-proposed');

    // Next year's bloc: no leader named, it rotates to the best unit other than this year's leader.
    const next = await form(YEAR + 1);
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.leader).toMatchObject({ unitId: units.b, basis: 'rotation' });
  });
});
