import type { RouteDefinition } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { z } from 'zod';
import type { AuthContext } from './auth.ts';
import type { Lang } from './language.ts';

/** What a route's implementation receives: validated input and who is asking. */
export interface HttpRequest<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  auth: AuthContext;
  lang: Lang;
  requestId: string;
  correlationId: string;
  /** The version in `If-Match` (routes with `conditional: true`); undefined when absent or `*`. */
  ifMatch: number | undefined;
  write: WriteContext;
}

/** What a route's implementation answers; the stack serialises `body` as JSON. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Any route of a manifest, whatever its schemas. */
// biome-ignore lint/suspicious/noExplicitAny: the schemas' own types do not matter here, only that they are schemas
export type AnyRoute = RouteDefinition<any, any, any, string>;

type Out<S> = S extends z.ZodType ? z.output<S> : unknown;

export type RouteRequest<R> =
  R extends RouteDefinition<infer P, infer Q, infer B, string> ? HttpRequest<Out<P>, Out<Q>, Out<B>> : never;

export type RouteHandler<R> = (req: RouteRequest<R>) => Promise<HttpResult>;

/** One implementation per route, keyed by operationId and typed from the route's zod schemas. */
export type RouteHandlers<Routes extends readonly AnyRoute[]> = {
  [Id in Routes[number]['operationId']]: RouteHandler<Extract<Routes[number], { operationId: Id }>>;
};
