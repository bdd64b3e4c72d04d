import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, appointed, created, upperWithTwoCdcs } from '../support/org-world.ts';
import { type ApiResponse, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

/**
 * Cases and inspections meeting through the HTTP API on the shared platform: an inspection opened
 * on the anonymous report it came from, the classes and cases it may not rest on, and a case's
 * intake naming a handling unit the caller cannot see, answered as one that does not exist.
 */
let platform: Platform;
let units: { upper: string; a: string; b: string };
/** A section (công đoàn bộ phận) of CĐCS A, which A's committee may inspect. */
let section: string;
let ofA: ReturnType<typeof client>;
let ofUpper: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường H', 'CĐCS Trường K'], '2771');
  section = await created(
    admin.post('/v1/membership/units', {
      code: uniqueCode('CDBP'),
      name: 'Công đoàn bộ phận Tổ Toán',
      level: 'section',
      parentId: units.a,
    }),
  );
  await platform.drain();
  ofA = client(platform, await tokenFor(platform, ['inspector'], units.a));
  ofUpper = client(platform, await tokenFor(platform, ['inspector'], units.upper));
});

const intake = (handlingUnitId: string, klass: string, subjectUnitId: string) => ({
  handlingUnitId,
  class: klass,
  channel: 'post',
  receivedOn: '2026-02-20',
  ...(klass === 'anonymous-report' ? {} : { person: { fullName: 'Người gửi đơn' } }),
  subject: { kind: 'unit', unitId: subjectUnitId },
  content: 'Phản ánh việc chi quỹ công đoàn không đúng quy định.',
});
const decision = (n: number) => ({
  number: `${n}/QĐ-UBKT`,
  date: '2026-03-02',
  scope: 'Dấu hiệu vi phạm trong thu, chi tài chính',
  period: { from: '2025-01-01', to: '2025-12-31' },
});
/** A problem with the id it names blanked and its request's own id left out: what tells one refusal from another. */
const blank = (res: ApiResponse, id: string) => {
  const { requestId, ...problem } = res.body as { requestId: string };
  expect(requestId).toEqual(expect.any(String));
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: JSON.parse(JSON.stringify(problem).replaceAll(id, '<id>')),
  };
};

/** A signs-of-violation inspection decided by `by`'s committee at `unitId` of `targetUnitId`, on `basis`. */
const openOn = (
  by: ReturnType<typeof client>,
  unitId: string,
  targetUnitId: string,
  basis: { kind: string; id: string },
  headers?: Record<string, string>,
) =>
  by.post(
    '/v1/inspection/inspections',
    { unitId, targetUnitId, type: 'signs-of-violation', decision: decision(++decisions), basis },
    headers,
  );
let decisions = 0;
const onCase = (id: string) => ({ kind: 'case', id });

describe('an inspection opened on a case', () => {
  it('shows the anonymous report it rests on; refuses a complaint (422) and a case the caller cannot see (404 like a missing one)', async () => {
    const report = await ofUpper.post('/v1/inspection/cases', intake(units.upper, 'anonymous-report', units.a));
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const opened = await openOn(ofUpper, units.upper, units.a, onCase(report.body.id));
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.basis).toEqual({ kind: 'case', id: report.body.id, class: 'anonymous-report' });
    const read = await ofUpper.get(`/v1/inspection/inspections/${opened.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.basis).toEqual({ kind: 'case', id: report.body.id, class: 'anonymous-report' });

    const complaint = await ofUpper.post('/v1/inspection/cases', intake(units.upper, 'complaint-first', units.a));
    expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
    const vi = await openOn(ofUpper, units.upper, units.a, onCase(complaint.body.id));
    expect(vi.status).toBe(422);
    expect(vi.headers.get('content-type')).toContain('application/problem+json');
    expect(vi.body).toMatchObject({ code: 'case-cannot-open-inspection' });
    expect(vi.body.detail).toContain('Chỉ tin báo nặc danh, tố cáo hoặc kiến nghị, phản ánh');
    const en = await openOn(ofUpper, units.upper, units.a, onCase(complaint.body.id), { 'accept-language': 'en' });
    expect(en.body.detail).toContain('only an anonymous report, a denunciation or a petition can');

    // CĐCS B's own report: the upper level sees it and may rest an inspection of CĐCS A on it.
    const ofB = client(platform, await tokenFor(platform, ['inspector'], units.b));
    const elsewhere = await ofB.post('/v1/inspection/cases', intake(units.b, 'anonymous-report', units.b));
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
    expect((await openOn(ofUpper, units.upper, units.a, onCase(elsewhere.body.id))).status).toBe(201);
    // A's committee rests one on its own report; B's it cannot see, answered as a missing case.
    const own = await ofA.post('/v1/inspection/cases', intake(units.a, 'denunciation', section));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const onOwn = await openOn(ofA, units.a, section, onCase(own.body.id));
    expect(onOwn.status, JSON.stringify(onOwn.body)).toBe(201);
    expect(onOwn.body.basis).toEqual({ kind: 'case', id: own.body.id, class: 'denunciation' });
    const outside = await openOn(ofA, units.a, section, onCase(elsewhere.body.id));
    const missing = await openOn(ofA, units.a, section, onCase('no-such-case'));
    expect(outside.status).toBe(404);
    expect(blank(outside, elsewhere.body.id)).toEqual(blank(missing, 'no-such-case'));
    const badKind = await openOn(ofUpper, units.upper, units.a, { kind: 'inspection', id: opened.body.id });
    expect(badKind.status).toBe(400);
  });
});

describe('a case’s intake', () => {
  it('naming a handling unit outside the caller’s subtree is the 404 of a missing unit', async () => {
    const outside = await ofA.post('/v1/inspection/cases', intake(units.b, 'petition', units.a));
    const missing = await ofA.post('/v1/inspection/cases', intake('no-such-unit', 'petition', units.a));
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toContain('application/problem+json');
    expect(blank(outside, units.b)).toEqual(blank(missing, 'no-such-unit'));
    const en = await ofA.post('/v1/inspection/cases', intake(units.b, 'petition', units.a), {
      'accept-language': 'en',
    });
    const enMissing = await ofA.post('/v1/inspection/cases', intake('no-such-unit', 'petition', units.a), {
      'accept-language': 'en',
    });
    expect(blank(en, units.b)).toEqual(blank(enMissing, 'no-such-unit'));
    // The upper level, whose subtree holds CĐCS B, is heard.
    expect((await ofUpper.post('/v1/inspection/cases', intake(units.b, 'petition', units.b))).status).toBe(201);
  });
});

describe('a case about an officer', () => {
  it('names a member holding an office, as membership appointed them; a member in no office is refused (422)', async () => {
    const chair = await activeMember(admin, units.a, 'Phan Văn Chủ Tịch');
    const plain = await activeMember(admin, units.a, 'Phan Văn Thường');
    await appointed(admin, units.a, chair, 'chair');
    await platform.drain();
    const about = (memberId: string, headers?: Record<string, string>) =>
      ofUpper.post(
        '/v1/inspection/cases',
        { ...intake(units.upper, 'denunciation', units.a), subject: { kind: 'officer', memberId } },
        headers,
      );
    const onChair = await about(chair);
    expect(onChair.status, JSON.stringify(onChair.body)).toBe(201);
    expect(onChair.body.subject).toMatchObject({ kind: 'officer', memberId: chair, unitId: units.a });
    const onPlain = await about(plain);
    expect(onPlain.status).toBe(422);
    expect(onPlain.body).toMatchObject({ code: 'subject-not-officer' });
    expect(onPlain.body.detail).toContain('không giữ chức vụ công đoàn nào vào ngày 20/02/2026');
    const en = await about(plain, { 'accept-language': 'en' });
    expect(en.body.detail).toContain('held no union office on 2026-02-20');
  });
});
