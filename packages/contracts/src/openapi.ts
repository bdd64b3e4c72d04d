import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
// The whole barrel, read when a document is generated (never at load, so the cycle is harmless).
import * as contracts from './index.ts';
import { allScopes, type HttpMethod, type RouteDefinition, routeScopes, type ServiceManifest } from './manifest.ts';
import { problemSchema } from './problem.ts';
import { tokenScope } from './roles.ts';

/** The OpenAPI 3.1 document, as plain JSON. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths?: Record<string, Record<string, OpenApiOperation | unknown>>;
  components?: Record<string, unknown>;
  tags?: { name: string; description?: string }[];
  [extension: string]: unknown;
}

/** The parts of an operation the contract tests and the local platform read. */
export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  'x-roles'?: string[];
  /** The OAuth scopes of which the token must hold one, as tokens write them. */
  'x-scopes'?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
  [key: string]: unknown;
}

export interface OpenApiOptions {
  /** Where the API answers, e.g. `http://127.0.0.1:3000`. */
  serverUrl?: string;
  /** Defaults to 1.0.0. */
  version?: string;
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const BEARER_SCHEME = 'bearerAuth';

const SERVICE_DESCRIPTIONS: Record<string, string> = {
  membership: 'Đoàn viên và cây tổ chức công đoàn — members and the organisation tree.',
  emulation: 'Thi đua, khen thưởng — emulation and awards.',
  welfare: 'Quỹ phúc lợi, hỗ trợ đoàn viên — welfare funds and support cases.',
  finance: 'Tài chính công đoàn: đoàn phí, kinh phí — union finance: dues and levy.',
  inspection: 'Kiểm tra, giám sát (UBKT) — inspection and supervision.',
};

const METHODS: Record<HttpMethod, RouteConfig['method']> = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
};

const DESCRIPTION = [
  'REST API of the Công đoàn platform: the provincial public-employees’ trade union and its grassroots unions (CĐCS).',
  '',
  'Every route needs `Authorization: Bearer <access token>` (Cognito in AWS; `POST /_local/token` on the local platform).',
  'A token carries the caller’s roles (`cognito:groups`, or OAuth scopes for machine clients) and the unit whose subtree they may act in (`unit_id`).',
  'A resource outside the caller’s subtree answers 404, not 403.',
  '',
  'Errors are RFC 9457 `application/problem+json` with a stable `type` and `code`; `title` and `detail` are Vietnamese unless `Accept-Language` prefers English.',
  'POSTs that create accept an `Idempotency-Key`; updates take `If-Match` with the ETag you read.',
].join('\n');

/**
 * The OpenAPI 3.1 document of the product, generated from the service manifests:
 * the same routes CDK builds and the local gateway serves, so it cannot drift.
 */
export function generateOpenApi(manifests: readonly ServiceManifest[], options: OpenApiOptions = {}): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: `An access token: a Cognito user pool token (it carries the scopes of the person’s roles), or for machine clients an OAuth client-credentials token. Each operation needs one of its scopes (\`x-scopes\`); the resource server’s scopes are ${allScopes(
      manifests,
    )
      .map((s) => `\`${tokenScope(s)}\``)
      .join(', ')}.`,
  });

  const named = namedSchemas();
  for (const manifest of manifests) {
    for (const route of manifest.routes) registry.registerPath(routeConfig(manifest, route, named));
  }

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Công đoàn API', version: options.version ?? '1.0.0', description: DESCRIPTION },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: manifests.map((m) => ({ name: m.service, description: SERVICE_DESCRIPTIONS[m.service] ?? m.service })),
    security: [{ [BEARER_SCHEME]: [] }],
  });
  return document as unknown as OpenApiDocument;
}

/**
 * Registers a top-level request or response schema once under its contract name
 * (`unitSchema` → `Unit`, `createUnitBody` → `CreateUnitBody`), so the document
 * references it instead of repeating it in every route. Every schema the contracts
 * package exports is a candidate, so a new service's contracts need no list here.
 */
function namedSchemas(): (schema: z.ZodType) => z.ZodType {
  const names = new Map<unknown, string>();
  const owners = new Map<string, string>();
  for (const [exportName, value] of Object.entries(contracts)) {
    if (!(value instanceof z.ZodType) || names.has(value)) continue;
    const name = componentName(exportName);
    const owner = owners.get(name);
    if (owner) throw new Error(`contracts export both ${owner} and ${exportName}: both would be the component ${name}`);
    owners.set(name, exportName);
    names.set(value, name);
  }
  return (schema) => {
    const name = names.get(schema);
    if (!name) return schema;
    let component = COMPONENTS.get(schema);
    if (!component) {
      // `.meta({ id })` puts the copy in zod's global registry, where an id may be taken only once.
      component = schema.meta({ id: name });
      COMPONENTS.set(schema, component);
    }
    return component;
  };
}

const COMPONENTS = new WeakMap<z.ZodType, z.ZodType>();

function componentName(exportName: string): string {
  const base = exportName.replace(/Schema$/, '');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

function routeConfig(
  manifest: ServiceManifest,
  route: RouteDefinition,
  named: (schema: z.ZodType) => z.ZodType,
): RouteConfig {
  const request: NonNullable<RouteConfig['request']> = {};
  const params = route.request?.params;
  const query = route.request?.query;
  const body = route.request?.body;
  if (params) request.params = params as NonNullable<RouteConfig['request']>['params'];
  if (query) request.query = query as NonNullable<RouteConfig['request']>['query'];
  if (body) request.body = { required: true, content: { 'application/json': { schema: named(body) } } };
  const headers = requestHeaders(route);
  if (headers) request.headers = headers;

  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const isProblem = Number(status) >= 400 || response.schema === problemSchema;
    const config: ResponseConfig = { description: response.description };
    if (response.schema) {
      config.content = { [isProblem ? PROBLEM_MEDIA_TYPE : 'application/json']: { schema: named(response.schema) } };
    }
    if (response.headers && response.headers.length > 0) {
      config.headers = Object.fromEntries(
        response.headers.map((name) => [
          name,
          { description: RESPONSE_HEADERS[name] ?? name, schema: { type: 'string' } },
        ]),
      );
    }
    responses[status] = config;
  }
  // The JWT authorizer answers 401 before any handler runs, so every route can.
  responses['401'] ??= {
    description: 'Missing, invalid or expired token',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: named(problemSchema) } },
  };

  const roles = [...route.roles];
  const scopes = routeScopes(manifest.service, route).map(tokenScope);
  const description = [
    route.description,
    `Roles: ${roles.map((r) => `\`${r}\``).join(', ')}.`,
    `Scopes (one of): ${scopes.map((s) => `\`${s}\``).join(', ')}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    method: METHODS[route.method],
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    description,
    tags: [manifest.service],
    security: [{ [BEARER_SCHEME]: [] }],
    'x-roles': roles,
    'x-scopes': scopes,
    request,
    responses,
  };
}

const RESPONSE_HEADERS: Record<string, string> = {
  Location: 'The URL of the created resource',
  ETag: 'The version of the resource; send it back in If-Match to update it',
};

function requestHeaders(route: RouteDefinition): z.ZodObject | undefined {
  const shape: Record<string, z.ZodType> = {};
  if (route.idempotent) {
    shape['Idempotency-Key'] = z.string().min(1).max(128).optional().meta({
      description:
        'Makes a create safe to retry: a second request with the same key and body answers the first result instead of creating again.',
      example: '6f1c2b9e-3d4a-4c1e-9a57-0d3c8a1e2f10',
    });
  }
  if (route.conditional) {
    shape['If-Match'] = z.string().min(1).optional().meta({
      description:
        'The ETag you read (optimistic locking): the update is refused with 412 when the resource changed since.',
      example: 'W/"3"',
    });
  }
  return Object.keys(shape).length > 0 ? z.object(shape) : undefined;
}

/** Every `"METHOD /path"` the document describes, e.g. `"POST /v1/membership/units"`. */
export function routeKeysFromOpenApi(document: Pick<OpenApiDocument, 'paths'>): Set<string> {
  const keys = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of Object.keys(item ?? {})) {
      if (['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method)) {
        keys.add(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return keys;
}

/** The `"METHOD /path"` keys of the manifests' routes, for comparing with OpenAPI and CDK. */
export function routeKeysFromManifests(manifests: readonly ServiceManifest[]): Set<string> {
  return new Set(manifests.flatMap((m) => m.routes.map((r) => `${r.method} ${r.path}`)));
}
