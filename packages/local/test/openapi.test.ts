import {
  generateOpenApi,
  type OpenApiOperation,
  routeKeysFromManifests,
  routeKeysFromOpenApi,
} from '@congdoan/contracts';
import { MANIFESTS } from '@congdoan/registry';
import { describe, expect, it } from 'vitest';
import { stubManifest } from './stub-service.ts';

const doc = generateOpenApi(MANIFESTS, { serverUrl: 'http://127.0.0.1:3000' });
const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op: op as OpenApiOperation })),
);
const operation = (method: string, path: string) =>
  operations.find((o) => o.method === method && o.path === path)?.op as OpenApiOperation;

describe('generateOpenApi', () => {
  it('describes exactly the manifests’ routes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(routeKeysFromOpenApi(doc)).toEqual(routeKeysFromManifests(MANIFESTS));
    expect(routeKeysFromOpenApi(doc).size).toBe(MANIFESTS.reduce((n, m) => n + m.routes.length, 0));
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:3000' }]);
  });

  it('gives each operation its id, summary, service tag, roles and bearer security', () => {
    for (const manifest of MANIFESTS) {
      for (const route of manifest.routes) {
        const op = operation(route.method.toLowerCase(), route.path);
        expect(op.operationId).toBe(route.operationId);
        expect(op.summary).toBe(route.summary);
        expect(op.tags).toEqual([manifest.service]);
        expect(op['x-roles']).toEqual([...route.roles]);
        expect(op.security).toEqual([{ bearerAuth: [] }]);
      }
    }
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.tags?.map((t) => t.name)).toEqual(MANIFESTS.map((m) => m.service));
    expect((doc.components as { securitySchemes: Record<string, unknown> }).securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('serves errors as application/problem+json and successes as application/json', () => {
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const types = Object.keys(response.content ?? {});
        if (Number(status) >= 400) expect(types).toEqual(['application/problem+json']);
        else if (types.length > 0) expect(types).toEqual(['application/json']);
      }
      expect(op.responses?.['401']).toBeDefined();
    }
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Problem']));
  });

  it('documents path, query and body schemas, Idempotency-Key and If-Match where the route says so', () => {
    const stubDoc = generateOpenApi([stubManifest]);
    const paths = (stubDoc.paths ?? {}) as Record<string, Record<string, OpenApiOperation>>;
    const echo = paths['/v1/membership/echo/{id}']!.post!;
    expect(echo.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
      ]),
    );
    expect(echo.requestBody).toMatchObject({ required: true, content: { 'application/json': {} } });
    const get = paths['/v1/membership/things/{id}']!.get!;
    expect(get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header', required: false })]),
    );
    expect(get.parameters?.some((p) => p.name === 'Idempotency-Key')).toBe(false);
  });

  it('can be generated again (named schemas are registered once)', () => {
    expect(generateOpenApi(MANIFESTS)).toMatchObject({ openapi: '3.1.0' });
  });

  it('reads route keys back from any document', () => {
    expect(
      routeKeysFromOpenApi({
        paths: { '/a/{id}': { get: {}, patch: {}, parameters: [] }, '/b': { post: {} } },
      }),
    ).toEqual(new Set(['GET /a/{id}', 'PATCH /a/{id}', 'POST /b']));
  });
});
