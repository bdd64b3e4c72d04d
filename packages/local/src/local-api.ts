/**
 * The endpoints that exist only on the local platform: health, the API reference, dev
 * tokens, the bus's history and dead letters (listed, redriven, discarded), and running a
 * schedule by hand. Events are shown with their personal fields masked.
 */
import { type OpenApiDocument, ROLES } from '@congdoan/contracts';
import {
  errorMap,
  malformedJson,
  type ProblemInput,
  problemResponse,
  toFieldErrors,
  validationFailed,
} from '@congdoan/http-kit';
import { z } from 'zod';
import type { HttpResult } from './apigw.ts';
import { docsAsset, docsPage } from './docs.ts';
import { type LocalEventBus, type LocalScheduler, UnknownDeadLetterError } from './events/index.ts';
import { json, type LocalEndpoints, type LocalRequest, problem } from './gateway.ts';
import { maskPersonalData } from './mask.ts';
import { deadLetterNotFound, redriveFailed, routeNotFound, scheduleFailed, scheduleNotFound } from './problems.ts';
import { DEFAULT_MACHINE_CLIENT, type LocalTokens } from './tokens.ts';

export interface LocalApiContext {
  tokens: LocalTokens;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  openapi(): OpenApiDocument;
  /** 200 only when `ok`; `starting` until the platform is ready. */
  health(): Promise<{ status: 'starting' | 'ok' | 'degraded' }>;
}

/**
 * `POST /_local/token`: a person (`roles`, their scopes derived from them) or a machine
 * client (`client`, with `scopes` or every scope). Without `unitId` the token covers the whole tree.
 */
export function tokenRequestSchema(knownScopes: readonly string[]) {
  return z
    .strictObject({
      roles: z.array(z.enum(ROLES)).min(1).optional(),
      client: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, at most 64')
        .optional(),
      scopes: z
        .array(z.enum(knownScopes as [string, ...string[]]))
        .min(1)
        .optional(),
      unitId: z.string().trim().min(1).max(64).nullable().optional(),
      subject: z.string().trim().min(1).max(128).optional(),
      /** Seconds. */
      expiresIn: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3600)
        .optional(),
    })
    .superRefine((request, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (request.roles === undefined && request.client === undefined) {
        issue('roles', 'give roles (a person) or client (a machine client)');
      }
      if (request.roles !== undefined && request.client !== undefined) {
        issue('client', 'a token is for a person (roles) or a machine client (client), not both');
      }
      if (request.roles?.includes('integration') && request.roles.length > 1) {
        issue('roles', 'integration is a machine client’s role: ask for it alone, or as client');
      }
      const machine =
        request.client !== undefined || (request.roles?.length === 1 && request.roles[0] === 'integration');
      if (request.scopes !== undefined && !machine) {
        issue('scopes', 'a person’s scopes come from their roles; scopes are for a machine client');
      }
    });
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

export function localEndpoints(ctx: LocalApiContext): LocalEndpoints {
  return async (req) => {
    const { method, rawPath } = req;
    if (method === 'GET' && rawPath === '/health') {
      const health = await ctx.health();
      return json(health.status === 'ok' ? 200 : 503, health);
    }
    if (method === 'GET' && rawPath === '/openapi.json') return json(200, ctx.openapi());
    if (method === 'GET' && (rawPath === '/docs' || rawPath === '/docs/')) return docsPage();
    if (method === 'GET' && rawPath.startsWith('/docs/assets/')) {
      return docsAsset(rawPath.slice('/docs/assets/'.length)) ?? notFound(req);
    }
    if (method === 'GET' && rawPath === '/') return redirect('/docs');
    if (!rawPath.startsWith('/_local/')) return undefined;

    if (method === 'POST' && rawPath === '/_local/token') return issueToken(ctx, req);
    if (method === 'GET' && rawPath === '/_local/.well-known/jwks.json') return json(200, ctx.tokens.jwks());
    if (method === 'GET' && rawPath === '/_local/events') return events(ctx, req);
    if (method === 'GET' && rawPath === '/_local/dead-letters') {
      const items = maskPersonalData(ctx.bus.deadLetters().reverse());
      return json(200, { count: items.length, items });
    }
    const letter = /^\/_local\/dead-letters\/([^/]+)(\/redrive)?$/.exec(rawPath);
    if (letter && method === 'POST' && letter[2]) return redrive(ctx, req, decodeURIComponent(letter[1]!));
    if (letter && method === 'DELETE' && !letter[2]) return discard(ctx, req, decodeURIComponent(letter[1]!));
    if (method === 'GET' && rawPath === '/_local/schedules') return json(200, { items: ctx.scheduler.list() });
    const run = /^\/_local\/schedules\/([^/]+)\/run$/.exec(rawPath);
    if (method === 'POST' && run) return runSchedule(ctx, req, decodeURIComponent(run[1]!));
    return notFound(req);
  };
}

async function issueToken(ctx: LocalApiContext, req: LocalRequest): Promise<HttpResult> {
  let body: unknown;
  try {
    body = req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : undefined;
  } catch {
    return problem(malformedJson(), req.lang, req.rawPath, req.requestId);
  }
  const parsed = tokenRequestSchema(ctx.tokens.scopes).safeParse(body, { error: errorMap(req.lang) });
  if (!parsed.success) {
    return problem(
      validationFailed(toFieldErrors('body', parsed.error, req.lang)),
      req.lang,
      req.rawPath,
      req.requestId,
    );
  }
  const { roles, client, scopes, unitId, subject, expiresIn } = parsed.data;
  const common = { unitId: unitId ?? null, subject, expiresIn };
  const machine = client ?? (roles?.length === 1 && roles[0] === 'integration' ? DEFAULT_MACHINE_CLIENT : undefined);
  const issued = await ctx.tokens.issue(
    machine !== undefined ? { client: machine, scopes, ...common } : { roles: roles ?? [], ...common },
  );
  return json(200, issued);
}

function events(ctx: LocalApiContext, req: LocalRequest): HttpResult {
  const limitText = req.query.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    const message =
      req.lang === 'vi' ? `phải là số nguyên từ 1 đến ${MAX_LIMIT}` : `must be an integer from 1 to ${MAX_LIMIT}`;
    return problem(
      validationFailed([{ location: 'query', field: 'limit', message }]),
      req.lang,
      req.rawPath,
      req.requestId,
    );
  }
  const detailType = req.query.get('detailType');
  const source = req.query.get('source');
  const all = ctx.bus
    .history()
    .reverse()
    .filter((r) => (!detailType || r.event['detail-type'] === detailType) && (!source || r.event.source === source));
  return json(200, { count: all.length, items: all.slice(0, limit) });
}

/** A manual run may pass input over the schedule's own, e.g. `{ "input": { "month": "2026-09" } }`. */
const scheduleRunSchema = z.strictObject({ input: z.record(z.string(), z.unknown()).optional() });

async function runSchedule(ctx: LocalApiContext, req: LocalRequest, name: string): Promise<HttpResult> {
  const known = ctx.scheduler.list().map((s) => s.name);
  if (!known.includes(name)) return problem(scheduleNotFound(name, known), req.lang, req.rawPath, req.requestId);
  let body: unknown;
  try {
    body = req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : {};
  } catch {
    return problem(malformedJson(), req.lang, req.rawPath, req.requestId);
  }
  const parsed = scheduleRunSchema.safeParse(body, { error: errorMap(req.lang) });
  if (!parsed.success) {
    return problem(
      validationFailed(toFieldErrors('body', parsed.error, req.lang)),
      req.lang,
      req.rawPath,
      req.requestId,
    );
  }
  const startedAt = new Date();
  try {
    await ctx.scheduler.runNow(name, parsed.data.input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure(scheduleFailed(name, message), req);
  }
  const finishedAt = new Date();
  return json(200, {
    name,
    status: 'succeeded',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  });
}

/** `POST /_local/dead-letters/{id}/redrive`: delivers it to its rule again, and answers once that settled. */
async function redrive(ctx: LocalApiContext, req: LocalRequest, id: string): Promise<HttpResult> {
  try {
    const outcome = await ctx.bus.redrive(id);
    if (outcome.status === 'delivered') return json(200, { id, ...outcome });
    return failure(redriveFailed(id, outcome.deadLetterId ?? null, outcome.lastError ?? 'unknown error'), req);
  } catch (error) {
    if (error instanceof UnknownDeadLetterError) {
      return problem(deadLetterNotFound(id), req.lang, req.rawPath, req.requestId);
    }
    throw error;
  }
}

/** `DELETE /_local/dead-letters/{id}`: drops it without delivering it. */
function discard(ctx: LocalApiContext, req: LocalRequest, id: string): HttpResult {
  try {
    ctx.bus.discard(id);
    return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: Buffer.alloc(0) };
  } catch (error) {
    if (error instanceof UnknownDeadLetterError) {
      return problem(deadLetterNotFound(id), req.lang, req.rawPath, req.requestId);
    }
    throw error;
  }
}

/** A problem whose status no domain error kind has (500, 502). */
function failure(input: ProblemInput, req: LocalRequest): HttpResult {
  const rendered = problemResponse(input, req.lang, { instance: req.rawPath, requestId: req.requestId });
  return { statusCode: input.status, headers: rendered.headers, body: Buffer.from(String(rendered.body), 'utf8') };
}

function notFound(req: LocalRequest): HttpResult {
  return problem(routeNotFound(req.method, req.rawPath), req.lang, req.rawPath, req.requestId);
}

function redirect(location: string): HttpResult {
  return { statusCode: 302, headers: { location }, body: Buffer.alloc(0) };
}
