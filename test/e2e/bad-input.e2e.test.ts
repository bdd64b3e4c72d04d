import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, agency, client, sharedPlatform, tokenFor, uniqueCode } from '../support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;
let tree: { root: string; upperA: string; upperB: string; cdcsA: string; cdcsB: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  const create = async (body: Record<string, unknown>) =>
    (await admin.post('/v1/membership/units', body)).body.id as string;
  const root = await create({ code: uniqueCode('P'), name: 'LĐLĐ tỉnh', level: 'province' });
  const upperA = await create({ code: uniqueCode('A'), name: 'Cấp trên A', level: 'upper', parentId: root });
  const upperB = await create({ code: uniqueCode('B'), name: 'Cấp trên B', level: 'upper', parentId: root });
  const cdcsA = await create({
    code: uniqueCode('CA'),
    name: 'CĐCS A',
    level: 'grassroots',
    parentId: upperA,
    agency: agency('2400000011'),
  });
  const cdcsB = await create({
    code: uniqueCode('CB'),
    name: 'CĐCS B',
    level: 'grassroots',
    parentId: upperB,
    agency: agency('2400000022'),
  });
  tree = { root, upperA, upperB, cdcsA, cdcsB };
  await platform.drain();
});

function expectProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    code,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
}

const validUnit = () => ({ code: uniqueCode('V'), name: 'Đơn vị', level: 'upper', parentId: tree.root });

describe('bad input answers a 4xx problem naming the problem, never a 500', () => {
  it('malformed JSON', async () => {
    expectProblem(await admin.post('/v1/membership/units', '{"code": "X", '), 400, 'malformed-json');
  });

  it('a wrong type, naming the field', async () => {
    const res = await admin.post('/v1/membership/units', { ...validUnit(), name: 42 });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ location: 'body', field: 'name' }));
  });

  it('an unknown field, naming it, and every other failing field too', async () => {
    const res = await admin.post('/v1/membership/units', { ...validUnit(), colour: 'đỏ', level: 'planet', code: '' });
    expectProblem(res, 400, 'validation-failed');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['colour', 'level', 'code']));
  });

  it('a body over the limit', async () => {
    const res = await admin.post('/v1/membership/units', { ...validUnit(), name: 'x'.repeat(400 * 1024) });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('a missing token', async () => {
    expectProblem(await client(platform).get(`/v1/membership/units/${tree.root}`), 401, 'missing-token');
  });

  it('an expired token', async () => {
    const { token } = await platform.issueToken({ roles: ['admin'], expiresIn: -60 });
    expectProblem(await client(platform, token).get(`/v1/membership/units/${tree.root}`), 401, 'token-expired');
  });

  it('a badly signed token', async () => {
    const { token } = await platform.issueToken({ roles: ['admin'] });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expectProblem(await client(platform, forged).get(`/v1/membership/units/${tree.root}`), 401, 'invalid-token');
  });

  it('a token for another audience', async () => {
    const { token } = await platform.issueToken({
      roles: ['admin'],
      extraClaims: { aud: 'another-api', client_id: 'another-client' },
    });
    expectProblem(await client(platform, token).get(`/v1/membership/units/${tree.root}`), 401, 'wrong-audience');
  });

  it('the wrong role', async () => {
    // An officer's token holds membership.units.write (they may edit units), but creating one is an admin's act.
    const officer = client(platform, await tokenFor(platform, ['officer'], tree.cdcsA));
    expectProblem(await officer.post('/v1/membership/units', validUnit()), 403, 'forbidden-role');
    // A member's token does not even hold the scope: the authorizer refuses before the role is looked at.
    const member = client(platform, await tokenFor(platform, ['member'], tree.cdcsA));
    expectProblem(await member.post('/v1/membership/units', validUnit()), 403, 'insufficient-scope');
  });

  it('a unit outside the caller’s subtree is a 404, for reads, lists and changes alike', async () => {
    const officerA = client(platform, await tokenFor(platform, ['officer', 'accountant'], tree.upperA));
    expect((await officerA.get(`/v1/membership/units/${tree.cdcsA}`)).status).toBe(200);
    expectProblem(await officerA.get(`/v1/membership/units/${tree.cdcsB}`), 404, 'not-found');
    expectProblem(await officerA.get(`/v1/membership/units/${tree.upperB}/children`), 404, 'not-found');
    expectProblem(
      await officerA.patch(`/v1/membership/units/${tree.cdcsB}`, { name: 'Chiếm quyền' }),
      404,
      'not-found',
    );
    expectProblem(await officerA.get(`/v1/finance/units/${tree.cdcsB}`), 404, 'not-found');
    expect((await officerA.get(`/v1/finance/units/${tree.cdcsA}`)).status).toBe(200);
    // A unit that does not exist looks exactly the same.
    const missing = await officerA.get('/v1/membership/units/khong-ton-tai');
    expectProblem(missing, 404, 'not-found');
  });

  it('a stale If-Match', async () => {
    const current = await admin.get(`/v1/membership/units/${tree.cdcsA}`);
    const stale = `W/"${current.body.version - 1 || 99}"`;
    expectProblem(
      await admin.patch(`/v1/membership/units/${tree.cdcsA}`, { name: 'Tên mới' }, { 'if-match': stale }),
      412,
      'stale-version',
    );
  });

  it('a move that would make a cycle', async () => {
    const res = await admin.post(`/v1/membership/units/${tree.upperA}/move`, { parentId: tree.cdcsA });
    expect(res.status === 409 || res.status === 422).toBe(true);
    expect(['unit-move-cycle', 'unit-level-mismatch']).toContain(res.body.code);
    const section = (
      await admin.post('/v1/membership/units', {
        code: uniqueCode('S'),
        name: 'Tổ',
        level: 'section',
        parentId: tree.cdcsA,
      })
    ).body;
    const inner = (
      await admin.post('/v1/membership/units', {
        code: uniqueCode('G'),
        name: 'Tổ CĐ',
        level: 'group',
        parentId: section.id,
      })
    ).body;
    expectProblem(
      await admin.post(`/v1/membership/units/${section.id}/move`, { parentId: inner.id }),
      409,
      'unit-move-cycle',
    );
  });

  it('speaks Vietnamese by default and English on request', async () => {
    const vi = await admin.get('/v1/membership/units/khong-ton-tai');
    const en = await admin.get('/v1/membership/units/khong-ton-tai', { 'accept-language': 'en' });
    expect(vi.body.title).toBe('Không tìm thấy');
    expect(en.body.title).toBe('Not found');
    expect(en.headers.get('content-language')).toBe('en');
  });
});
