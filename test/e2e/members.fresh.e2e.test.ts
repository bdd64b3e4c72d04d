import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;
let lhh: string;
let snv: string;

beforeAll(async () => {
  platform = await startTestPlatform({ seed: ['membership'] });
  admin = client(platform, await tokenFor(platform, ['admin']));
  const roots = (await admin.get('/v1/membership/units')).body.items;
  const all = (await admin.get(`/v1/membership/units/${roots[0].id}/subtree?limit=200`)).body.items as {
    id: string;
    code: string;
  }[];
  lhh = all.find((u) => u.code === 'CDCS-LHHKHKT-BG')!.id;
  snv = all.find((u) => u.code === 'CDCS-SNV-BG')!.id;
}, 60_000);
afterAll(async () => {
  await platform?.stop();
});

const applicant = {
  fullName: 'Ngô Thị Thanh Xuân',
  gender: 'female',
  dateOfBirth: '1995-07-04',
  cccd: '024195123456',
  educationLevel: 'bachelor',
  employmentCategory: 'public-employee',
  duesSalary: 5_200_000,
};

describe('members through the API', () => {
  it('shows seed 001’s CĐCS in the demo data: 7 members, 2 master’s, 3 bachelor’s, 1 college, 1 vocational; 5 viên chức, 2 công chức', async () => {
    const res = await admin.get(`/v1/membership/units/${lhh}/statistics`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.totals.members).toBe(7);
    expect(res.body.byEducation).toMatchObject({ master: 2, bachelor: 3, college: 1, vocational: 1 });
    expect(res.body.byEmploymentCategory).toMatchObject({ 'public-employee': 5, 'civil-servant': 2 });
    expect(res.body.byPoliticalTheory).toMatchObject({ bachelor: 2, intermediate: 2, elementary: 3 });
    const list = await admin.get(`/v1/membership/units/${lhh}/members?status=active`);
    // By given name in the Vietnamese alphabet (Hà < Hằng < Hùng < Lan < Mai < Nam < Toàn).
    expect(list.body.items.map((m: { fullName: string }) => m.fullName)).toEqual([
      'Nguyễn Thị Thu Hà',
      'Đỗ Thị Hằng',
      'Trần Văn Hùng',
      'Hoàng Thị Lan',
      'Lê Thị Mai',
      'Phạm Văn Nam',
      'Vũ Văn Toàn',
    ]);
  });

  it('admits an applicant: 201 with Location, then a card number; finds them without diacritics', async () => {
    const created = await admin.post(`/v1/membership/units/${lhh}/members`, {
      ...applicant,
      applicationDate: '2026-10-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/membership/members/${created.body.id}`);
    const admitted = await admin.post(
      `/v1/membership/members/${created.body.id}/admit`,
      { decisionNumber: '05/QĐ-CĐCS', decisionDate: '2026-11-01' },
      { 'if-match': created.headers.get('etag')! },
    );
    expect(admitted.status).toBe(200);
    expect(admitted.body.cardNumber).toMatch(/^2026\d{6}$/);
    const found = await admin.get(`/v1/membership/units/${lhh}/members?q=${encodeURIComponent('ngo thi thanh')}`);
    expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    const byCard = await admin.get(`/v1/membership/members/by-card/${admitted.body.cardNumber}`);
    expect(byCard.body.id).toBe(created.body.id);
  });

  it('refuses a second membership for the same CCCD with 409', async () => {
    const res = await admin.post(`/v1/membership/units/${snv}/members`, applicant);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('cccd-taken');
  });

  it('takes a CCCD typed with spaces or dots, as the file import does, and finds it either way', async () => {
    const created = await admin.post(`/v1/membership/units/${snv}/members`, {
      ...applicant,
      fullName: 'Đinh Thị Ngọc',
      dateOfBirth: '1994-02-03',
      cccd: '024 194 654 321',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.cccd).toBe('024194654321');
    const found = await admin.get(`/v1/membership/members/by-cccd/${encodeURIComponent('024.194.654.321')}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    const dashed = await admin.post(`/v1/membership/units/${snv}/members`, { ...applicant, cccd: '024-195-123-457' });
    expect(dashed.status).toBe(400);
    expect(dashed.body.errors.map((e: { field: string }) => e.field)).toEqual(['cccd']);
  });

  it('keeps a CCCD that exited today from a new application or a bulk upsert, pointing to re-admission', async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const person = { ...applicant, fullName: 'Tạ Thị Thu', dateOfBirth: '1993-06-06', cccd: '024193777001' };
    const created = await admin.post(`/v1/membership/units/${snv}/members`, { ...person, applicationDate: today });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const admitted = await admin.post(`/v1/membership/members/${created.body.id}/admit`, {
      decisionNumber: '7/QĐ',
      decisionDate: today,
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
    expect(
      (await admin.post(`/v1/membership/members/${created.body.id}/exit`, { date: '2099-12-31', reason: 'retired' }))
        .body,
    ).toMatchObject({ status: 422, code: 'date-in-future' });
    const exited = await admin.post(`/v1/membership/members/${created.body.id}/exit`, {
      date: today,
      reason: 'retired',
    });
    expect(exited.status, JSON.stringify(exited.body)).toBe(200);

    const again = await admin.post(`/v1/membership/units/${lhh}/members`, person, { 'accept-language': 'en' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('readmission-required');
    expect(again.body.detail).toMatch(/readmit/);
    const bulk = await admin.post(`/v1/membership/units/${lhh}/members/bulk-upsert`, { items: [person] });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body.results[0]).toMatchObject({ outcome: 'failed', error: { code: 'readmission-required' } });
    const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
    const early = await admin.post(`/v1/membership/members/${created.body.id}/readmit`, {
      decisionNumber: '8/QĐ',
      decisionDate: tomorrow,
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('readmission-too-soon');
  });

  it('answers a transfer into a unit outside the officer’s subtree that takes no members as into a missing unit', async () => {
    const upper = (await admin.get(`/v1/membership/units/${snv}`)).body.parentId as string;
    const officer = client(platform, await tokenFor(platform, ['officer'], snv));
    const m = (await admin.get(`/v1/membership/units/${snv}/members?limit=1`)).body.items[0];
    const into = async (toUnitId: string) => {
      const res = await officer.post(`/v1/membership/members/${m.id}/transfer`, { toUnitId, date: '2026-11-21' });
      const { requestId: _r, instance: _i, ...body } = res.body;
      return { status: res.status, body: JSON.parse(JSON.stringify(body).replaceAll(toUnitId, '{id}')) };
    };
    const outside = await into(upper);
    expect(outside).toEqual(await into('no-such-unit'));
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside)).not.toContain('Viên chức');
  });

  it('refuses an illegal transition with 409 and a reason', async () => {
    const m = (await admin.get(`/v1/membership/units/${lhh}/members?status=active&limit=1`)).body.items[0];
    const exited = await admin.post(`/v1/membership/members/${m.id}/exit`, { date: '2026-11-20', reason: 'retired' });
    expect(exited.status).toBe(200);
    const transfer = await admin.post(`/v1/membership/members/${m.id}/transfer`, { toUnitId: snv, date: '2026-11-21' });
    expect(transfer.status).toBe(409);
    expect(transfer.body.code).toBe('illegal-member-transition');
    expect(transfer.body.detail).toMatch(/ra khỏi tổ chức/);
  });

  it('masks CCCD and salary for roles that do not need them, and hides other units’ members', async () => {
    const m = (await admin.get(`/v1/membership/units/${lhh}/members?status=active&limit=1`)).body.items[0];
    const accountant = client(platform, await tokenFor(platform, ['accountant'], lhh));
    const seen = (await accountant.get(`/v1/membership/members/${m.id}`)).body;
    expect(seen.cccd).toBe(`••••••••${m.cccd.slice(-4)}`);
    expect(seen.duesSalary).toBe(m.duesSalary);
    const emulation = client(platform, await tokenFor(platform, ['emulation-officer'], lhh));
    expect((await emulation.get(`/v1/membership/members/${m.id}`)).body).toMatchObject({
      duesSalary: null,
      masked: true,
    });
    const otherOfficer = client(platform, await tokenFor(platform, ['officer'], snv));
    expect((await otherOfficer.get(`/v1/membership/members/${m.id}`)).status).toBe(404);
    expect((await otherOfficer.get(`/v1/membership/units/${lhh}/members`)).status).toBe(404);
    expect((await otherOfficer.patch(`/v1/membership/members/${m.id}`, { jobTitle: 'x' })).status).toBe(404);
  });

  it('lets a member read their own record in full once an officer links their account', async () => {
    const [m, other] = (await admin.get(`/v1/membership/units/${lhh}/members?status=active&limit=2`)).body.items;
    const self = client(
      platform,
      (await platform.issueToken({ roles: ['member'], unitId: lhh, subject: 'account-of-m' })).token,
    );
    expect((await self.get('/v1/membership/me')).status).toBe(404);
    const linked = await admin.put(`/v1/membership/members/${m.id}/account`, { subject: 'account-of-m' });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    const mine = await self.get('/v1/membership/me');
    expect(mine.body).toMatchObject({ id: m.id, cccd: m.cccd, duesSalary: m.duesSalary, masked: false });
    // The member role reads its own record only.
    expect((await self.get(`/v1/membership/members/${other.id}`)).status).toBe(403);
    const twice = await admin.put(`/v1/membership/members/${other.id}/account`, { subject: 'account-of-m' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('account-linked-elsewhere');
  });

  it('merges a CĐCS into another in the background: 202, then the job succeeds and the members moved', async () => {
    const before = (await admin.get(`/v1/membership/units/${lhh}/statistics`)).body.totals.members;
    const res = await admin.post(`/v1/membership/units/${lhh}/dissolution`, {
      mode: 'merge',
      mergeIntoUnitId: snv,
      date: '2026-11-21',
      reason: 'Sáp nhập theo Kết luận 157-KL/TW',
      decisionNumber: '88/QĐ-CĐVC',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await platform.drain();
    const job = (await admin.get(res.headers.get('location')!)).body;
    expect(job.status).toBe('succeeded');
    expect(job.membersProcessed).toBe(before);
    expect((await admin.get(`/v1/membership/units/${lhh}`)).body.status).toBe('dissolved');
    expect((await admin.get(`/v1/membership/units/${snv}/statistics`)).body.totals.members).toBe(before);
    const again = await admin.post(`/v1/membership/units/${lhh}/dissolution`, {
      mode: 'merge',
      mergeIntoUnitId: snv,
      date: '2026-11-21',
      reason: 'Sáp nhập theo Kết luận 157-KL/TW',
      decisionNumber: '88/QĐ-CĐVC',
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(job.id);
  });
});
