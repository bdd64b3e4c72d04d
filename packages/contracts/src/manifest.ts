import type { z } from 'zod';
import { SERVICES, type ServiceName } from './events/envelope.ts';
import type { EventPattern } from './events/pattern.ts';
import type { Role } from './roles.ts';
import type { TableDefinition } from './table.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A handler module and the name it exports: a file under the service's own `src/handlers/`,
 * or, with `package`, a module a workspace package provides for any service to mount (a
 * directory projection). `handlerEntry()` in `@congdoan/registry` turns either into a path.
 */
export interface HandlerRef {
  /**
   * File name under `src/handlers/`, without extension, e.g. `events`; with `package`, the
   * package's export subpath, e.g. `handler` for `@congdoan/org-directory/handler`.
   */
  file: string;
  /** Exported function name, e.g. `onUnitChanged`. */
  export: string;
  /**
   * A workspace package the service depends on, e.g. `@congdoan/org-directory`, whose
   * `./<file>` export holds the handler. Its export must be a `mountedHandler`, since one
   * module serves every service that mounts it.
   */
  package?: string;
}

/** A handler shared by the services that mount it, and the way to get one service's own. */
export type MountedHandler<E, R> = ((event: E, ...rest: unknown[]) => Promise<R>) & {
  /** The handler of one mounting service (the local platform runs every service in one process). */
  forService(service: ServiceName): (event: E) => Promise<R>;
};

/**
 * Makes the handler a package exports for any service to mount. In AWS each function runs
 * alone and learns its service from `POWERTOOLS_SERVICE_NAME`, which every function is given
 * (read on the first event, so importing the module needs no environment); the local platform
 * and tests call `forService(service)` instead.
 */
export function mountedHandler<E, R>(create: (service: ServiceName) => (event: E) => Promise<R>): MountedHandler<E, R> {
  let own: ((event: E) => Promise<R>) | undefined;
  const handler = (event: E) => {
    own ??= create(serviceFromEnvironment());
    return own(event);
  };
  return Object.assign(handler, { forService: create });
}

/** Whether a module export is a `mountedHandler`. */
export function isMountedHandler(value: unknown): value is MountedHandler<unknown, unknown> {
  return typeof value === 'function' && typeof (value as { forService?: unknown }).forService === 'function';
}

function serviceFromEnvironment(): ServiceName {
  const name = process.env.POWERTOOLS_SERVICE_NAME;
  const service = SERVICES.find((s) => s === name);
  if (!service) {
    throw new Error(
      `POWERTOOLS_SERVICE_NAME is ${name === undefined ? 'not set' : `"${name}"`}: a mounted handler needs the name of the service mounting it`,
    );
  }
  return service;
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
  /**
   * OAuth scopes (without the resource-server prefix) of which a caller's token must hold at
   * least one, e.g. `membership.members.write`. Default: `<service>.read` for GET, else
   * `<service>.write` (see `routeScopes`). The JWT authorizer and http-kit enforce the same list.
   */
  scopes?: readonly string[];
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
  /**
   * Deliver through a queue instead of invoking the function per event: the rule sends to an
   * SQS queue (locally, an in-process one) and the function consumes it in batches, at most
   * `maxConcurrency` batches at once, which bounds the load on the table. The handler must take
   * an SQS batch and report failed records (`queuedHandler` in `@congdoan/http-kit`); a record is
   * received at most `QUEUE_MAX_RECEIVE_COUNT` times, then dead-lettered.
   */
  queue?: QueueDefinition;
}

export interface QueueDefinition {
  /** Records per invocation, 1 to 10. */
  batchSize: number;
  /** Batches processed at once, 2 to 1000 (Lambda's bounds for an SQS event source). */
  maxConcurrency: number;
  /** At least six times the function's timeout (AWS's advice); default exactly six times. */
  visibilityTimeoutSeconds?: number;
}

/** Receives of a queued record before it goes to the subscription's dead-letter queue. */
export const QUEUE_MAX_RECEIVE_COUNT = 5;

/**
 * What is wrong with a subscription's queue settings (empty when nothing is), so that CDK and
 * the local platform refuse the same manifests. `functionTimeoutSeconds` checks the visibility timeout.
 */
export function queueDefinitionProblems(queue: QueueDefinition, functionTimeoutSeconds?: number): string[] {
  const problems: string[] = [];
  const { batchSize, maxConcurrency, visibilityTimeoutSeconds } = queue;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10)
    problems.push(`batchSize must be an integer from 1 to 10, not ${batchSize}`);
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000)
    problems.push(`maxConcurrency must be an integer from 2 to 1000, not ${maxConcurrency}`);
  if (visibilityTimeoutSeconds !== undefined) {
    if (
      !Number.isInteger(visibilityTimeoutSeconds) ||
      visibilityTimeoutSeconds < 0 ||
      visibilityTimeoutSeconds > 43_200
    )
      problems.push(`visibilityTimeoutSeconds must be an integer from 0 to 43200, not ${visibilityTimeoutSeconds}`);
    else if (functionTimeoutSeconds !== undefined && visibilityTimeoutSeconds < 6 * functionTimeoutSeconds)
      problems.push(
        `visibilityTimeoutSeconds (${visibilityTimeoutSeconds}) must be at least six times the function timeout (${functionTimeoutSeconds} s)`,
      );
  }
  return problems;
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

/** The namespace of every business metric (Powertools Metrics, EMF); the dimension `service` names the service. */
export const METRICS_NAMESPACE = 'Congdoan';

/** A business metric a service publishes, declared in its manifest so CDK can chart it. */
export interface MetricDefinition {
  /** PascalCase, e.g. `MembersAdmitted`. */
  name: string;
  description: string;
  unit: 'Count';
  /** Counted once per committed event of this detail-type, when set. */
  countsEvent?: string;
}

/**
 * A key a service encrypts data with, kept apart from its table (a denouncer's identity). In AWS a
 * KMS key in the stateful stack (rotation on, retained when the stack goes), its ARN in
 * `keyEnvVars(…).kmsKeyId` of the functions in `usedBy`, which alone may encrypt and decrypt with
 * it; locally a 32-byte key kept in the data folder, in `keyEnvVars(…).localKey` as base64.
 */
export interface KeyDefinition {
  /** Lower-case letters, digits and dashes, unique in the service, e.g. `identity`; names the alias and variables. */
  name: string;
  description: string;
  /** The functions that may use it: `http` for the HTTP function, or a subscription's or schedule's name. */
  usedBy: readonly string[];
}

/** The environment variables that carry a key to its functions: `INSPECTION_IDENTITY_KMS_KEY_ID`, `INSPECTION_IDENTITY_KEY`. */
export function keyEnvVars(service: string, key: string): { kmsKeyId: string; localKey: string } {
  const name = `${service}_${key}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return { kmsKeyId: `${name}_KMS_KEY_ID`, localKey: `${name}_KEY` };
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
  /** Business metrics the service publishes; CDK builds the service's dashboard from them. */
  metrics?: readonly MetricDefinition[];
  /** Encryption keys of the service's own, each for the functions it names. */
  keys?: readonly KeyDefinition[];
}

type ScopedManifest = Pick<ServiceManifest, 'service' | 'routes'>;

/** Every OAuth scope the manifests' routes name: the resource server's scopes. */
export function allScopes(manifests: readonly ScopedManifest[]): string[] {
  const scopes = new Set<string>();
  for (const m of manifests) for (const route of m.routes) for (const s of routeScopes(m.service, route)) scopes.add(s);
  return [...scopes].sort();
}

/**
 * The scopes a person holding `roles` gets in their access token: the scopes of every route
 * that one of their roles may call, so that a person's token passes the authorizer's scope
 * check wherever their roles allow. Derived from the manifests, never kept by hand.
 */
export function roleScopes(manifests: readonly ScopedManifest[], roles: readonly Role[]): string[] {
  const scopes = new Set<string>();
  for (const m of manifests)
    for (const route of m.routes)
      if (route.roles.some((r) => roles.includes(r))) for (const s of routeScopes(m.service, route)) scopes.add(s);
  return [...scopes].sort();
}

/** A GET reads; every other method writes. */
const access = (method: HttpMethod): 'read' | 'write' => (method === 'GET' ? 'read' : 'write');

/** The scopes a route needs: its own, or `<service>.read` for GET and `<service>.write` otherwise. */
export function routeScopes(service: string, route: Pick<RouteDefinition, 'method' | 'scopes'>): readonly string[] {
  if (route.scopes && route.scopes.length > 0) return route.scopes;
  return [`${service}.${access(route.method)}`];
}

/**
 * Puts routes in a scope area: each needs `<area>.read` (GET) or `<area>.write` (any other
 * method), e.g. `scopeArea('membership.members', [...])`. A service declares each area once,
 * in its route-parts, instead of naming scopes route by route (docs/integration.md, Scopes).
 */
export function scopeArea<const R extends readonly Pick<RouteDefinition, 'method' | 'scopes'>[]>(
  area: string,
  routes: R,
): R {
  return routes.map((route) => ({ ...route, scopes: [`${area}.${access(route.method)}`] })) as unknown as R;
}

/** Keeps a route's zod types and literal operationId for inference in its implementation. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, const Id extends string>(
  route: RouteDefinition<P, Q, B, Id>,
): RouteDefinition<P, Q, B, Id> {
  return route;
}

/**
 * Keeps a manifest's literal types, and refuses two subscriptions of one name (each names a
 * function and a rule), e.g. a directory mounted twice: `memberDirectory()` brings the
 * organisation directory with it.
 */
export function defineManifest<M extends ServiceManifest>(manifest: M): M {
  const seen = new Set<string>();
  for (const { name } of manifest.subscriptions) {
    if (seen.has(name)) {
      throw new Error(
        `${manifest.service}: two subscriptions are named "${name}" (mount memberDirectory() or orgDirectory(), not both)`,
      );
    }
    seen.add(name);
  }
  const problems = keyDefinitionProblems(manifest);
  if (problems.length > 0) throw new Error(`${manifest.service}: ${problems.join('; ')}`);
  return manifest;
}

/** What is wrong with a manifest's keys: a bad or repeated name, or a function in `usedBy` the manifest does not have. */
export function keyDefinitionProblems(
  manifest: Pick<ServiceManifest, 'keys' | 'subscriptions' | 'schedules'>,
): string[] {
  const problems: string[] = [];
  const functions = new Set([
    'http',
    ...manifest.subscriptions.map((s) => s.name),
    ...manifest.schedules.map((s) => s.name),
  ]);
  const names = new Set<string>();
  for (const key of manifest.keys ?? []) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(key.name))
      problems.push(`key "${key.name}": a key name is lower-case letters, digits and dashes`);
    if (names.has(key.name)) problems.push(`two keys are named "${key.name}"`);
    names.add(key.name);
    if (key.usedBy.length === 0) problems.push(`key "${key.name}" is used by no function`);
    for (const fn of key.usedBy)
      if (!functions.has(fn))
        problems.push(`key "${key.name}" names "${fn}", which is neither http nor a subscription or schedule`);
  }
  return problems;
}
