import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * Emulation through the HTTP API on the shared platform: a campaign of an upper level, deeds a
 * CĐCS's member registers and confirms, the totals at each level; and a nomination whose
 * candidate the upper level's UBKT then reprimands: after the bus delivers `DisciplineDecided`
 * (subscription `emulation-inspection-facts`), the eligibility refuses with the reason; an
 * initiative through the national portal's export and its marking as sent, and a nomination it
 * backs received at its title's level only, then refused, which frees the initiative.
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

/** A Lao động tiên tiến nomination of last year for a member of CĐCS a, proposed by its officer: its id. */
async function nominateForLastYear(
  officer: ReturnType<typeof client>,
  memberId: string,
  n: { otherWorkingDays: number; achievements: string; initiativeIds?: string[] },
): Promise<string> {
  const res = await officer.post(
    '/v1/emulation/nominations',
    {
      proposingUnitId: units.a,
      titleCode: 'lao-dong-tien-tien',
      year: YEAR - 1,
      candidate: { kind: 'member', memberId },
      absence: { otherWorkingDays: n.otherWorkingDays, maternityWorkingDays: 0 },
      achievements: n.achievements,
      ...(n.initiativeIds ? { initiativeIds: n.initiativeIds } : {}),
    },
    { 'idempotency-key': `nom-${memberId}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

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
    const nominationId = await nominateForLastYear(officer, memberId, {
      otherWorkingDays: 2,
      achievements: 'Hoàn thành tốt nhiệm vụ',
    });
    const eligibility = () => officer.get(`/v1/emulation/nominations/${nominationId}/eligibility`);
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
    const english = await officer.get(`/v1/emulation/nominations/${nominationId}/eligibility`, {
      'accept-language': 'en',
    });
    expect(english.body.outcome).toBe('ineligible');
  });

  it('an initiative goes to the portal’s export and is marked sent once; a nomination it backs is received only at its title’s level, and refused frees it', async () => {
    const memberId = await activeMember(admin, units.a, 'Phạm Thị Sáng Kiến');
    await platform.drain();
    const officer = client(platform, await tokenFor(platform, ['officer'], units.a), { 'accept-language': 'en' });
    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const submitted = await officer.post(
      '/v1/emulation/initiatives',
      {
        unitId: units.a,
        title: 'Sổ tay điện tử cho tổ công đoàn',
        authors: [{ memberId, sharePercent: 100 }],
        field: 'Chuyển đổi số',
        description: 'Sổ tay sinh hoạt công đoàn trên điện thoại',
        appliedOn: `${YEAR - 1}-02-01`,
        benefit: { kind: 'value', dong: 12_000_000 },
      },
      { 'idempotency-key': `sk-${memberId}` },
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const id = submitted.body.id as string;
    const today = submitted.body.createdAt.slice(0, 10) as string;
    await officer.post(`/v1/emulation/initiatives/${id}/evaluation`, {
      scores: { newness: 80, feasibility: 80, effectiveness: 80 },
      on: `${YEAR - 1}-06-01`,
    });
    const accepted = await officer.post(`/v1/emulation/initiatives/${id}/acceptance`, {
      scope: 'unit',
      recognition: { number: '9/QĐ-CĐCS', date: `${YEAR - 1}-06-10` },
    });
    expect(accepted.body.status, JSON.stringify(accepted.body)).toBe('accepted');

    const unsent = await desk.get(`/v1/emulation/units/${units.upper}/initiatives/export?sent=false`);
    expect(unsent.status, JSON.stringify(unsent.body)).toBe(200);
    expect(unsent.body.filename).toMatch(/-chua-gui\.xlsx$/);
    expect(Buffer.from(unsent.body.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const sent = await desk.post(`/v1/emulation/initiatives/${id}/sent`, { on: today, reference: 'SK-E2E-1' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.sent).toMatchObject({ on: today, reference: 'SK-E2E-1' });
    const again = await officer.post(`/v1/emulation/initiatives/${id}/sent`, { on: today });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'initiative-already-sent' });
    expect(again.body.detail).toContain('already marked as sent');
    const outside = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await outside.get(`/v1/emulation/units/${units.a}/initiatives/export`)).status).toBe(404);

    const nominationId = await nominateForLastYear(officer, memberId, {
      otherWorkingDays: 0,
      achievements: 'Sáng kiến sổ tay điện tử',
      initiativeIds: [id],
    });
    const province = (await admin.get(`/v1/membership/units/${units.upper}`)).body.parentId as string;
    const atProvince = await admin.post(
      `/v1/emulation/nominations/${nominationId}/receipt`,
      { decidingUnitId: province, on: today },
      { 'accept-language': 'en' },
    );
    expect(atProvince.status, JSON.stringify(atProvince.body)).toBe(422);
    expect(atProvince.body).toMatchObject({ code: 'deciding-level-mismatch' });
    const received = await desk.post(`/v1/emulation/nominations/${nominationId}/receipt`, {
      decidingUnitId: units.upper,
      on: today,
    });
    expect(received.body).toMatchObject({ status: 'received', receipt: { eligibility: { outcome: 'eligible' } } });
    const refused = await desk.post(`/v1/emulation/nominations/${nominationId}/refusal`, {
      reason: 'Đơn vị đề nghị rút hồ sơ',
      on: today,
    });
    expect(refused.body).toMatchObject({ status: 'refused', released: { initiativeIds: [id] } });
    expect((await desk.get(`/v1/emulation/initiatives/${id}`)).body.usedBy).toBeNull();
  });
});
