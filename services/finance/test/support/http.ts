import { type Role, roleScopes, tokenScope } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { type AnyRoute, createHttpHandler, type RouteHandlers } from '@congdoan/http-kit';
import { httpEvent, lambdaContext, type Response } from '../../../../packages/http-kit/test/support.ts';
import { manifest } from '../../src/manifest.ts';

export type Claims = Record<string, string>;

/**
 * A user's verified token claims, as API Gateway passes them: `roles` over `unitId`'s subtree
 * (`*`: the whole tree), with the scopes of their roles' finance routes, as the pre-token trigger adds them.
 */
export const claimsFor = (roles: string[], unitId = '*', sub = 'user-accountant'): Claims => ({
  sub,
  'cognito:groups': `[${roles.join(' ')}]`,
  unit_id: unitId,
  username: sub,
  token_use: 'access',
  scope: roleScopes([manifest], roles as Role[])
    .map(tokenScope)
    .join(' '),
});

export interface Call {
  method?: string;
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Default: an accountant of the whole tree. */
  claims?: Claims;
}

export interface Answer {
  status: number;
  /** By lower-case name. */
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  body: any;
}

/** Routes behind the real HTTP stack (auth, validation, idempotency, problem+json), called with API Gateway v2 events. */
export function routesApi<R extends readonly AnyRoute[]>(db: Db, routes: R, handlers: RouteHandlers<R>) {
  const handler = createHttpHandler({ service: 'finance', routes, handlers, db: () => db });
  return async (call: Call): Promise<Answer> => {
    const event = httpEvent({
      method: call.method,
      path: call.path,
      query: call.query,
      headers: call.headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      claims: call.claims ?? claimsFor(['accountant']),
    });
    const res = (await handler(event as never, lambdaContext())) as Response;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = String(v);
    return { status: res.statusCode, headers, body: res.body ? JSON.parse(res.body) : undefined };
  };
}
