import type { z } from 'zod';
import type { ServiceName } from './events/envelope.ts';
import type { EventPattern } from './events/pattern.ts';
import type { Role } from './roles.ts';
import type { TableDefinition } from './table.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A module under the service's `src/handlers/` and the name it exports. */
export interface HandlerRef {
  /** File name under `src/handlers/`, without extension, e.g. `events`. */
  file: string;
  /** Exported function name, e.g. `onUnitChanged`. */
  export: string;
}

export interface ResponseDefinition {
  description: string;
  schema?: z.ZodType;
  /** Response headers worth documenting, e.g. `Location`, `ETag`. */
  headers?: readonly string[];
}

export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  Id extends string = string,
> {
  /** Unique in the product; the key of the route's implementation. */
  operationId: Id;
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/<service>/units/{id}`. */
  path: string;
  summary: string;
  description?: string;
  /** Roles allowed to call. The caller needs at least one. */
  roles: readonly Role[];
  request?: { params?: P; query?: Q; body?: B };
  /** Accepts an `Idempotency-Key` header (POSTs that create). */
  idempotent?: boolean;
  /** Reads `If-Match` for optimistic locking. */
  conditional?: boolean;
  responses: Record<number, ResponseDefinition>;
}

export interface SubscriptionDefinition {
  /** Unique within the service; names the function and rule. */
  name: string;
  description: string;
  pattern: EventPattern;
  handler: HandlerRef;
}

export interface ScheduleDefinition {
  name: string;
  description: string;
  /** EventBridge Scheduler cron expression, e.g. `cron(0 2 1 * ? *)`. */
  cron: string;
  timezone: 'Asia/Ho_Chi_Minh';
  handler: HandlerRef;
  /** Passed to the handler as the event. */
  input?: Record<string, unknown>;
}

/** The single source of truth for a service: CDK, the local platform, OpenAPI and the contract tests read it. */
export interface ServiceManifest {
  service: ServiceName;
  table: TableDefinition;
  http: HandlerRef;
  routes: readonly RouteDefinition[];
  subscriptions: readonly SubscriptionDefinition[];
  schedules: readonly ScheduleDefinition[];
  /** detail-types this service writes to its outbox. */
  publishes: readonly string[];
}

/** Keeps a route's zod types and literal operationId for inference in its implementation. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, const Id extends string>(
  route: RouteDefinition<P, Q, B, Id>,
): RouteDefinition<P, Q, B, Id> {
  return route;
}

export function defineManifest<M extends ServiceManifest>(manifest: M): M {
  return manifest;
}
