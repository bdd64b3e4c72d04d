import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  CORS_ALLOW_HEADERS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
  CORS_METHODS,
  DomainError,
  type MetricDefinition,
  type ServiceName,
} from '@congdoan/contracts';
import {
  type Db,
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
  TransactionConflictError,
  transientFailure,
} from '@congdoan/ddb';
import { type LambdaFunction, observedHandler } from '@congdoan/telemetry';
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpRouter from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { bodyLimit, DEFAULT_BODY_LIMIT_BYTES } from './body.ts';
import {
  concurrentUpdate,
  idempotencyKeyReused,
  internalError,
  methodNotAllowed,
  requestInProgress,
  routeNotFound,
  serviceUnavailable,
} from './errors.ts';
import { createLogger } from './logger.ts';
import { domainProblem, type ProblemInput, problemResponse } from './problem.ts';
import { type HttpResponse, type ImplementationFn, routeHandler } from './route.ts';
import { type HttpEvent, initState, stateOf } from './state.ts';
import type { AnyRoute, RouteHandlers } from './types.ts';

export interface HttpHandlerOptions<Routes extends readonly AnyRoute[]> {
  service: ServiceName;
  /** The service manifest's routes. */
  routes: Routes;
  /** The service manifest's business metrics: those with `countsEvent` are counted from the events its routes commit. */
  metrics?: readonly MetricDefinition[];
  /** One implementation per route, keyed by operationId. */
  handlers: RouteHandlers<Routes>;
  /** The service's table, made lazily; stores Idempotency-Key records. Required when a route is idempotent. */
  db?: () => Db;
  /** Largest accepted request body; default 256 KiB. */
  bodyLimitBytes?: number;
  /** The service's logger, if it has one already; otherwise one is made with `createLogger(service)`. */
  logger?: Logger;
  /** Allowed CORS origins; default from `CORS_ORIGINS` (comma-separated), else `*`. */
  corsOrigins?: readonly string[];
}

/** A problem the stack answers that is not a domain rule (404/405 on routing). */
class HttpProblem extends Error {
  constructor(readonly problem: ProblemInput) {
    super(problem.code);
    this.name = 'HttpProblem';
  }
}

export function corsOriginsFromEnv(value = process.env.CORS_ORIGINS): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  return origins.length > 0 ? origins : ['*'];
}

/** `/v1/x/units/{id}` → a regex matching concrete paths as the router does, with or without a trailing slash. */
export function pathMatcher(path: string): RegExp {
  const segments = path
    .replace(/\/$/, '')
    .split('/')
    .map((segment) => {
      if (segment === '{proxy+}') return '.*';
      if (/^\{[^/{}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  return new RegExp(`^${segments.join('/')}/?$`);
}

/** Answers paths no route takes: 404, or 405 with Allow when another method has the path; CORS preflights get 204. */
function unmatched(routes: readonly AnyRoute[]) {
  const matchers = routes.map((route) => ({ method: route.method as string, matches: pathMatcher(route.path) }));
  return ({ method, path }: { method: string; path: string }): HttpResponse => {
    const allowed = [...new Set(matchers.filter((m) => m.matches.test(path)).map((m) => m.method))];
    if (allowed.length === 0) throw new HttpProblem(routeNotFound());
    if (method === 'OPTIONS') return { statusCode: 204, headers: { allow: [...allowed, 'OPTIONS'].join(', ') } };
    throw new HttpProblem(methodNotAllowed(allowed));
  };
}

function problemFor(error: unknown): ProblemInput | undefined {
  if (error instanceof HttpProblem) return error.problem;
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof IdempotencyValidationError) return domainProblem(idempotencyKeyReused());
  if (error instanceof IdempotencyAlreadyInProgressError) return domainProblem(requestInProgress());
  if (error instanceof TransactionConflictError) return domainProblem(concurrentUpdate());
  return undefined;
}

/**
 * Any error → problem+json in the caller's language: DynamoDB throttling or timing out → a 503
 * with Retry-After; an unexpected error → a 500. Either says nothing but the requestId.
 */
function problemErrors(logger: Logger): MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    onError: (request) => {
      const state = stateOf(request.event, request.context);
      let problem = problemFor(request.error);
      const transient = problem ? undefined : transientFailure(request.error);
      if (transient) {
        logger.warn('DynamoDB could not answer; the caller is told to retry', {
          reason: transient,
          errorName: (request.error as Error | undefined)?.name ?? null,
        });
        problem = serviceUnavailable();
      }
      if (!problem) {
        logger.error('unhandled error', request.error as Error);
        problem = internalError();
      }
      state.problemCode = problem.code;
      request.response = problemResponse(problem, state.lang, { instance: state.path, requestId: state.requestId });
    },
  };
}

/** Request and correlation ids: into the logger's keys for the request, onto every response. */
function requestIds(logger: Logger): MiddlewareObj<HttpEvent, HttpResponse> {
  const stamp = (request: middy.Request<HttpEvent, HttpResponse>) => {
    if (!request.response) return;
    const state = stateOf(request.event, request.context);
    request.response.headers = {
      ...request.response.headers,
      'x-request-id': state.requestId,
      'x-correlation-id': state.correlationId,
    };
  };
  return {
    before: (request) => {
      const state = initState(request.event, request.context);
      logger.appendKeys({ requestId: state.requestId, correlationId: state.correlationId });
    },
    after: stamp,
    onError: stamp,
  };
}

/** One line per request: method, route, status, latency. Never bodies. */
function accessLog(logger: Logger): MiddlewareObj<HttpEvent, HttpResponse> {
  const log = (request: middy.Request<HttpEvent, HttpResponse>) => {
    const state = stateOf(request.event, request.context);
    const status = request.response?.statusCode ?? 500;
    logger.info('request', {
      method: state.method,
      route: state.route?.path ?? null,
      operationId: state.route?.operationId ?? null,
      status,
      latencyMs: Math.round((performance.now() - state.startedAt) * 10) / 10,
      ...(state.problemCode ? { problem: state.problemCode } : {}),
    });
  };
  return { after: log, onError: log };
}

/**
 * The HTTP Lambda of a service: one middy handler routing by method and path to
 * each route's own middy handler, wrapped in the global stack (`httpStack`), the
 * whole traced and publishing each request's business metrics (`observedHandler`).
 */
export function createHttpHandler<const Routes extends readonly AnyRoute[]>(
  options: HttpHandlerOptions<Routes>,
): LambdaFunction<HttpEvent, HttpResponse> {
  const stack = httpStack(options);
  // Lambda and the local platform always pass the context; `as` only narrows the optional parameter.
  return observedHandler({ service: options.service, metrics: options.metrics }, (event, context) =>
    stack(event, context as Context),
  );
}

function httpStack<const Routes extends readonly AnyRoute[]>(options: HttpHandlerOptions<Routes>) {
  const { service, routes, db } = options;
  const logger = options.logger ?? createLogger(service);
  const implementations = options.handlers as unknown as Record<string, ImplementationFn | undefined>;

  const router = httpRouter<HttpEvent, APIGatewayProxyStructuredResultV2>({
    routes: routes.map((route) => {
      const implementation = implementations[route.operationId];
      if (!implementation) throw new Error(`${service}: no handler for route ${route.operationId}`);
      if (route.idempotent && !db) throw new Error(`${service}: route ${route.operationId} is idempotent: pass db`);
      const handler = routeHandler({ service, route, implementation, db });
      return { method: route.method, path: route.path, handler };
    }),
    notFoundResponse: unmatched(routes),
  });

  return (
    middy<HttpEvent, HttpResponse>(router as never)
      // Never log the raw event: its body is a string, out of reach of key-based redaction.
      .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
      .use(httpHeaderNormalizer())
      .use(requestIds(logger))
      .use(accessLog(logger))
      .use(bodyLimit(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES))
      .use(
        httpCors({
          origins: [...(options.corsOrigins ?? corsOriginsFromEnv())],
          headers: CORS_ALLOW_HEADERS.join(', '),
          methods: CORS_METHODS.join(', '),
          exposeHeaders: CORS_EXPOSE_HEADERS.join(', '),
          maxAge: CORS_MAX_AGE_SECONDS,
        }),
      )
      .use(httpSecurityHeaders())
      .use(problemErrors(logger))
  );
}
