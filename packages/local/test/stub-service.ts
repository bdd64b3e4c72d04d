/**
 * A small stand-in service for the platform's own tests: a manifest with a few routes,
 * a subscription and a schedule, and handlers that record what they were given.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BusEvent,
  defineEvent,
  defineManifest,
  defineRoute,
  type HandlerRef,
  type ServiceManifest,
  serviceTable,
  tableEnvVar,
} from '@congdoan/contracts';
import { commit, createClients, event, systemContext } from '@congdoan/ddb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { z } from 'zod';
import type { HandlerResolver, LambdaHandler } from '../src/lambda.ts';

export const ThingCreated = defineEvent({
  service: 'membership',
  detailType: 'ThingCreated',
  version: 1,
  description: 'A thing was created (test only).',
  data: z.object({ id: z.string(), name: z.string() }),
});

export const stubManifest = defineManifest({
  service: 'membership',
  table: serviceTable('membership'),
  http: { file: 'http', export: 'handler' },
  routes: [
    defineRoute({
      operationId: 'echo',
      method: 'GET',
      path: '/v1/membership/echo/{id}',
      summary: 'Echo the event',
      roles: ['admin', 'officer'],
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: { description: 'The event' } },
    }),
    defineRoute({
      operationId: 'echoPost',
      method: 'POST',
      path: '/v1/membership/echo/{id}',
      summary: 'Echo the event',
      roles: ['admin'],
      idempotent: true,
      request: { params: z.object({ id: z.string() }), body: z.object({}).loose() },
      responses: { 200: { description: 'The event' } },
    }),
    defineRoute({
      operationId: 'createThing',
      method: 'POST',
      path: '/v1/membership/things',
      summary: 'Create a thing (state + outbox in one transaction)',
      roles: ['admin'],
      request: { body: z.object({ name: z.string() }) },
      responses: { 201: { description: 'Created' } },
    }),
    defineRoute({
      operationId: 'getThing',
      method: 'GET',
      path: '/v1/membership/things/{id}',
      summary: 'Read a thing',
      roles: ['admin'],
      conditional: true,
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: { description: 'The thing' } },
    }),
    defineRoute({
      operationId: 'crash',
      method: 'GET',
      path: '/v1/membership/crash',
      summary: 'Throws',
      roles: ['admin'],
      responses: { 200: { description: 'never' } },
    }),
  ],
  subscriptions: [
    {
      name: 'thing-recorder',
      description: 'Records ThingCreated events.',
      pattern: { source: ['congdoan.membership'], 'detail-type': ['ThingCreated'] },
      handler: { file: 'events', export: 'onThing' },
    },
  ],
  schedules: [
    {
      name: 'stub-nightly',
      description: 'Test schedule.',
      cron: 'cron(30 1 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'nightly' },
      input: { mode: 'full' },
    },
    {
      name: 'stub-failing',
      description: 'Test schedule that fails.',
      cron: 'cron(0 2 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh',
      handler: { file: 'schedules', export: 'failing' },
    },
  ],
  publishes: ['ThingCreated'],
}) satisfies ServiceManifest;

export interface StubCalls {
  http: { event: APIGatewayProxyEventV2WithJWTAuthorizer; context: Context }[];
  events: BusEvent[];
  schedules: { event: Record<string, unknown>; context: Context }[];
}

function db() {
  const clients = createClients();
  const tableName = process.env[tableEnvVar('membership')];
  if (!tableName) throw new Error('table env not set');
  return { ...clients, tableName };
}

/** The stub's handlers, recording their calls into a fresh `StubCalls`. */
export function stubHandlers(): { calls: StubCalls; resolveHandler: HandlerResolver } {
  const calls: StubCalls = { http: [], events: [], schedules: [] };
  const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const handlers: Record<string, LambdaHandler> = {
    'http.handler': async (e: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => {
      calls.http.push({ event: e, context });
      switch (e.routeKey) {
        case 'GET /v1/membership/echo/{id}':
        case 'POST /v1/membership/echo/{id}':
          return {
            ...json(200, { event: e, remaining: context.getRemainingTimeInMillis() }),
            cookies: ['a=1; Path=/', 'b=2; Path=/'],
          };
        case 'POST /v1/membership/things': {
          const { name } = JSON.parse(e.body ?? '{}') as { name: string };
          const id = randomUUID();
          const ctx = systemContext('stub', e.requestContext.requestId);
          await commit(
            db(),
            {
              items: [{ Put: { Item: { pk: `THING#${id}`, sk: 'THING', id, name } } }],
              events: [event(ThingCreated, { id, name })],
            },
            ctx,
          );
          return json(201, { id, name }, { location: `/v1/membership/things/${id}` });
        }
        case 'GET /v1/membership/things/{id}': {
          const d = db();
          const id = e.pathParameters?.id ?? '';
          const { Item } = await d.client.send(
            new GetCommand({ TableName: d.tableName, Key: { pk: `THING#${id}`, sk: 'THING' } }),
          );
          return Item ? json(200, { id: Item.id, name: Item.name }) : json(404, { code: 'not-found' });
        }
        case 'GET /v1/membership/crash':
          throw new Error('boom: secret stack detail');
        default:
          return json(500, { unexpected: e.routeKey });
      }
    },
    'events.onThing': async (e: BusEvent) => {
      calls.events.push(e);
    },
    'schedules.nightly': async (e: Record<string, unknown>, context: Context) => {
      calls.schedules.push({ event: e, context });
    },
    'schedules.failing': async () => {
      throw new Error('the nightly check found a broken counter');
    },
  };
  const resolveHandler: HandlerResolver = (_manifest, ref: HandlerRef) => {
    const fn = handlers[`${ref.file}.${ref.export}`];
    if (!fn) throw new Error(`no stub handler ${ref.file}.${ref.export}`);
    return fn;
  };
  return { calls, resolveHandler };
}

export const uniquePrefix = () => `t-${randomUUID().slice(0, 8)}-`;
