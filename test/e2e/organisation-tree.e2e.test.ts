import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesPattern } from '../../packages/local/src/events/pattern.ts';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
});

async function createUnit(body: Record<string, unknown>) {
  const res = await admin.post('/v1/membership/units', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; parentId: string | null };
}

describe('the organisation tree, end to end through the gateway and the bus', () => {
  it('answers /health and serves the API reference', async () => {
    expect((await client(platform).get('/health')).status).toBe(200);
    const docs = await fetch(`${platform.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    const openapi = await client(platform).get('/openapi.json');
    expect(openapi.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(openapi.body.paths)).toContain('/v1/finance/units/{id}');
  });

  it('creates a unit with 201 and Location; a move shows up in finance; the events list each consumer’s outcome', async () => {
    const root = await createUnit({
      code: uniqueCode('VN'),
      name: 'Tổng Liên đoàn Lao động Việt Nam',
      level: 'national',
    });
    const province = await createUnit({
      code: uniqueCode('BG'),
      name: 'LĐLĐ tỉnh Bắc Giang',
      level: 'province',
      parentId: root.id,
    });
    const upperA = await createUnit({
      code: uniqueCode('CDVC'),
      name: 'Công đoàn Viên chức tỉnh Bắc Giang',
      level: 'upper',
      parentId: province.id,
    });
    const upperB = await createUnit({
      code: uniqueCode('CDGD'),
      name: 'Công đoàn ngành Giáo dục',
      level: 'upper',
      parentId: province.id,
    });

    const created = await admin.post('/v1/membership/units', {
      code: uniqueCode('LHH'),
      name: 'CĐCS Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
      level: 'grassroots',
      parentId: upperA.id,
      agency: agency('2400123456'),
    });
    expect(created.status).toBe(201);
    const cdcs = created.body;
    expect(created.headers.get('location')).toBe(`/v1/membership/units/${cdcs.id}`);
    expect(created.headers.get('etag')).toBe('W/"1"');

    await platform.drain();
    const profile = await admin.get(`/v1/finance/units/${cdcs.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      taxId: '2400123456',
      fundingType: 'state-budget-partial',
      parentId: upperA.id,
    });

    const moved = await admin.post(
      `/v1/membership/units/${cdcs.id}/move`,
      { parentId: upperB.id },
      { 'if-match': 'W/"1"' },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.headers.get('etag')).toBe('W/"2"');
    await platform.drain();
    expect((await admin.get(`/v1/finance/units/${cdcs.id}`)).body).toMatchObject({
      parentId: upperB.id,
      sourceVersion: 2,
    });

    const renamed = await admin.patch(`/v1/membership/units/${cdcs.id}`, { name: 'CĐCS Liên hiệp các Hội KH&KT' });
    expect(renamed.status).toBe(200);
    await platform.drain();
    expect((await admin.get(`/v1/finance/units/${cdcs.id}`)).body.name).toBe('CĐCS Liên hiệp các Hội KH&KT');

    const events = (await client(platform).get('/_local/events?limit=200')).body;
    const records: {
      event: { 'detail-type': string; detail: { data: { unit: { id: string } } } };
      outcomes: { rule: string; status: string }[];
    }[] = Array.isArray(events) ? events : events.items;
    const forUnit = records.filter((r) => r.event.detail.data.unit?.id === cdcs.id);
    expect(forUnit.map((r) => r.event['detail-type']).sort()).toEqual(['UnitCreated', 'UnitMoved', 'UnitUpdated']);
    // Every rule whose pattern matches the event got it, whichever services subscribe today.
    const consumersOf = (event: Record<string, unknown>) =>
      platform.manifests
        .flatMap((m) =>
          m.subscriptions.filter((s) => matchesPattern(s.pattern, event)).map((s) => `${m.service}-${s.name}`),
        )
        .sort();
    for (const record of forUnit) {
      const consumers = consumersOf(record.event);
      expect(consumers).toEqual(expect.arrayContaining(['finance-org-directory', 'finance-finance-unit-profiles']));
      expect(record.outcomes.map((o) => o.rule).sort()).toEqual(consumers);
      expect(record.outcomes.map((o) => o.status)).toEqual(consumers.map(() => 'delivered'));
    }
  });

  it('lists children and the subtree with cursors, and reads what the caller may see', async () => {
    const root = await createUnit({ code: uniqueCode('R'), name: 'Gốc', level: 'province' });
    for (let i = 0; i < 3; i++) {
      await createUnit({ code: uniqueCode(`U${i}`), name: `Cấp trên ${i}`, level: 'upper', parentId: root.id });
    }
    const first = await admin.get(`/v1/membership/units/${root.id}/children?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await admin.get(`/v1/membership/units/${root.id}/children?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const subtree = await admin.get(`/v1/membership/units/${root.id}/subtree`);
    expect(subtree.body.items.map((u: { depth: number }) => u.depth)).toEqual([1, 1, 1]);
  });

  it('replays a create with the same Idempotency-Key instead of creating twice', async () => {
    const root = await createUnit({ code: uniqueCode('IDEM'), name: 'Gốc', level: 'province' });
    const body = { code: uniqueCode('U'), name: 'Một lần thôi', level: 'upper', parentId: root.id };
    const a = await admin.post('/v1/membership/units', body, { 'idempotency-key': `k-${body.code}` });
    const b = await admin.post('/v1/membership/units', body, { 'idempotency-key': `k-${body.code}` });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const children = await admin.get(`/v1/membership/units/${root.id}/children`);
    expect(children.body.items).toHaveLength(1);
  });

  it('dissolves an empty unit and keeps it readable, in membership and in finance', async () => {
    const root = await createUnit({ code: uniqueCode('D'), name: 'Gốc', level: 'province' });
    const upper = await createUnit({ code: uniqueCode('DU'), name: 'Cấp trên', level: 'upper', parentId: root.id });
    const cdcs = await createUnit({
      code: uniqueCode('DC'),
      name: 'CĐCS giải thể',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400999999'),
    });
    const refused = await admin.post(`/v1/membership/units/${upper.id}/dissolve`, { reason: 'Sáp nhập' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('unit-has-children');
    const done = await admin.post(`/v1/membership/units/${cdcs.id}/dissolve`, {
      reason: 'Kết luận 157-KL/TW',
      decisionNumber: '45/QĐ-CĐVC',
      effectiveDate: '2025-06-30',
    });
    expect(done.status).toBe(200);
    expect((await admin.get(`/v1/membership/units/${cdcs.id}`)).body).toMatchObject({ status: 'dissolved' });
    await platform.drain();
    expect((await admin.get(`/v1/finance/units/${cdcs.id}`)).body.status).toBe('dissolved');
  });
});
