import { defineRoute, type Role, scopeArea } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpHandler, routeScopeRefusal } from '../src/index.ts';
import { type Claims, httpEvent, jsonOf, lambdaContext, problemOf } from './support.ts';

const idParams = z.strictObject({ id: z.string().min(1) });

/** A route taking an `{id}`, answering 200. */
const route = <const Id extends string>(
  operationId: Id,
  method: 'GET' | 'POST',
  path: string,
  roles: readonly Role[] = ['admin', 'accountant', 'integration'],
) =>
  defineRoute({ operationId, method, path, summary: operationId, roles, request: { params: idParams }, responses: {} });

/** Membership's member routes sit in a scope area; finance keeps the default `finance.read` / `finance.write`. */
const membershipRoutes = scopeArea('membership.members', [
  route('getMember', 'GET', '/v1/membership/members/{id}', ['admin', 'integration']),
  route('admitMember', 'POST', '/v1/membership/members/{id}/admit', ['admin', 'integration']),
] as const);

const financeRoutes = [
  route('getLedger', 'GET', '/v1/finance/units/{id}/ledger'),
  route('postLedger', 'POST', '/v1/finance/units/{id}/ledger'),
] as const;

const ran: string[] = [];
const answer = (operationId: string) => async () => {
  ran.push(operationId);
  return { status: 200, body: { operationId } };
};
const membership = createHttpHandler({
  service: 'membership',
  routes: membershipRoutes,
  handlers: { getMember: answer('getMember'), admitMember: answer('admitMember') },
});
const finance = createHttpHandler({
  service: 'finance',
  routes: financeRoutes,
  handlers: { getLedger: answer('getLedger'), postLedger: answer('postLedger') },
});

/** A client-credentials token as API Gateway passes it: no user, no groups, only scopes. */
const machine = (scope: string): Claims => ({
  sub: 'client-1',
  client_id: 'client-1',
  token_use: 'access',
  unit_id: '*',
  scope,
});

const call = (
  handler: typeof membership | typeof finance,
  method: string,
  path: string,
  claims: Claims,
  lang?: string,
) =>
  handler(
    httpEvent({ method, path, claims, headers: lang ? { 'Accept-Language': lang } : {} }) as never,
    lambdaContext(),
  );

describe('route scopes in the HTTP stack', () => {
  const financeReader = machine('congdoan-api/finance.read');

  it('lets a client holding only finance.read read finance', async () => {
    const res = await call(finance, 'GET', '/v1/finance/units/u1/ledger', financeReader);
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toEqual({ operationId: 'getLedger' });
  });

  it('refuses that client any membership write with 403 insufficient-scope naming the scope, before the implementation', async () => {
    ran.length = 0;
    const res = await call(membership, 'POST', '/v1/membership/members/m1/admit', financeReader);
    expect(res.statusCode).toBe(403);
    const problem = problemOf(res);
    expect(problem).toMatchObject({
      type: 'urn:congdoan:problem:insufficient-scope',
      code: 'insufficient-scope',
      status: 403,
      title: 'Không đủ phạm vi truy cập',
    });
    expect(problem.detail).toContain('congdoan-api/membership.members.write');
    expect(ran).toEqual([]);

    const en = problemOf(await call(membership, 'POST', '/v1/membership/members/m1/admit', financeReader, 'en'));
    expect(en.title).toBe('Insufficient scope');
    expect(en.detail).toContain('needs one of: congdoan-api/membership.members.write');
  });

  it('refuses that client membership reads and finance writes too', async () => {
    const read = await call(membership, 'GET', '/v1/membership/members/m1', financeReader);
    expect(problemOf(read).code).toBe('insufficient-scope');
    expect(problemOf(read).detail).toContain('congdoan-api/membership.members.read');
    const write = await call(finance, 'POST', '/v1/finance/units/u1/ledger', financeReader);
    expect(problemOf(write).code).toBe('insufficient-scope');
    expect(problemOf(write).detail).toContain('congdoan-api/finance.write');
  });

  it('lets the route’s own scope through, and only with the resource server’s prefix', async () => {
    const writer = machine('congdoan-api/membership.members.write');
    expect((await call(membership, 'POST', '/v1/membership/members/m1/admit', writer)).statusCode).toBe(200);
    // A write scope is not a read scope: each route names what it needs.
    expect(problemOf(await call(membership, 'GET', '/v1/membership/members/m1', writer)).code).toBe(
      'insufficient-scope',
    );
    const bare = { ...machine('congdoan-api/finance.read'), scope: 'membership.members.write finance.read' };
    expect((await call(membership, 'POST', '/v1/membership/members/m1/admit', bare)).statusCode).toBe(403);
  });

  it('holds a person to the same rule: the scopes come with their roles, and the role is still checked', async () => {
    const person = (scope: string, groups = '[accountant]'): Claims => ({
      sub: 'u1',
      username: 'lan',
      'cognito:groups': groups,
      unit_id: '*',
      token_use: 'access',
      scope,
    });
    // An old token minted before routes had scopes.
    expect(
      problemOf(await call(finance, 'GET', '/v1/finance/units/u1/ledger', person('aws.cognito.signin.user.admin')))
        .code,
    ).toBe('insufficient-scope');
    expect(
      (await call(finance, 'GET', '/v1/finance/units/u1/ledger', person('congdoan-api/finance.read'))).statusCode,
    ).toBe(200);
    // Holding the scope does not give the role.
    const officer = person('congdoan-api/membership.members.write', '[officer]');
    expect(problemOf(await call(membership, 'POST', '/v1/membership/members/m1/admit', officer)).code).toBe(
      'forbidden-role',
    );
  });
});

describe('routeScopeRefusal', () => {
  it('passes a token holding any one of the route’s scopes', () => {
    const route = { method: 'POST', scopes: ['membership.units.write', 'membership.members.write'] } as const;
    expect(routeScopeRefusal('membership', route, ['congdoan-api/membership.members.write'])).toBeUndefined();
    expect(routeScopeRefusal('membership', route, ['congdoan-api/membership.units.write'])).toBeUndefined();
    expect(routeScopeRefusal('membership', route, ['congdoan-api/membership.units.read'])).toMatchObject({
      kind: 'forbidden',
      code: 'insufficient-scope',
    });
  });

  it('uses the service’s default scopes when the route names none', () => {
    expect(routeScopeRefusal('finance', { method: 'GET' }, ['congdoan-api/finance.read'])).toBeUndefined();
    expect(routeScopeRefusal('finance', { method: 'DELETE' }, ['congdoan-api/finance.read'])?.detail.en).toContain(
      'congdoan-api/finance.write',
    );
    expect(routeScopeRefusal('finance', { method: 'GET' }, [])?.code).toBe('insufficient-scope');
  });
});
