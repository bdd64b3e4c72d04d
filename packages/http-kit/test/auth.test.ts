import { DomainError } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { claimList, hasRole, parseAuth, requireRole } from '../src/index.ts';
import { widgetApp } from './app.ts';
import { type Claims, header, httpEvent, lambdaContext, problemOf, WIDGET_SCOPES } from './support.ts';

const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('parseAuth', () => {
  it('reads groups flattened by API Gateway into "[a b]"', () => {
    const auth = parseAuth({ sub: 'u1', 'cognito:groups': '[admin officer]', unit_id: 'u-hcm', username: 'lan' });
    expect(auth).toEqual({
      subject: 'u1',
      roles: ['admin', 'officer'],
      unitId: 'u-hcm',
      scopes: [],
      isMachine: false,
      actor: { id: 'u1', roles: ['admin', 'officer'], unitId: 'u-hcm' },
    });
  });

  it('reads real arrays and drops groups that are not roles', () => {
    const auth = parseAuth({ sub: 'u1', 'cognito:groups': ['accountant', 'ap-southeast-1_Google'], unit_id: 'x' });
    expect(auth.roles).toEqual(['accountant']);
  });

  it('reads the member record a person’s token names, never a machine client’s', () => {
    expect(parseAuth({ sub: 'u1', 'cognito:groups': 'inspector', unit_id: 'x', member_id: ' m-7 ' }).memberId).toBe(
      'm-7',
    );
    expect(parseAuth({ sub: 'u1', 'cognito:groups': 'inspector', unit_id: 'x' }).memberId).toBeUndefined();
    const machine = parseAuth({ sub: 'c1', scope: 'congdoan-api/inspection.read', unit_id: '*', member_id: 'm-7' });
    expect(machine.memberId).toBeUndefined();
  });

  it('treats unit_id * as the whole tree', () => {
    expect(parseAuth({ sub: 'u1', 'cognito:groups': 'admin', unit_id: '*' }).unitId).toBeNull();
  });

  it('gives a machine client the integration role from its scopes', () => {
    const auth = parseAuth({
      sub: 'client-123',
      client_id: 'client-123',
      scope: 'congdoan-api/membership.read congdoan-api/membership.write',
      unit_id: '*',
    });
    expect(auth).toMatchObject({
      roles: ['integration'],
      scopes: ['congdoan-api/membership.read', 'congdoan-api/membership.write'],
      isMachine: true,
    });
  });

  it('never makes a person a machine client, whatever scopes their token carries', () => {
    const auth = parseAuth({
      sub: 'u1',
      'cognito:groups': '[officer]',
      username: 'lan',
      unit_id: 'x',
      scope: 'aws.cognito.signin.user.admin congdoan-api/membership.members.write',
    });
    expect(auth).toMatchObject({ roles: ['officer'], isMachine: false });
    expect(auth.scopes).toContain('congdoan-api/membership.members.write');
  });

  it('counts only scopes of our resource server, written with its prefix', () => {
    for (const scope of ['membership.write', 'other-api/membership.write', 'congdoan-api/', 'congdoan-apix/a.read']) {
      expect(parseAuth({ sub: 'c1', scope, unit_id: '*' }), scope).toMatchObject({ isMachine: false, roles: [] });
    }
  });

  it('does not treat a person as a machine, nor a token without our scopes', () => {
    expect(
      parseAuth({ sub: 'u1', scope: 'congdoan-api/membership.read', username: 'lan', unit_id: '*' }).isMachine,
    ).toBe(false);
    expect(parseAuth({ sub: 'c1', scope: 'openid email', unit_id: '*' })).toMatchObject({
      isMachine: false,
      roles: [],
    });
  });

  it('refuses a token without a subject with 401', () => {
    expect(thrown(() => parseAuth({ unit_id: '*' }))).toMatchObject({ kind: 'unauthorized', code: 'unauthorized' });
    expect(thrown(() => parseAuth(undefined))).toMatchObject({ kind: 'unauthorized' });
  });

  it('refuses a token without a unit with 403 no-unit-scope', () => {
    expect(thrown(() => parseAuth({ sub: 'u1', 'cognito:groups': '[admin]' }))).toMatchObject({
      kind: 'forbidden',
      code: 'no-unit-scope',
    });
  });

  it('parses list claims in every shape they arrive in', () => {
    expect(claimList('[a b]')).toEqual(['a', 'b']);
    expect(claimList('["a","b"]')).toEqual(['a', 'b']);
    expect(claimList(['a'])).toEqual(['a']);
    expect(claimList('a')).toEqual(['a']);
    expect(claimList('[]')).toEqual([]);
    expect(claimList(undefined)).toEqual([]);
  });

  it('checks roles', () => {
    const auth = parseAuth({ sub: 'u1', 'cognito:groups': '[officer]', unit_id: 'x' });
    expect(hasRole(auth, ['admin', 'officer'])).toBe(true);
    expect(hasRole(auth, ['admin'])).toBe(false);
    expect(thrown(() => requireRole(auth, ['admin']))).toMatchObject({ kind: 'forbidden', code: 'forbidden-role' });
  });
});

describe('auth on routes', () => {
  const { handler, recorder } = widgetApp();
  const get = (claims: Claims | null) =>
    handler(httpEvent({ path: '/v1/membership/widgets/w1', claims }), lambdaContext());

  it('answers 401 problem+json without claims', async () => {
    const res = await get(null);
    expect(res.statusCode).toBe(401);
    expect(problemOf(res)).toMatchObject({
      type: 'urn:congdoan:problem:unauthorized',
      status: 401,
      code: 'unauthorized',
      instance: '/v1/membership/widgets/w1',
      requestId: header(res, 'x-request-id'),
    });
  });

  it('answers 403 no-unit-scope when the token carries no unit', async () => {
    const res = await get({ sub: 'u1', 'cognito:groups': '[admin]' });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).code).toBe('no-unit-scope');
  });

  it('answers 403 forbidden-role when no role of the route is held, naming them', async () => {
    const res = await get({ sub: 'u1', 'cognito:groups': '[accountant]', unit_id: 'x', scope: WIDGET_SCOPES });
    expect(res.statusCode).toBe(403);
    const problem = problemOf(res);
    expect(problem.code).toBe('forbidden-role');
    expect(problem.detail).toContain('admin, officer, member');
  });

  it('checks auth before the body, so an unauthorised caller learns nothing about validation', async () => {
    const res = await handler(
      httpEvent({ method: 'POST', path: '/v1/membership/widgets', body: '{bad', claims: { sub: 'u1', unit_id: 'x' } }),
      lambdaContext(),
    );
    expect(res.statusCode).toBe(403);
  });

  it('hands the auth context and write context to the implementation', async () => {
    const res = await get({ sub: 'u9', 'cognito:groups': '[member]', unit_id: 'cdcs-1', scope: WIDGET_SCOPES });
    expect(res.statusCode).toBe(200);
    const req = recorder.seen.at(-1)!;
    expect(req.auth).toMatchObject({ subject: 'u9', roles: ['member'], unitId: 'cdcs-1' });
    expect(req.write.actor).toEqual({ id: 'u9', roles: ['member'], unitId: 'cdcs-1' });
    expect(req.write.now()).toBeInstanceOf(Date);
    expect(req.write.newId()).not.toBe(req.write.newId());
    expect(req.headers['x-request-id']).toBeUndefined();
  });
});
