import { dayInVietnam } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../../../test/support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * Honour rolls and statistics through the HTTP API on the shared platform: a member awarded in
 * one CĐCS, transferred through membership's API to the other and awarded there; the member's
 * roll as each unit sees it, the units' rolls, and the upper level's statistics and their .xlsx,
 * counted in the transactions of the awards and of an initiative's acceptance.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let desk: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let memberId: string;
let stayingId: string;

const today = dayInVietnam(new Date());
const YEAR = Number(today.slice(0, 4));
const LAST = YEAR - 1;

async function award(body: unknown) {
  const res = await desk.post('/v1/emulation/awards', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Vinh danh A', 'CĐCS Vinh danh B'], '2693');
  desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
  memberId = await activeMember(admin, units.a, 'Phạm Thị Vinh');
  stayingId = await activeMember(admin, units.a, 'Đỗ Văn Ở Lại');
  await platform.drain(); // emulation's member directory
  await award({
    titleCode: 'chien-si-thi-dua-co-so',
    year: LAST,
    recipient: { kind: 'member', memberId },
    decision: { number: '31/QĐ-CĐVC', date: `${LAST}-12-20` },
  });
  await award({
    titleCode: 'lao-dong-tien-tien',
    year: LAST,
    recipient: { kind: 'member', memberId: stayingId },
    decision: { number: '32/QĐ-CĐVC', date: `${LAST}-12-20` },
  });
  await award({
    titleCode: 'tap-the-lao-dong-tien-tien',
    year: LAST,
    recipient: { kind: 'unit', unitId: units.a },
    decision: { number: '33/QĐ-CĐVC', date: `${LAST}-12-21` },
  });
  // The member moves to the other CĐCS today, and is awarded there.
  const moved = await admin.post(`/v1/membership/members/${memberId}/transfer`, { toUnitId: units.b, date: today });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  await platform.drain();
  await award({
    titleCode: 'lao-dong-tien-tien',
    year: YEAR,
    recipient: { kind: 'member', memberId },
    decision: { number: '7/QĐ-CĐVC', date: today },
  });
});

describe('honour rolls through the API', () => {
  it('a member’s roll follows them across the transfer; the unit they left sees its own awards only', async () => {
    const b = client(platform, await tokenFor(platform, ['officer'], units.b));
    const roll = await b.get(`/v1/emulation/members/${memberId}/honours`);
    expect(roll.status, JSON.stringify(roll.body)).toBe(200);
    expect(roll.body.scope).toBe('all');
    expect(roll.body.items.map((h: { year: number; unitId: string }) => [h.year, h.unitId])).toEqual([
      [LAST, units.a],
      [YEAR, units.b],
    ]);
    expect(roll.body.items[0].title.name.vi).toBe('Chiến sĩ thi đua cơ sở');

    const a = client(platform, await tokenFor(platform, ['officer'], units.a));
    const former = await a.get(`/v1/emulation/members/${memberId}/honours`);
    expect(former.body.scope).toBe('units-in-scope');
    expect(former.body.items.map((h: { year: number }) => h.year)).toEqual([LAST]);

    // B never held the member who stayed in A: the 404 of a missing member, word for word.
    const stranger = await b.get(`/v1/emulation/members/${stayingId}/honours`);
    const nobody = await b.get('/v1/emulation/members/khong-co-ai/honours');
    expect([stranger.status, nobody.status]).toEqual([404, 404]);
    expect(stranger.body.code).toBe(nobody.body.code);
  });

  it('a unit’s roll holds its collective awards and its members’ awards while in it', async () => {
    const roll = await desk.get(`/v1/emulation/units/${units.a}/honours?year=${LAST}`);
    expect(roll.status, JSON.stringify(roll.body)).toBe(200);
    expect(roll.body.items.map((h: { titleCode: string; recipientName: string }) => h.titleCode)).toEqual([
      'tap-the-lao-dong-tien-tien',
      'chien-si-thi-dua-co-so',
      'lao-dong-tien-tien',
    ]);
    expect(roll.body.items[0].recipientName).toBe('CĐCS Vinh danh A');
    expect(roll.body.items[1].recipientName).toMatch(/^Phạm Thị Vinh/);
    const b = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await b.get(`/v1/emulation/units/${units.a}/honours`)).status).toBe(404);
  });
});

describe('statistics through the API', () => {
  it('counts the year’s awards in each unit and the units above, with an accepted initiative, as JSON and .xlsx', async () => {
    const a = client(platform, await tokenFor(platform, ['officer'], units.a));
    const initiative = await a.post('/v1/emulation/initiatives', {
      unitId: units.a,
      title: 'Sổ theo dõi đoàn viên điện tử',
      authors: [{ memberId: stayingId, sharePercent: 100 }],
      field: 'Chuyển đổi số',
      description: 'Thay sổ giấy bằng bảng tính dùng chung',
      appliedOn: today,
      benefit: { kind: 'value', dong: 12_000_000 },
    });
    expect(initiative.status, JSON.stringify(initiative.body)).toBe(201);
    const path = `/v1/emulation/initiatives/${initiative.body.id}`;
    expect(
      (await a.post(`${path}/evaluation`, { scores: { newness: 80, feasibility: 80, effectiveness: 80 }, on: today }))
        .status,
    ).toBe(200);
    const accepted = await a.post(`${path}/acceptance`, {
      scope: 'unit',
      recognition: { number: '3/QĐ-CĐCS', date: today },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const last = await desk.get(`/v1/emulation/units/${units.upper}/statistics/${LAST}`);
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    const value = (body: { figures: { code: string; value: number }[] }, code: string) =>
      body.figures.find((f) => f.code === code)?.value;
    expect([value(last.body, 'collective-awards'), value(last.body, 'individual-awards')]).toEqual([1, 2]);
    const byUnit = Object.fromEntries(
      last.body.byUnit.rows.map((r: { unitId: string; individualAwards: number }) => [r.unitId, r.individualAwards]),
    );
    expect(byUnit).toEqual({ [units.a]: 2, [units.b]: 0 });

    const period = await desk.get(`/v1/emulation/units/${units.upper}/statistics/${YEAR}?from=${LAST}`, {
      'accept-language': 'en',
    });
    expect([value(period.body, 'individual-awards'), value(period.body, 'accepted-initiatives')]).toEqual([3, 1]);
    expect(value(period.body, 'initiative-benefit')).toBe(12_000_000);
    expect(period.body.figures[0].rule.en).toContain(`years ${LAST}–${YEAR}`);
    expect((await desk.get(`/v1/emulation/units/${units.upper}/statistics/${LAST}?from=${YEAR}`)).status).toBe(422);

    const file = await desk.get(`/v1/emulation/units/${units.upper}/statistics/${LAST}/export`);
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    expect(file.body.filename).toBe(`thong-ke-thi-dua-khen-thuong-${units.upper}-${LAST}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.body.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([`Thống kê ${LAST}`, 'Cách tính']);

    const b = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await b.get(`/v1/emulation/units/${units.a}/statistics/${LAST}`)).status).toBe(404);
  });
});
