import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { AuthContext } from './auth.ts';
import { type Lang, preferredLanguage } from './language.ts';
import type { AnyRoute } from './types.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** What the global and route middlewares learn about one request, shared through its event. */
export interface RequestState {
  requestId: string;
  correlationId: string;
  lang: Lang;
  startedAt: number;
  method: string;
  path: string;
  route?: AnyRoute;
  auth?: AuthContext;
  params?: unknown;
  query?: unknown;
  body?: unknown;
  ifMatch?: number;
  idempotencyKey?: string;
  /** The problem `code` answered, for the access log. */
  problemCode?: string;
}

const states = new WeakMap<object, RequestState>();

/** Accepted from callers as is; anything else is replaced, so a header cannot inject into logs. */
const CORRELATION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export function initState(event: HttpEvent, context: Partial<Context> | undefined): RequestState {
  const headers = event.headers ?? {};
  const incoming = headers['x-correlation-id'];
  const state: RequestState = {
    requestId: event.requestContext?.requestId || context?.awsRequestId || randomUUID(),
    correlationId: incoming && CORRELATION_ID.test(incoming) ? incoming : randomUUID(),
    lang: preferredLanguage(headers['accept-language']),
    startedAt: performance.now(),
    method: event.requestContext?.http?.method ?? 'UNKNOWN',
    path: event.rawPath ?? event.requestContext?.http?.path ?? '/',
  };
  states.set(event, state);
  return state;
}

/** The request's state; made on the spot if an early failure came before it was. */
export function stateOf(event: HttpEvent, context?: Partial<Context>): RequestState {
  return states.get(event) ?? initState(event, context);
}
