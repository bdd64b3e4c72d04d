/**
 * Scopes per route through the local gateway, which refuses as API Gateway's JWT authorizer
 * does with the routes' `authorizationScopes`, and then through the real handlers; and the
 * dev tokens `POST /_local/token` hands out for them.
 */
import { ROLES, type RouteDefinition } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, client, sharedPlatform, uniqueCode } from '../support/platform.ts';

let platform: Platform;

beforeAll(async () => {
  platform = await sharedPlatform();
});

/** A token as a developer asks for one: `POST /_local/token`. */
async function localToken(request: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${platform.url}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('a machine client holding only finance.read', () => {
  let reader: ReturnType<typeof client>;
  beforeAll(async () => {
    reader = client(platform, await localToken({ client: 'integration', scopes: ['finance.read'] }), {
      'accept-language': 'en',
    });
  });

  const expectInsufficientScope = (res: ApiResponse, scope: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('insufficient-scope');
    expect(res.body.detail).toContain(`congdoan-api/${scope}`);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  };

  it('cannot write membership: 403 insufficient-scope, and nothing is written', async () => {
    const code = uniqueCode('SCOPE');
    const created = await reader.post(
      '/v1/membership/units',
      { code, name: 'Không được tạo', level: 'province' },
      { 'idempotency-key': code },
    );
    expectInsufficientScope(created, 'membership.units.write');
    const upsert = await reader.post('/v1/membership/units/u-1/members/bulk-upsert', { items: [] });
    expectInsufficientScope(upsert, 'membership.members.write');

    const admin = client(platform, await localToken({ roles: ['admin'] }));
    const roots = await admin.get('/v1/membership/units?limit=100');
    expect(roots.status).toBe(200);
    expect(roots.body.items.map((u: { code: string }) => u.code)).not.toContain(code);
  });

  it('cannot read membership either, nor write finance', async () => {
    expectInsufficientScope(await reader.get('/v1/membership/changes'), 'membership.members.read');
    expectInsufficientScope(await reader.get('/v1/membership/units'), 'membership.units.read');
    expectInsufficientScope(await reader.post('/v1/finance/reconciliations', { month: '2026-01' }), 'finance.write');
  });

  it('can read finance', async () => {
    const policy = await reader.get('/v1/finance/policy');
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect(policy.body.items.length).toBeGreaterThan(0);
  });
});

/**
 * A concrete path for a route that stops right after auth: every `{param}` too long to be an id,
 * and a query key no route knows, so validation (which follows auth) answers before any work.
 */
const pathOf = (route: RouteDefinition) => `${route.path.replace(/\{[^}]+\}/g, 'x'.repeat(200))}?scopeCheck=1`;

/** Codes the authorizer or the route's auth step answers: none may come back where the role allows the route. */
const AUTH_REFUSALS = ['missing-token', 'invalid-token', 'unauthorized', 'insufficient-scope', 'forbidden-role'];

describe('a person’s token from /_local/token', () => {
  it('reaches every route their roles allow, and no other, on every manifest', async () => {
    const send = async (token: string, route: RouteDefinition) => {
      const res = await fetch(`${platform.url}${pathOf(route)}`, {
        method: route.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      const text = await res.text();
      const code = res.headers.get('content-type')?.includes('json')
        ? (JSON.parse(text) as { code?: string }).code
        : undefined;
      return { status: res.status, code };
    };
    const checked: string[] = [];
    const routes = platform.manifests.flatMap((m) => m.routes);
    // Each person's role, and a machine client with every scope; one role's calls at once.
    for (const role of ROLES) {
      const token = await localToken({ roles: [role] });
      const answers = await Promise.all(routes.map(async (route) => ({ route, ...(await send(token, route)) })));
      for (const { route, status, code } of answers) {
        const where = `${role} ${route.method} ${route.path} → ${status} ${code ?? ''}`;
        if (route.roles.includes(role)) {
          expect(status, where).not.toBe(401);
          expect(AUTH_REFUSALS, where).not.toContain(code);
          checked.push(where);
        } else {
          expect(status, where).toBe(403);
          expect(['forbidden-role', 'insufficient-scope'], where).toContain(code);
        }
      }
    }
    // Every allowed pair of role and route was called.
    expect(checked).toHaveLength(routes.flatMap((r) => r.roles).length);
  });
});

describe('a dev token asked for again', () => {
  it('is the same caller, so a script run twice replays its Idempotency-Key instead of colliding', async () => {
    const code = uniqueCode('DEMO');
    const create = async () =>
      client(platform, await localToken({ roles: ['admin'] })).post(
        '/v1/membership/units',
        { code, name: 'Công đoàn demo', level: 'province' },
        { 'idempotency-key': `demo-${code}` },
      );
    const first = await create();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await create();
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});
