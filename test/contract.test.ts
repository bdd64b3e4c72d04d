import { isDeepStrictEqual } from 'node:util';
import {
  allScopes,
  EVENT_CATALOGUE,
  generateOpenApi,
  ROLES,
  roleScopes,
  routeKeysFromManifests,
  routeKeysFromOpenApi,
  routeScopes,
  type ServiceManifest,
} from '@congdoan/contracts';
import {
  allTemplates,
  routeKeysFromTemplate,
  rulesFromTemplate,
  synthesizeTemplates,
  type TemplateJson,
} from '@congdoan/infra';
import { handlerEntry, MANIFESTS } from '@congdoan/registry';
import { beforeAll, describe, expect, it } from 'vitest';

/** Route keys of one manifest, as `METHOD /path`. */
const manifestKeys = (m: ServiceManifest) => routeKeysFromManifests([m]);
const sorted = (keys: Iterable<string>) => [...keys].sort();

let templates: ReturnType<typeof synthesizeTemplates>;
beforeAll(() => {
  templates = synthesizeTemplates();
}, 180_000);

/** Every resource of a type in every stack of the app. */
const everywhere = (type: string) =>
  allTemplates(templates).flatMap((t: TemplateJson) => Object.values(t.Resources ?? {}).filter((r) => r.Type === type));

describe('one manifest drives routes, OpenAPI, CDK and handlers', () => {
  it('OpenAPI documents exactly the manifests’ routes', () => {
    const doc = generateOpenApi(MANIFESTS);
    expect(sorted(routeKeysFromOpenApi(doc))).toEqual(sorted(routeKeysFromManifests(MANIFESTS)));
  });

  it('CDK deploys exactly each manifest’s routes, to that service’s function, in that service’s stack', () => {
    expect(Object.keys(templates.services).sort()).toEqual(MANIFESTS.map((m) => m.service).sort());
    for (const manifest of MANIFESTS) {
      const deployed = routeKeysFromTemplate(templates.services[manifest.service]!);
      expect(sorted(deployed[manifest.service] ?? []), manifest.service).toEqual(sorted(manifestKeys(manifest)));
      // Its stack serves no other service's routes.
      expect(Object.keys(deployed), manifest.service).toEqual(manifest.routes.length > 0 ? [manifest.service] : []);
    }
    // Nowhere else, and nothing twice or unattributed: every route resource of the app is one of the above.
    expect(routeKeysFromTemplate(templates.stateful)).toEqual({});
    expect(routeKeysFromTemplate(templates.api)).toEqual({});
    expect(everywhere('AWS::ApiGatewayV2::Route')).toHaveLength(MANIFESTS.flatMap((m) => m.routes).length);
  });

  it('CDK deploys one rule per subscription, with the manifest’s pattern, in that service’s stack', () => {
    expect(everywhere('AWS::Events::Rule')).toHaveLength(MANIFESTS.flatMap((m) => m.subscriptions).length);
    for (const manifest of MANIFESTS) {
      const deployed = rulesFromTemplate(templates.services[manifest.service]!);
      expect(Object.keys(deployed).filter((s) => s !== manifest.service)).toEqual([]);
      const rules = deployed[manifest.service] ?? [];
      expect(rules, manifest.service).toHaveLength(manifest.subscriptions.length);
      for (const subscription of manifest.subscriptions) {
        const rule = rules.find((r) => isDeepStrictEqual(r.pattern, JSON.parse(JSON.stringify(subscription.pattern))));
        expect(rule, subscription.name).toBeDefined();
        // A queued subscription's rule feeds its queue; the others invoke the function.
        expect(rule?.queue !== undefined, `${subscription.name} queued`).toBe(subscription.queue !== undefined);
      }
    }
  });

  it('every route has its implementation, and every handler a manifest names exists', async () => {
    for (const manifest of MANIFESTS) {
      // createHttpHandler refuses at import time a route without an implementation.
      const http = await import(handlerEntry(manifest, manifest.http));
      expect(typeof http[manifest.http.export], `${manifest.service} http`).toBe('function');
      for (const ref of [
        ...manifest.subscriptions.map((s) => s.handler),
        ...manifest.schedules.map((s) => s.handler),
      ]) {
        const module = await import(handlerEntry(manifest, ref));
        expect(typeof module[ref.export], `${manifest.service} ${ref.file}.${ref.export}`).toBe('function');
      }
    }
  });

  it('route paths live under /v1/<service>/ and operation ids are unique', () => {
    const ids = new Set<string>();
    for (const manifest of MANIFESTS) {
      for (const route of manifest.routes) {
        expect(route.path.startsWith(`/v1/${manifest.service}/`) || route.path === `/v1/${manifest.service}`).toBe(
          true,
        );
        expect(ids.has(route.operationId), route.operationId).toBe(false);
        ids.add(route.operationId);
      }
    }
  });

  it('every published and subscribed event is in the catalogue, from the right source', () => {
    const known = new Set(EVENT_CATALOGUE.map((e) => `${e.source} ${e.detailType}`));
    for (const manifest of MANIFESTS) {
      for (const detailType of manifest.publishes) {
        expect(known.has(`congdoan.${manifest.service} ${detailType}`), detailType).toBe(true);
      }
      for (const subscription of manifest.subscriptions) {
        const sources = (subscription.pattern.source ?? []) as string[];
        const types = (subscription.pattern['detail-type'] ?? []) as string[];
        for (const source of sources) {
          for (const type of types)
            expect(known.has(`${source} ${type}`), `${subscription.name}: ${source} ${type}`).toBe(true);
        }
      }
    }
  });
});

/** Cognito's quota of custom scopes per resource server. */
const COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER = 100;

describe('route scopes', () => {
  it('each route needs scopes of its own service: <service>[.<area>].read for GET, .write otherwise', () => {
    for (const manifest of MANIFESTS) {
      for (const route of manifest.routes) {
        const access = route.method === 'GET' ? 'read' : 'write';
        const scopes = routeScopes(manifest.service, route);
        expect(scopes.length, route.operationId).toBeGreaterThan(0);
        for (const scope of scopes) {
          expect(scope, route.operationId).toMatch(new RegExp(`^${manifest.service}(\\.[a-z][a-z-]*)?\\.${access}$`));
        }
      }
    }
  });

  it('the resource server’s scopes stay few: Cognito’s quota, and every person’s token carries some', () => {
    const scopes = allScopes(MANIFESTS);
    expect(scopes.length).toBeLessThanOrEqual(COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER);
    // An admin may call nearly every route, so carries nearly every scope; keep that bounded per service.
    expect(roleScopes(MANIFESTS, ROLES).length).toBeLessThanOrEqual(6 * MANIFESTS.length);
  });

  it('OpenAPI names each operation’s scopes as tokens carry them', () => {
    const doc = generateOpenApi(MANIFESTS);
    for (const manifest of MANIFESTS) {
      for (const route of manifest.routes) {
        const operation = doc.paths?.[route.path]?.[route.method.toLowerCase()] as { 'x-scopes'?: string[] };
        expect(operation['x-scopes'], route.operationId).toEqual(
          routeScopes(manifest.service, route).map((s) => `congdoan-api/${s}`),
        );
      }
    }
  });
});
