import { randomUUID } from 'node:crypto';
import { tableEnvVar, type Unit, type UnitLevel } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { type AnyRoute, createHttpHandler, type RouteHandlers } from '@congdoan/http-kit';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { freshTable } from '../../../../test/support/tables.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';
import type { PostingInput, PostingLine } from '../../src/domain/ledger/types.ts';
import { profileFromUnit } from '../../src/domain/unit-profile.ts';

export const ctx = systemContext('reports-test');

/** A fresh finance table, named in the environment so the handlers' composition roots use it. */
export async function reportsTable(): Promise<Db> {
  const db = await freshTable('finance');
  process.env[tableEnvVar('finance')] = db.tableName;
  return db;
}

let version = 1;

/** A unit known to finance: in the organisation directory and with a finance profile, as membership's events make it. */
export async function seedUnit(
  db: Db,
  options: { parentId?: string | null; level?: UnitLevel; status?: Unit['status']; name?: string; id?: string } = {},
): Promise<Unit> {
  const id = options.id ?? randomUUID();
  const at = '2025-01-01T00:00:00.000Z';
  const level = options.level ?? (options.parentId ? 'grassroots' : 'upper');
  const unit: Unit = {
    id,
    code: `U-${id.slice(0, 6)}`,
    name: options.name ?? `Công đoàn ${id.slice(0, 6)}`,
    level,
    parentId: options.parentId ?? null,
    agency:
      level === 'grassroots'
        ? { name: `Cơ quan ${id.slice(0, 6)}`, taxId: `0${String(Date.now()).slice(-9)}`, fundingType: 'self-funded' }
        : null,
    status: options.status ?? 'active',
    childCount: 0,
    memberCount: 0,
    dissolution:
      options.status === 'dissolved'
        ? { reason: 'Kết luận 157-KL/TW', decisionNumber: '12/QĐ-CĐ', effectiveDate: '2025-06-30' }
        : null,
    version: version++,
    createdAt: at,
    updatedAt: at,
  };
  await applyUnitSnapshot(db, unit, ctx);
  await createUnitProfileStore(db).upsertIfNewer(profileFromUnit(unit), ctx);
  return unit;
}

/** The unit again, as a later event would carry it (e.g. dissolved). */
export async function updateUnit(db: Db, unit: Unit, change: Partial<Unit>): Promise<Unit> {
  const next: Unit = { ...unit, ...change, version: unit.version + 1000 };
  await applyUnitSnapshot(db, next, ctx);
  await createUnitProfileStore(db).upsertIfNewer(profileFromUnit(next), ctx);
  return next;
}

/** A posting of the given lines; `Nợ`/`Có` written as [account, debit, credit]. */
export function posting(
  unitId: string,
  date: string,
  lines: [string, number, number][],
  options: { voucher?: 'receipt' | 'payment'; id?: string; memo?: string } = {},
): PostingInput {
  const id = options.id ?? randomUUID();
  return {
    id,
    unitId,
    date,
    memo: options.memo ?? 'Bút toán thử',
    lines: lines.map(([account, debit, credit]): PostingLine => ({ account, debit, credit })),
    ...(options.voucher ? { voucher: options.voucher } : {}),
    source: { service: 'finance', kind: 'test', id },
  };
}

export type Claims = Record<string, string>;

export const claimsFor = (roles: string[], unitId = '*', sub = 'user-reports'): Claims => ({
  sub,
  'cognito:groups': `[${roles.join(' ')}]`,
  unit_id: unitId,
  username: sub,
  token_use: 'access',
});

export interface Call {
  method?: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  claims?: Claims;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  body: any;
}

/** Routes behind the real HTTP stack, called with API Gateway v2 events. */
export function api<R extends readonly AnyRoute[]>(db: Db, routes: R, handlers: RouteHandlers<R>) {
  const handler = createHttpHandler({ service: 'finance', routes, handlers, db: () => db });
  return async (call: Call): Promise<Answer> => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: call.path,
      rawQueryString: call.query ? new URLSearchParams(call.query).toString() : '',
      headers,
      queryStringParameters: call.query,
      requestContext: {
        accountId: '123456789012',
        apiId: 'api',
        domainName: 'api.example',
        domainPrefix: 'api',
        http: {
          method: call.method ?? 'GET',
          path: call.path,
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'vitest',
        },
        requestId: `req-${randomUUID()}`,
        routeKey: '$default',
        stage: '$default',
        time: '01/Jan/2026:00:00:00 +0000',
        timeEpoch: 1767225600000,
        authorizer: {
          principalId: '',
          integrationLatency: 0,
          jwt: { claims: call.claims ?? claimsFor(['accountant']), scopes: null },
        },
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      isBase64Encoded: false,
    };
    const context = {
      functionName: 'finance-http',
      awsRequestId: randomUUID(),
      getRemainingTimeInMillis: () => 30_000,
    } as unknown as Context;
    const res = (await handler(event as never, context)) as APIGatewayProxyStructuredResultV2 & { statusCode: number };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) out[k.toLowerCase()] = String(v);
    return { status: res.statusCode, headers: out, body: res.body ? JSON.parse(res.body) : undefined };
  };
}

/** The reports' routes behind the HTTP stack. */
export async function reportsApi(db: Db) {
  const { reportsRoutes } = await import('../../src/reports-routes.ts');
  const { reportsHandlers } = await import('../../src/handlers/http/reports.ts');
  return api(db, reportsRoutes, reportsHandlers);
}
