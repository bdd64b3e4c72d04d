/**
 * Child process of bench/run.ts: the time the http-kit middy stack adds to one
 * warm request, against a bare async handler returning the same JSON. It runs in
 * its own process so the stack's access log (Powertools Logger, INFO) can go to
 * /dev/null without hiding the bench's own output; results go back over IPC.
 *
 *   POWERTOOLS_LOG_LEVEL=INFO|SILENT node --import tsx bench/middy-overhead.ts
 */
import { randomUUID } from 'node:crypto';
import { defineRoute } from '@congdoan/contracts';
import { createHttpHandler } from '@congdoan/http-kit';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type Summary, summarize } from './stats.ts';

export interface OverheadResult {
  logLevel: string;
  iterations: number;
  bare: Summary;
  middy: Summary;
}

const WARMUP = 3_000;
const ROUNDS = 5;
const PER_ROUND = 3_000;
const PATH = '/v1/membership/bench/ping';
const payload = { ok: true, service: 'membership', items: [{ id: 'u-1', name: 'CĐCS Sở Y tế' }] };

const route = defineRoute({
  operationId: 'benchPing',
  method: 'GET',
  path: PATH,
  summary: 'Bench: a route with no input and a fixed answer',
  roles: ['admin', 'member'],
  responses: { 200: { description: 'pong' } },
});

const middyHandler = createHttpHandler({
  service: 'membership',
  routes: [route] as const,
  handlers: { benchPing: async () => ({ status: 200, body: payload }) },
  corsOrigins: ['https://congdoan.example.vn'],
});

const bareHandler = async (
  _event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(payload),
});

/** An API Gateway HTTP API (payload 2.0) event with verified JWT claims, as the Lambda receives it. */
function event(): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: `GET ${PATH}`,
    rawPath: PATH,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      'accept-language': 'vi',
      origin: 'https://congdoan.example.vn',
      'user-agent': 'bench',
      'x-correlation-id': 'bench-correlation',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'bench.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'bench',
      http: { method: 'GET', path: PATH, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `GET ${PATH}`,
      stage: '$default',
      time: '22/Nov/2026:01:30:00 +0000',
      timeEpoch: 1795311000000,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: {
            sub: 'user-bench',
            'cognito:groups': '[admin]',
            unit_id: '*',
            username: 'bench',
            token_use: 'access',
            scope: 'congdoan-api/membership.read',
          },
          scopes: ['congdoan-api/membership.read'],
        },
      },
    },
    isBase64Encoded: false,
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'congdoan-bench-membership-http',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:congdoan-bench-membership-http',
  memoryLimitInMB: '1024',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/congdoan-bench-membership-http',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

type Handler = (e: APIGatewayProxyEventV2WithJWTAuthorizer, c: Context) => Promise<unknown>;

/** µs per request; each request gets a fresh event, built outside the timed region. */
async function time(handler: Handler, n: number, into?: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const e = event();
    const start = process.hrtime.bigint();
    await handler(e, context);
    const end = process.hrtime.bigint();
    into?.push(Number(end - start) / 1_000);
  }
}

async function main(): Promise<void> {
  const check = (await middyHandler(event(), context)) as { statusCode: number; body?: string };
  if (check.statusCode !== 200 || check.body !== JSON.stringify(payload)) {
    throw new Error(
      `The middy handler answered ${check.statusCode} ${check.body ?? ''}: the bench route is not served.`,
    );
  }
  const bare: number[] = [];
  const middy: number[] = [];
  await time(bareHandler, WARMUP);
  await time(middyHandler as Handler, WARMUP);
  // Interleaved rounds, so drift (GC, CPU frequency) hits both alike.
  for (let round = 0; round < ROUNDS; round++) {
    await time(bareHandler, PER_ROUND, bare);
    await time(middyHandler as Handler, PER_ROUND, middy);
  }
  const result: OverheadResult = {
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    iterations: ROUNDS * PER_ROUND,
    bare: summarize(bare),
    middy: summarize(middy),
  };
  if (process.send) process.send(result);
  else console.error(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
