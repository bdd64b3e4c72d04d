import { randomUUID } from 'node:crypto';
import { type BusEvent, tableEnvVar, type Unit } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { freshTable } from '../../../../test/support/tables.ts';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import type { PostingInput } from '../../src/domain/ledger/types.ts';

export const ctx = systemContext('ledger-test');

/** A fresh finance table, named in the environment so the handlers' composition roots use it. */
export async function ledgerTable(): Promise<Db> {
  const db = await freshTable('finance');
  process.env[tableEnvVar('finance')] = db.tableName;
  return db;
}

/** Puts a unit in finance's organisation directory, as membership's unit events would. */
export async function seedUnit(db: Db, id: string = randomUUID(), parentId: string | null = null): Promise<string> {
  const at = '2025-01-01T00:00:00.000Z';
  const unit: Unit = {
    id,
    code: `U-${id.slice(0, 6)}`,
    name: `CĐCS ${id.slice(0, 6)}`,
    level: parentId ? 'grassroots' : 'upper',
    parentId,
    agency: null,
    status: 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await applyUnitSnapshot(db, unit, ctx);
  return id;
}

/** A receipt of dues in cash: Nợ 111 / Có 5111. */
export const receipt = (unitId: string, date: string, amount: number, id: string = randomUUID()): PostingInput => ({
  id,
  unitId,
  date,
  memo: 'Thu đoàn phí',
  voucher: 'receipt',
  lines: [
    { account: ACCOUNT.cash, debit: amount, credit: 0 },
    { account: ACCOUNT.duesIncome, debit: 0, credit: amount },
  ],
  source: { service: 'finance', kind: 'test', id },
});

/** A payment in cash for an account of spending: Nợ <account> / Có 111. */
export const payment = (
  unitId: string,
  date: string,
  amount: number,
  account: string = ACCOUNT.activities,
  id: string = randomUUID(),
): PostingInput => ({
  id,
  unitId,
  date,
  memo: 'Chi hoạt động',
  voucher: 'payment',
  lines: [
    { account, debit: amount, credit: 0 },
    { account: ACCOUNT.cash, debit: 0, credit: amount },
  ],
  source: { service: 'finance', kind: 'test', id },
});

export type Claims = Record<string, string>;

export const claimsFor = (roles: string[], unitId = '*', sub = 'user-accountant'): Claims => ({
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

/** The ledger's routes behind the real HTTP stack, called with API Gateway v2 events. */
export async function ledgerApi(db: Db) {
  const { ledgerRoutes } = await import('../../src/ledger-routes.ts');
  const { ledgerHandlers } = await import('../../src/handlers/http/ledger.ts');
  const handler = createHttpHandler({
    service: 'finance',
    routes: ledgerRoutes,
    handlers: ledgerHandlers,
    db: () => db,
  });
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

/** A posting request as a producer's outbox would put it on the bus. */
export function postingRequest(source: string, data: unknown, eventId: string = randomUUID()): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    source,
    account: '000000000000',
    time: '2025-06-01T00:00:00Z',
    region: 'local',
    resources: [],
    'detail-type': 'LedgerPostingRequested',
    detail: {
      metadata: {
        eventId,
        eventVersion: 1,
        occurredAt: '2025-06-01T00:00:00.000Z',
        correlationId: randomUUID(),
        actor: { id: 'user-welfare', roles: ['officer'], unitId: null },
      },
      data,
    },
  };
}
