import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * Emulation's policy through the HTTP API on the shared platform: the versions shipped, an
 * administrator's catalogue version built from the catalogue the API answers, two
 * administrators racing (one wins, 409 for the other), and a year's rating criteria an upper
 * level publishes, which its CĐCS's self-assessment is held to. The versions added start far
 * ahead (2099), after whatever an earlier run added, so no other test's year changes rules.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường Chính Sách', 'CĐCS Trường Tiêu Chí'], '2612');
});

const YEAR = new Date().getUTCFullYear();

/** The day after the parameter's latest version, and not before 2099. */
async function nextDay(parameter: string): Promise<string> {
  const { body } = await admin.get(`/v1/emulation/policy/versions?parameter=${parameter}`);
  const latest = (body.items as { effectiveFrom: string }[])
    .map((v) => v.effectiveFrom)
    .sort()
    .at(-1)!;
  const day = new Date(`${latest > '2099-01-01' ? latest : '2099-01-01'}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

describe('emulation policy versions through the API', () => {
  it('lists the shipped versions with their sources, and takes an administrator’s catalogue from its day', async () => {
    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const shipped = await desk.get('/v1/emulation/policy/versions?parameter=catalogue');
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.items.slice(0, 2)).toMatchObject([
      { id: 'catalogue@2024-01-01', origin: 'default', effectiveTo: '2025-06-30', certainty: 'likely' },
      { id: 'catalogue@2025-07-01', origin: 'default' },
    ]);
    expect(shipped.body.items[0].source).toContain('NĐ 98/2023');

    // The catalogue as the API answers it, one threshold changed, posted back as a version.
    const read = await desk.get('/v1/emulation/titles?on=2025-07-01');
    const titles = (read.body.titles as { code: string; council: { threshold: number } }[]).map((t) =>
      t.code === 'chien-si-thi-dua-co-so' ? { ...t, council: { ...t.council, threshold: 0.85 } } : t,
    );
    const from = await nextDay('catalogue');
    const version = {
      parameter: 'catalogue',
      effectiveFrom: from,
      value: { titles },
      source: 'Quyết định 99/QĐ-LĐLĐ',
      certainty: 'sure',
    };
    expect(
      (await desk.post('/v1/emulation/policy/versions', version, { 'idempotency-key': `pv-${from}` })).status,
    ).toBe(403);
    const branchAdmin = client(platform, await tokenFor(platform, ['admin'], units.upper));
    const refused = await branchAdmin.post('/v1/emulation/policy/versions', version, {
      'idempotency-key': `pv-branch-${from}`,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('policy-admin-scope');

    const added = await admin.post('/v1/emulation/policy/versions', version, { 'idempotency-key': `pv-${from}` });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ id: `catalogue@${from}`, origin: 'added', effectiveTo: null });
    const on = (day: string) =>
      desk
        .get(`/v1/emulation/titles?on=${day}`)
        .then(
          (r) =>
            (r.body.titles as { code: string; council: { threshold: number } }[]).find(
              (t) => t.code === 'chien-si-thi-dua-co-so',
            )!.council.threshold,
        );
    expect(await on(from)).toBe(0.85);
    expect(await on(`${YEAR}-01-01`)).toBe(0.8);

    const broken = await admin.post(
      '/v1/emulation/policy/versions',
      { ...version, effectiveFrom: await nextDay('catalogue'), value: { titles: titles.slice(1) } },
      { 'idempotency-key': `pv-broken-${from}` },
    );
    expect(broken.status, JSON.stringify(broken.body)).toBe(422);
  });

  it('two administrators adding at once: one wins, the other gets 409, in Vietnamese', async () => {
    const from = await nextDay('absence');
    const other = client(platform, await tokenFor(platform, ['admin']));
    const add = (api: typeof admin, days: number) =>
      api.post(
        '/v1/emulation/policy/versions',
        {
          parameter: 'absence',
          effectiveFrom: from,
          value: { maxWorkingDays: days, maternityExcepted: true },
          source: `Quyết định ${days}/QĐ-LĐLĐ`,
          certainty: 'sure',
        },
        { 'idempotency-key': `abs-${from}-${days}` },
      );
    const answers = await Promise.all([add(admin, 30), add(other, 45)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body).toMatchObject({ code: 'policy-version-not-after-latest' });
    expect(lost.body.detail).toContain(`đã có phiên bản có hiệu lực từ ${from}`);
  });

  it('a nomination for 2024 is judged under NĐ 98/2023’s catalogue, one for last year under NĐ 152/2025’s', async () => {
    const memberId = await activeMember(admin, units.a, 'Phạm Thị Năm Cũ');
    await platform.drain(); // emulation's member directory
    const officer = client(platform, await tokenFor(platform, ['officer'], units.a));
    const rulesOf = async (year: number) => {
      const nomination = await officer.post(
        '/v1/emulation/nominations',
        {
          proposingUnitId: units.a,
          titleCode: 'lao-dong-tien-tien',
          year,
          candidate: { kind: 'member', memberId },
          absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
          achievements: `Hoàn thành tốt nhiệm vụ năm ${year}`,
        },
        { 'idempotency-key': `nom-${memberId}-${year}` },
      );
      expect(nomination.status, JSON.stringify(nomination.body)).toBe(201);
      const report = await officer.get(`/v1/emulation/nominations/${nomination.body.id}/eligibility`);
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      return report.body.rules;
    };
    expect(await rulesOf(2024)).toMatchObject({
      on: '2024-12-31',
      catalogue: { effectiveFrom: '2024-01-01', source: 'Luật Thi đua, khen thưởng 2022; NĐ 98/2023/NĐ-CP' },
    });
    expect(await rulesOf(YEAR - 1)).toMatchObject({
      on: `${YEAR - 1}-12-31`,
      catalogue: { effectiveFrom: '2025-07-01', source: 'Luật Thi đua, khen thưởng 2022; NĐ 152/2025/NĐ-CP' },
    });
  });

  it('a year’s rating criteria an upper level publishes: its CĐCS is rated against them', async () => {
    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const published = await desk.post(
      `/v1/emulation/units/${units.upper}/rating-criteria/${YEAR}`,
      {
        criteria: [
          { code: 'dai-dien', name: 'Đại diện, bảo vệ quyền lợi', maxPoints: 50 },
          { code: 'thi-dua', name: 'Phong trào thi đua', maxPoints: 50 },
        ],
        document: { number: '12/HD-CĐVC', date: `${YEAR}-01-05` },
      },
      { 'idempotency-key': `rc-${units.upper}` },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.bands.map((b: { minScore: number }) => b.minScore)).toEqual([85, 70, 50, 0]);

    const cdcs = client(platform, await tokenFor(platform, ['officer'], units.a));
    expect((await cdcs.get(`/v1/emulation/units/${units.upper}/rating-criteria/${YEAR}`)).body.document.number).toBe(
      '12/HD-CĐVC',
    );
    const assessed = await cdcs.put(`/v1/emulation/units/${units.a}/ratings/${YEAR}`, {
      scores: [
        { criterion: 'dai-dien', points: 45, evidence: 'Báo cáo năm' },
        { criterion: 'thi-dua', points: 40, evidence: 'Danh sách đăng ký thi đua' },
      ],
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(200);
    expect(assessed.body.policy.criteriaSet).toEqual({
      unitId: units.upper,
      number: '12/HD-CĐVC',
      date: `${YEAR}-01-05`,
    });
    const again = await desk.post(
      `/v1/emulation/units/${units.upper}/rating-criteria/${YEAR}`,
      {
        criteria: [{ code: 'khac', name: 'Khác', maxPoints: 100 }],
        document: { number: '13/HD-CĐVC', date: `${YEAR}-02-01` },
      },
      { 'idempotency-key': `rc-again-${units.upper}` },
    );
    expect(again.status).toBe(409);
    const sibling = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await sibling.get(`/v1/emulation/units/${units.a}/ratings/${YEAR}`)).status).toBe(404);
  });
});
