/**
 * The BOLA matrix: for every route of every manifest with a path parameter, the
 * officer (or the route's own role) of another CĐCS asking for a real resource of
 * the victim's subtree gets exactly what a random id gets, status and body, apart
 * from the ids it sent (and the request's own id and path).
 *
 * It reads the routes from MANIFESTS, so a route or a service added later is in the
 * matrix without editing this file. What it cannot know (real ids of each kind, a
 * valid body for each write) each service gives in `services/<service>/test/bola.fixture.ts`
 * (see test/support/bola.ts); a route it cannot exercise fails the test by name,
 * never quietly passes: no fixture, no id for a parameter, a body or query that does
 * not pass the route's schema, or an answer that stops before the resource is looked
 * up (a validation error, a role refusal).
 *
 * Each kind of id is proven real: an administrator reading it through a GET route of
 * the same kind gets it (2xx), and every kind must have such a route.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteDefinition, ServiceManifest } from '@congdoan/contracts';
import type { Platform } from '@congdoan/local';
import { MANIFESTS, repoRoot } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BolaFixture, BolaWorld, Ids } from '../support/bola.ts';
import type { ApiResponse } from '../support/platform.ts';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

let platform: Platform;
let world: BolaWorld;

beforeAll(async () => {
  // The tree and finance's demo (a fixture reads its reconciliation run); the other services'
  // fixtures make their own data.
  platform = await startTestPlatform({ seed: ['membership', 'finance'] });
  const admin = client(platform, await tokenFor(platform, ['admin']));
  const roots = (await admin.get('/v1/membership/units')).body.items;
  const all = (await admin.get(`/v1/membership/units/${roots[0].id}/subtree?limit=200`)).body.items as {
    id: string;
    code: string;
  }[];
  const code = (c: string) => all.find((u) => u.code === c)!.id;
  world = {
    platform,
    admin,
    tokenFor: (roles, unitId) => tokenFor(platform, roles, unitId),
    victim: { unitId: code('CDCS-LHHKHKT-BG'), upperId: code('CDVC-BG') },
    attacker: { unitId: code('CDCS-SNV-BG') },
  };
  // Projections (finance's directory and roster) are built from membership's events.
  await platform.drain();
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

interface Param {
  name: string;
  kind: string;
}

/** `{id}` takes its kind from the collection before it; any other parameter is its own kind. */
function paramsOf(path: string): Param[] {
  const segments = path.split('/');
  return segments.flatMap((segment, i) => {
    const match = /^\{(\w+)\}$/.exec(segment);
    if (!match) return [];
    const name = match[1]!;
    return [{ name, kind: name === 'id' ? segments[i - 1]! : name }];
  });
}

/** A random value shaped like `real` (digits, hex letters and other letters stay what they are). */
function shapedLike(real: string): string {
  const pick = (chars: string) => chars[randomInt(chars.length)]!;
  return [...real]
    .map((c) => {
      if (/[0-9]/.test(c)) return pick('0123456789');
      if (/[a-f]/.test(c)) return pick('abcdef');
      if (/[A-F]/.test(c)) return pick('ABCDEF');
      if (/[g-z]/.test(c)) return pick('ghijklmnopqrstuvwxyz');
      if (/[G-Z]/.test(c)) return pick('GHIJKLMNOPQRSTUVWXYZ');
      return c;
    })
    .join('');
}

/** The role an attacker calls a route with: an officer where officers may, else the route's first role below admin. */
function attackerRole(route: RouteDefinition) {
  if (route.roles.includes('officer')) return 'officer';
  return route.roles.find((r) => r !== 'admin' && r !== 'member') ?? 'admin';
}

const fill = (path: string, values: Ids) => path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]!);

/** The answer with the ids the caller sent, the request id and the path taken out. */
function normalised(res: ApiResponse, sent: { value: string; as: string }[]) {
  let text = JSON.stringify(res.body ?? null);
  for (const { value, as } of [...sent].sort((a, b) => b.value.length - a.value.length)) {
    text = text.split(value).join(`{${as}}`);
  }
  const body = JSON.parse(text) as unknown;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { requestId: _requestId, instance: _instance, ...rest } = body as Record<string, unknown>;
    return { status: res.status, body: rest };
  }
  return { status: res.status, body };
}

/** Answers that mean the request stopped before the resource was looked up. */
function stoppedEarly(res: ApiResponse): string | undefined {
  const code = (res.body as { code?: string } | undefined)?.code;
  if (res.status === 400) return `400 ${code}: ${JSON.stringify((res.body as { errors?: unknown }).errors ?? '')}`;
  if ([401, 403, 405, 415].includes(res.status)) return `${res.status} ${code}`;
  if (res.status >= 500) return `${res.status} ${code}`;
  return undefined;
}

async function loadFixture(manifest: ServiceManifest): Promise<BolaFixture | string> {
  const file = join(repoRoot, 'services', manifest.service, 'test', 'bola.fixture.ts');
  if (!existsSync(file)) {
    return `service ${manifest.service} has routes with path parameters but no ${file.replace(`${repoRoot}/`, '')} exporting \`bola\``;
  }
  const module = (await import(pathToFileURL(file).href)) as { bola?: BolaFixture };
  return module.bola ?? `${file} exports no \`bola\``;
}

const sendAs = (api: ReturnType<typeof client>, route: RouteDefinition, path: string, body: unknown) => {
  const headers: Record<string, string> = route.conditional ? { 'if-match': 'W/"1"' } : {};
  if (route.idempotent) headers['idempotency-key'] = randomUUID();
  switch (route.method) {
    case 'GET':
      return api.get(path, headers);
    case 'POST':
      return api.post(path, body, headers);
    case 'PUT':
      return api.put(path, body, headers);
    case 'PATCH':
      return api.patch(path, body, headers);
    case 'DELETE':
      return api.delete(path, headers);
  }
};

describe('BOLA matrix over every manifest', () => {
  it('answers a resource outside the caller’s subtree exactly as one that does not exist', async () => {
    const problems: string[] = [];
    const leaks: string[] = [];
    let exercised = 0;

    for (const manifest of MANIFESTS) {
      const routes = manifest.routes.filter((r) => paramsOf(r.path).length > 0);
      if (routes.length === 0) continue;
      const fixture = await loadFixture(manifest);
      if (typeof fixture === 'string') {
        problems.push(fixture);
        continue;
      }
      const ids = await fixture.ids(world);
      const fixed = fixture.fixed ?? {};
      const routeIds = fixture.routeIds?.(ids) ?? {};
      const idsOf = (route: RouteDefinition): Ids => ({ ...ids, ...routeIds[route.operationId] });
      const valuesOf = (route: RouteDefinition) => {
        const values: Ids = {};
        for (const p of paramsOf(route.path)) {
          const value = idsOf(route)[p.kind] ?? fixed[p.kind];
          if (value !== undefined) values[p.name] = value;
        }
        return values;
      };
      const searchOf = (route: RouteDefinition) => {
        const query = fixture.queries?.[route.operationId]?.(idsOf(route)) ?? {};
        return Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : '';
      };

      // Each id is real: an administrator reads it through a GET route that takes it.
      const proven = new Set<string>();
      for (const read of routes.filter((r) => r.method === 'GET')) {
        const values = valuesOf(read);
        if (Object.keys(values).length !== paramsOf(read.path).length) continue;
        if ((await world.admin.get(fill(read.path, values) + searchOf(read))).status >= 300) continue;
        for (const p of paramsOf(read.path)) proven.add(`${p.kind}=${values[p.name]}`);
      }

      for (const route of routes) {
        const name = `${manifest.service} ${route.method} ${route.path} (${route.operationId})`;
        const params = paramsOf(route.path);
        const routeIdsOf = idsOf(route);
        const missing = params.filter((p) => !(p.kind in routeIdsOf) && !(p.kind in fixed));
        if (missing.length > 0) {
          problems.push(`${name}: the fixture has no id of kind ${missing.map((p) => `"${p.kind}"`).join(', ')}`);
          continue;
        }
        const real = valuesOf(route);
        const unproven = params.filter((p) => !(p.kind in fixed) && !proven.has(`${p.kind}=${real[p.name]}`));
        if (unproven.length > 0) {
          problems.push(
            `${name}: no GET route shows an administrator the ${unproven.map((p) => `"${p.kind}" ${real[p.name]}`).join(', ')}`,
          );
          continue;
        }

        // A random value for every id, of the same shape, that the route's params schema accepts.
        let random: Ids | undefined;
        for (let attempt = 0; attempt < 100 && !random; attempt++) {
          const candidate = Object.fromEntries(
            params.map((p) => [p.name, p.kind in fixed ? fixed[p.kind]! : shapedLike(real[p.name]!)]),
          );
          const differs = params.every((p) => p.kind in fixed || candidate[p.name] !== real[p.name]);
          if (differs && (route.request?.params?.safeParse(candidate).success ?? true)) random = candidate;
        }
        if (!random) {
          problems.push(`${name}: no random id shaped like the real one passes the route's params schema`);
          continue;
        }

        const body = fixture.bodies?.[route.operationId]?.(routeIdsOf, world);
        const bodySchema = route.request?.body;
        if (bodySchema) {
          const parsed = bodySchema.safeParse(body);
          if (!parsed.success) {
            problems.push(`${name}: no body that passes its schema (add bodies.${route.operationId} to the fixture)`);
            continue;
          }
        }
        const query = fixture.queries?.[route.operationId]?.(routeIdsOf) ?? {};
        if (route.request?.query && !route.request.query.safeParse(query).success) {
          problems.push(`${name}: no query that passes its schema (add queries.${route.operationId} to the fixture)`);
          continue;
        }
        const search = searchOf(route);

        const role = attackerRole(route);
        const attacker = client(platform, await world.tokenFor([role], world.attacker.unitId));
        const sent = (values: Ids) =>
          params.filter((p) => !(p.kind in fixed)).map((p) => ({ value: values[p.name]!, as: p.name }));
        const onReal = await sendAs(attacker, route, fill(route.path, real) + search, body);
        const onRandom = await sendAs(attacker, route, fill(route.path, random) + search, body);
        const early = stoppedEarly(onReal) ?? stoppedEarly(onRandom);
        if (early) {
          problems.push(`${name}: as ${role} of another CĐCS it stops before the lookup (${early})`);
          continue;
        }
        exercised++;
        const a = normalised(onReal, sent(real));
        const b = normalised(onRandom, sent(random));
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          leaks.push(`${name} as ${role}:\n    real id:   ${JSON.stringify(a)}\n    random id: ${JSON.stringify(b)}`);
        }
      }
    }

    expect(problems, `routes the matrix cannot exercise:\n${problems.join('\n')}`).toEqual([]);
    expect(leaks, `answers that tell a real resource from a missing one:\n${leaks.join('\n')}`).toEqual([]);
    expect(exercised).toBe(MANIFESTS.flatMap((m) => m.routes).filter((r) => paramsOf(r.path).length > 0).length);
  }, 600_000);
});
