import { randomUUID } from 'node:crypto';
import type { FieldError } from '@congdoan/contracts';
import type { Db, Json } from '@congdoan/ddb';
import { createIdempotency, parseIfMatch } from '@congdoan/ddb';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { parseAuth, requireRole, routeScopeRefusal } from './auth.ts';
import { jsonBody } from './body.ts';
import { bodyRequired, invalidIdempotencyKey, invalidIfMatch, validationFailed } from './errors.ts';
import { type HttpEvent, stateOf } from './state.ts';
import type { AnyRoute, HttpRequest, HttpResult } from './types.ts';
import { validate } from './validation.ts';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };
export type ImplementationFn = (req: HttpRequest) => Promise<HttpResult>;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Remembers which route answered, for the access log. */
function markRoute(route: AnyRoute): MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      stateOf(request.event, request.context).route = route;
    },
  };
}

/**
 * 401 without a subject; 403 without a unit, without one of the route's scopes (the JWT
 * authorizer's rule, checked again here), or without one of its roles.
 */
function authorize(service: string, route: AnyRoute): MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      const auth = parseAuth(request.event.requestContext?.authorizer?.jwt?.claims);
      const refused = routeScopeRefusal(service, route, auth.scopes);
      if (refused) throw refused;
      requireRole(auth, route.roles);
      stateOf(request.event).auth = auth;
    },
  };
}

/** Path, query and body through the route's zod schemas; every failing field in one 400. */
function validateInput(route: AnyRoute): MiddlewareObj<HttpEvent> {
  return {
    before: async (request) => {
      const { event } = request;
      const state = stateOf(event);
      const { params, query, body } = route.request ?? {};
      const rawParams = event.pathParameters ?? {};
      const rawQuery = event.queryStringParameters ?? {};
      const rawBody: unknown = event.body;

      const errors: FieldError[] = [];
      state.params = rawParams;
      state.query = rawQuery;
      state.body = undefined;
      if (params) {
        const r = await validate('path', params, rawParams, state.lang);
        if (r.ok) state.params = r.data;
        else errors.push(...r.errors);
      }
      if (query) {
        const r = await validate('query', query, rawQuery, state.lang);
        if (r.ok) state.query = r.data;
        else errors.push(...r.errors);
      }
      if (body) {
        const r = await validate('body', body, rawBody, state.lang);
        if (r.ok) state.body = r.data;
        else if (rawBody !== undefined) errors.push(...r.errors);
        else if (errors.length === 0) throw bodyRequired(state.lang);
        else errors.push(...bodyRequired(state.lang).fieldErrors!);
      }
      if (errors.length > 0) throw validationFailed(errors);
    },
  };
}

function readIfMatch(): MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      const version = parseIfMatch(request.event.headers?.['if-match']);
      if (Number.isNaN(version)) throw invalidIfMatch();
      stateOf(request.event).ifMatch = version;
    },
  };
}

function readIdempotencyKey(): MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      const key = request.event.headers?.['idempotency-key'];
      if (key === undefined) return;
      if (!IDEMPOTENCY_KEY.test(key)) throw invalidIdempotencyKey();
      stateOf(request.event).idempotencyKey = key;
    },
  };
}

/**
 * The response for a result: JSON body, header names lower-cased, 204 without a body.
 * It is plain JSON, so an idempotent replay stores and returns it byte for byte.
 */
export function toResponse(result: HttpResult): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  // Answers carry personal data: no shared cache may keep them unless the route says otherwise.
  headers['cache-control'] ??= 'no-store';
  if (result.body === undefined || result.status === 204) return { statusCode: result.status, headers };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

export interface RouteOptions {
  service: string;
  route: AnyRoute;
  implementation: ImplementationFn;
  db?: () => Db;
}

/** One route as its own middy handler: authorise, parse, validate, then run the implementation (once per Idempotency-Key). */
export function routeHandler({ service, route, implementation, db }: RouteOptions) {
  let runOnce: ReturnType<typeof createIdempotency> | undefined;

  const core = async (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const state = stateOf(event, context);
    const auth = state.auth!;
    const req: HttpRequest = {
      params: state.params,
      query: state.query,
      body: state.body,
      headers: { ...(event.headers as Record<string, string>) },
      auth,
      lang: state.lang,
      requestId: state.requestId,
      correlationId: state.correlationId,
      ifMatch: state.ifMatch,
      write: { actor: auth.actor, correlationId: state.correlationId, now: () => new Date(), newId: randomUUID },
    };
    const run = async () => toResponse(await implementation(req));

    if (!route.idempotent || state.idempotencyKey === undefined || !db) return run();

    runOnce ??= createIdempotency(db(), service);
    let ran = false;
    const payload = JSON.parse(JSON.stringify({ params: state.params ?? null, body: state.body ?? null })) as Json;
    const stored = (await runOnce(
      { key: `${route.operationId}#${auth.subject}#${state.idempotencyKey}`, payload },
      async () => {
        ran = true;
        return (await run()) as unknown as Json;
      },
      // The local gateway or a test may pass no real Lambda context.
      typeof context?.getRemainingTimeInMillis === 'function' ? context : undefined,
    )) as unknown as HttpResponse;
    return ran ? stored : { ...stored, headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
  };

  const handler = middy<HttpEvent, HttpResponse>(core).use(markRoute(route)).use(authorize(service, route));
  if (route.request?.body) handler.use(jsonBody());
  handler.use(validateInput(route));
  if (route.conditional) handler.use(readIfMatch());
  if (route.idempotent) handler.use(readIdempotencyKey());
  return handler;
}
