import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * Emulation through the HTTP API on the shared platform: a campaign of an upper level, deeds a
 * CĐCS's member registers and confirms, the totals at each level; and a nomination whose
 * candidate the upper level's UBKT then reprimands: after the bus delivers `DisciplineDecided`
 * (subscription `emulation-inspection-facts`), the eligibility refuses with the reason.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường E', 'CĐCS Trường G'], '2611');
});

const YEAR = new Date().getUTCFullYear();

describe('emulation through the API', () => {
  it('a campaign’s deeds count at every level, once confirmed', async () => {
    const memberId = await activeMember(admin, units.a, 'Lê Thị Thi Đua');
    await platform.drain(); // emulation's member directory
    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const campaign = await desk.post(
      '/v1/emulation/movements',
      {
        unitId: units.upper,
        kind: 'campaign',
        theme: 'Trung thành, trách nhiệm, liêm chính, sáng tạo',
        period: { from: `${YEAR}-01-01`, to: `${YEAR + 1}-12-31` },
        registrationDeadline: `${YEAR + 1}-06-30`,
        criteria: ['Việc làm theo Bác'],
      },
      { 'idempotency-key': `mv-${units.upper}` },
    );
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);

    const officer = client(platform, await tokenFor(platform, ['officer'], units.a));
    expect((await officer.get(`/v1/emulation/units/${units.a}/movements?year=${YEAR}`)).body.items).toHaveLength(1);
    const reg = await officer.post(
      `/v1/emulation/movements/${campaign.body.id}/registrations`,
      { kind: 'deeds', registrant: { kind: 'member', memberId }, count: 7, description: 'Tiết kiệm điện' },
      { 'idempotency-key': `reg-${memberId}` },
    );
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const today = reg.body.registeredOn as string;
    const done = await officer.post(`/v1/emulation/registrations/${reg.body.id}/confirm`, { on: today, count: 6 });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const totals = await desk.get(`/v1/emulation/units/${units.upper}/registration-totals?from=${YEAR}&to=${YEAR}`);
    expect(totals.body.totals).toMatchObject({ deedRegistrations: 1, deedsRegistered: 7, deedsDone: 6 });
    const other = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await other.get(`/v1/emulation/registrations/${reg.body.id}`)).status).toBe(404);
  });

  it('a reprimand from inspection refuses a nominee, with the reason', async () => {
    const memberId = await activeMember(admin, units.a, 'Trần Văn Đề Cử');
    await platform.drain();
    const officer = client(platform, await tokenFor(platform, ['officer'], units.a));
    const nomination = await officer.post(
      '/v1/emulation/nominations',
      {
        proposingUnitId: units.a,
        titleCode: 'lao-dong-tien-tien',
        year: YEAR - 1,
        candidate: { kind: 'member', memberId },
        absence: { otherWorkingDays: 2, maternityWorkingDays: 0 },
        achievements: 'Hoàn thành tốt nhiệm vụ',
      },
      { 'idempotency-key': `nom-${memberId}` },
    );
    expect(nomination.status, JSON.stringify(nomination.body)).toBe(201);
    const eligibility = () => officer.get(`/v1/emulation/nominations/${nomination.body.id}/eligibility`);
    expect((await eligibility()).body.outcome).toBe('eligible');

    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const reprimand = await ubkt.post('/v1/inspection/discipline', {
      subject: { kind: 'member', memberId },
      form: 'reprimand',
      decision: { number: '12/QĐ-UBKT', date: `${YEAR - 1}-05-03` },
      issuerUnitId: units.upper,
      grounds: 'Vi phạm Điều lệ Công đoàn',
      basis: null,
    });
    expect(reprimand.status, JSON.stringify(reprimand.body)).toBe(201);
    await platform.drain();

    const refused = await eligibility();
    expect(refused.body.outcome).toBe('ineligible');
    expect(refused.body.verdicts.find((v: { rule: string }) => v.rule === 'no-discipline-in-period').reason.vi).toBe(
      `Không đủ điều kiện: bị khiển trách ngày 03/05/${YEAR - 1} (QĐ 12/QĐ-UBKT), trong kỳ xét ${YEAR - 1} (Luật TĐKT 2022; NĐ 152/2025 Điều 4).`,
    );
    const english = await officer.get(`/v1/emulation/nominations/${nomination.body.id}/eligibility`, {
      'accept-language': 'en',
    });
    expect(english.body.outcome).toBe('ineligible');
  });
});
