import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { person } from '../../services/membership/test/support/members.ts';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let seq = 0;

async function createUnit(body: Record<string, unknown>): Promise<string> {
  const res = await admin.post('/v1/membership/units', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** An admitted member of a unit, through the API as an officer would do it. */
async function activeMember(unitId: string): Promise<string> {
  const applied = await admin.post(`/v1/membership/units/${unitId}/members`, {
    ...person({ fullName: `Trần Thị Mai ${++seq}` }),
    applicationDate: '2020-01-05',
  });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const admitted = await admin.post(
    `/v1/membership/members/${applied.body.id}/admit`,
    { decisionNumber: `${seq}/QĐ-CĐCS`, decisionDate: '2020-02-01' },
    { 'if-match': applied.headers.get('etag')! },
  );
  expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
  return applied.body.id;
}

async function createTerm(
  unitId: string,
  body = { congressDate: '2023-05-10', startDate: '2023-05-10', endDate: '2028-05-10' },
) {
  const res = await admin.post(`/v1/membership/units/${unitId}/terms`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const appoint = (termId: string, memberId: string, position: string, from = '2023-05-10', as = admin) =>
  as.post(`/v1/membership/terms/${termId}/appointments`, {
    memberId,
    position,
    from,
    decisionNumber: `${++seq}/QĐ-CĐVC`,
  });

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  const province = await createUnit({ code: uniqueCode('BG'), name: 'LĐLĐ tỉnh Bắc Giang', level: 'province' });
  const upper = await createUnit({
    code: uniqueCode('CDVC'),
    name: 'Công đoàn Viên chức tỉnh',
    level: 'upper',
    parentId: province,
  });
  const a = await createUnit({
    code: uniqueCode('LHH'),
    name: 'CĐCS Liên hiệp các Hội KH&KT',
    level: 'grassroots',
    parentId: upper,
    agency: agency('2400123401'),
  });
  const b = await createUnit({
    code: uniqueCode('SNV'),
    name: 'CĐCS Sở Nội vụ',
    level: 'grassroots',
    parentId: upper,
    agency: agency('2400123402'),
  });
  units = { upper, a, b };
});

describe('committees and officers, end to end through the gateway', () => {
  it('records a term once per Idempotency-Key and refuses an overlapping one in Vietnamese or English', async () => {
    const body = { congressDate: '2023-05-10', startDate: '2023-05-10', endDate: '2028-05-10', name: 'Khóa V' };
    const key = { 'idempotency-key': `term-${units.a}` };
    const first = await admin.post(`/v1/membership/units/${units.a}/terms`, body, key);
    const again = await admin.post(`/v1/membership/units/${units.a}/terms`, body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/v1/membership/terms/${first.body.id}`);
    expect(first.headers.get('etag')).toBe('W/"1"');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const overlap = { congressDate: '2027-01-01', startDate: '2027-01-01', endDate: '2032-01-01' };
    const vi = await admin.post(`/v1/membership/units/${units.a}/terms`, overlap);
    expect(vi.status).toBe(409);
    expect(vi.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(vi.body).toMatchObject({ code: 'term-overlap', status: 409 });
    expect(vi.body.detail).toContain('Khóa V');
    const en = await admin.post(`/v1/membership/units/${units.a}/terms`, overlap, { 'accept-language': 'en' });
    expect(en.body.detail).toMatch(/must not overlap/);

    const list = await admin.get(`/v1/membership/units/${units.a}/terms`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([first.body.id]);
    expect(list.body.nextCursor).toBeNull();
  });

  it('appoints officers, keeps the UBKT free of financial roles, and lists the officers on a day', async () => {
    const term = await createTerm(units.b);
    const [chair, accountant] = [await activeMember(units.b), await activeMember(units.b)];
    const chairRes = await appoint(term.id, chair, 'chair');
    expect(chairRes.status, JSON.stringify(chairRes.body)).toBe(201);
    expect(chairRes.headers.get('location')).toBe(`/v1/membership/appointments/${chairRes.body.id}`);
    expect(chairRes.body).toMatchObject({ position: 'chair', unitId: units.b, memberId: chair, end: null, version: 1 });
    expect((await appoint(term.id, accountant, 'accountant')).status).toBe(201);

    const refused = await appoint(term.id, accountant, 'inspection-member', '2024-01-01');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('inspection-incompatible');
    expect(refused.body.detail).toContain('Điều lệ');
    expect(refused.body.detail).toContain('Kế toán');
    const english = await admin.post(
      `/v1/membership/terms/${term.id}/appointments`,
      { memberId: accountant, position: 'inspection-member', from: '2024-01-01', decisionNumber: '7/QĐ' },
      { 'accept-language': 'en' },
    );
    expect(english.body.detail).toMatch(/may not sit on the inspection committee/);

    const read = await admin.get(`/v1/membership/terms/${term.id}?on=2024-06-01`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(read.body.officers.map((o: { position: string }) => o.position)).toEqual(['chair', 'accountant']);

    const officers = await admin.get(`/v1/membership/units/${units.b}/officers?on=2024-06-01`);
    expect(officers.status).toBe(200);
    expect(officers.body.term.id).toBe(term.id);
    expect(officers.body.officers).toHaveLength(2);
    const before = await admin.get(`/v1/membership/units/${units.b}/officers?on=2020-01-01`);
    expect(before.body).toMatchObject({ term: null, officers: [] });
  });

  it('ends an appointment with If-Match, and publishes both events', async () => {
    const term = await createTerm(
      await createUnit({ code: uniqueCode('VP'), name: 'CĐ bộ phận Văn phòng', level: 'section', parentId: units.a }),
    );
    // A member of the CĐCS above the section may sit on its committee.
    const officer = await activeMember(units.a);
    const appointed = (await appoint(term.id, officer, 'womens-affairs-lead')).body;

    const stale = await admin.post(
      `/v1/membership/appointments/${appointed.id}/end`,
      { date: '2025-01-01', reason: 'resigned' },
      { 'if-match': 'W/"5"' },
    );
    expect(stale.status).toBe(412);
    const ended = await admin.post(
      `/v1/membership/appointments/${appointed.id}/end`,
      { date: '2025-01-01', reason: 'resigned', decisionNumber: '3/QĐ-CĐBP' },
      { 'if-match': 'W/"1"' },
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.headers.get('etag')).toBe('W/"2"');
    expect(ended.body.end).toEqual({ date: '2025-01-01', reason: 'resigned', decisionNumber: '3/QĐ-CĐBP', note: null });
    const twice = await admin.post(`/v1/membership/appointments/${appointed.id}/end`, {
      date: '2025-02-01',
      reason: 'other',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('appointment-already-ended');
    expect((await admin.get(`/v1/membership/appointments/${appointed.id}`)).body).toEqual(ended.body);

    await platform.drain();
    const events = (await client(platform).get('/_local/events?limit=500')).body;
    const records: {
      event: { 'detail-type': string; detail: { data: { appointment?: { id: string; version: number } } } };
    }[] = Array.isArray(events) ? events : events.items;
    const mine = records
      .filter((r) => r.event.detail.data.appointment?.id === appointed.id)
      .map((r) => [r.event['detail-type'], r.event.detail.data.appointment?.version]);
    expect(mine.sort()).toEqual([
      ['OfficerAppointed', 1],
      ['OfficerAppointmentEnded', 2],
    ]);
  });

  it('closes a term early with If-Match; its open appointments end with it', async () => {
    const unit = await createUnit({
      code: uniqueCode('TC'),
      name: 'Tổ công đoàn sáp nhập',
      level: 'group',
      parentId: units.a,
    });
    const term = await createTerm(unit);
    const chair = (await appoint(term.id, await activeMember(units.a), 'chair')).body;
    const body = { date: '2025-06-30', reason: 'Sáp nhập tổ', decisionNumber: '12/QĐ-CĐCS' };
    expect((await admin.post(`/v1/membership/terms/${term.id}/close`, body, { 'if-match': 'W/"9"' })).status).toBe(412);
    const closed = await admin.post(`/v1/membership/terms/${term.id}/close`, body, { 'if-match': 'W/"1"' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.headers.get('etag')).toBe('W/"2"');
    expect(closed.body).toMatchObject({ endDate: '2025-06-30', closure: { plannedEndDate: '2028-05-10' } });
    const ended = (await admin.get(`/v1/membership/appointments/${chair.id}`)).body;
    expect(ended.end).toMatchObject({ date: '2025-06-30', reason: 'term-ended' });
    const officers = await admin.get(`/v1/membership/units/${unit}/officers?on=2025-07-01`);
    expect(officers.body).toMatchObject({ term: null, officers: [] });
    await platform.drain();
    const events = (await client(platform).get('/_local/events?limit=500')).body;
    const records: { event: { 'detail-type': string; detail: { data: { term?: { id: string } } } } }[] = Array.isArray(
      events,
    )
      ? events
      : events.items;
    expect(
      records.some((r) => r.event['detail-type'] === 'CommitteeTermClosed' && r.event.detail.data.term?.id === term.id),
    ).toBe(true);
  });

  it('keeps the rule under 10 concurrent conflicting requests, answering each with 201 or 409', async () => {
    const term = await createTerm(
      await createUnit({ code: uniqueCode('TO'), name: 'Tổ công đoàn Kế toán', level: 'group', parentId: units.a }),
    );
    const m = await activeMember(units.a);
    const positions = ['inspection-member', 'accountant', 'treasurer', 'account-holder', 'inspection-member'];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => appoint(term.id, m, positions[i % 5]!)));
    for (const r of results) expect([201, 409], JSON.stringify(r.body)).toContain(r.status);
    const held: string[] = results.filter((r) => r.status === 201).map((r) => r.body.position);
    expect(held.length).toBeGreaterThan(0);
    expect(held.includes('inspection-member') && held.some((p) => p !== 'inspection-member')).toBe(false);
    const read = await admin.get(`/v1/membership/terms/${term.id}?on=2024-01-01`);
    expect(read.body.officers.map((o: { position: string }) => o.position).sort()).toEqual([...held].sort());
  });

  it('answers 404 outside the caller’s subtree, 403 without a writer’s role, 400 on a bad position', async () => {
    const term = (await admin.get(`/v1/membership/units/${units.a}/terms`)).body.items[0];
    const m = await activeMember(units.a);
    const otherOfficer = client(platform, await tokenFor(platform, ['officer'], units.b));
    expect((await otherOfficer.get(`/v1/membership/terms/${term.id}`)).status).toBe(404);
    expect((await otherOfficer.get(`/v1/membership/units/${units.a}/officers`)).status).toBe(404);
    expect((await otherOfficer.get(`/v1/membership/units/${units.a}/terms`)).status).toBe(404);
    expect((await appoint(term.id, m, 'vice-chair', '2023-05-10', otherOfficer)).status).toBe(404);

    const ownOfficer = client(platform, await tokenFor(platform, ['officer'], units.a));
    expect((await ownOfficer.get(`/v1/membership/units/${units.a}/officers`)).status).toBe(200);
    const accountant = client(platform, await tokenFor(platform, ['accountant'], units.a));
    expect((await accountant.get(`/v1/membership/terms/${term.id}`)).status).toBe(200);
    expect((await appoint(term.id, m, 'vice-chair', '2023-05-10', accountant)).status).toBe(403);

    const bad = await appoint(term.id, m, 'president');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('position');
    const outside = await appoint(term.id, m, 'vice-chair', '2030-01-01');
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('appointment-outside-term');
  });
});
