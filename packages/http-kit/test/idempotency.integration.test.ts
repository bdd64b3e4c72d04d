import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { defineRoute } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshTable } from '../../../test/support/tables.ts';
import { createHttpHandler } from '../src/index.ts';
import { widgetApp } from './app.ts';
import { adminClaims, header, httpEvent, jsonOf, lambdaContext, problemOf } from './support.ts';

let db: Db;
beforeAll(async () => {
  db = await freshTable('membership');
});

const create = (app: ReturnType<typeof widgetApp>, body: object, key?: string, sub = 'user-admin') =>
  app.handler(
    httpEvent({
      method: 'POST',
      path: '/v1/membership/widgets',
      body,
      headers: key === undefined ? {} : { 'Idempotency-Key': key },
      claims: { ...adminClaims, sub },
    }),
    lambdaContext(),
  );

describe('Idempotency-Key', () => {
  it('creates once for the same key and returns the same status, headers and body again', async () => {
    const app = widgetApp({ db: () => db });
    const first = await create(app, { name: 'Một lần', level: 'province' }, 'key-1');
    const second = await create(app, { name: 'Một lần', level: 'province' }, 'key-1');

    expect(app.recorder.created).toHaveLength(1);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(header(second, 'location')).toBe(header(first, 'location'));
    expect(header(second, 'etag')).toBe(header(first, 'etag'));
    expect(header(first, 'idempotent-replayed')).toBeUndefined();
    expect(header(second, 'idempotent-replayed')).toBe('true');
    // Each response still has its own request id.
    expect(header(second, 'x-request-id')).not.toBe(header(first, 'x-request-id'));

    const stored = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'IDEMPOTENCY#membership' },
      }),
    );
    expect(stored.Items?.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses the same key with another body with 422 idempotency-key-reused', async () => {
    const app = widgetApp({ db: () => db });
    expect((await create(app, { name: 'A', level: 'province' }, 'key-2')).statusCode).toBe(201);
    const reused = await create(app, { name: 'B', level: 'province' }, 'key-2');
    expect(reused.statusCode).toBe(422);
    expect(problemOf(reused).code).toBe('idempotency-key-reused');
    expect(app.recorder.created).toHaveLength(1);
  });

  it('keeps keys apart per caller', async () => {
    const app = widgetApp({ db: () => db });
    await create(app, { name: 'A', level: 'province' }, 'key-3', 'user-a');
    const other = await create(app, { name: 'A', level: 'province' }, 'key-3', 'user-b');
    expect(other.statusCode).toBe(201);
    expect(header(other, 'idempotent-replayed')).toBeUndefined();
    expect(app.recorder.created).toHaveLength(2);
  });

  it('runs every time without a key', async () => {
    const app = widgetApp({ db: () => db });
    const a = await create(app, { name: 'A', level: 'province' });
    const b = await create(app, { name: 'A', level: 'province' });
    expect(jsonOf(a)).not.toEqual(jsonOf(b));
    expect(app.recorder.created).toHaveLength(2);
  });

  it('refuses a malformed key with 400 invalid-idempotency-key', async () => {
    const app = widgetApp({ db: () => db });
    const res = await create(app, { name: 'A', level: 'province' }, 'has spaces/and slashes');
    expect(res.statusCode).toBe(400);
    expect(problemOf(res).code).toBe('invalid-idempotency-key');
    expect(app.recorder.created).toHaveLength(0);
  });

  it('does not keep a failed attempt, so the same key can be retried', async () => {
    const app = widgetApp({ db: () => db });
    const fail = (mode: string) =>
      app.handler(
        httpEvent({
          method: 'POST',
          path: '/v1/membership/widgets/w1/fail',
          body: { mode },
          headers: { 'Idempotency-Key': 'key-fail' },
        }),
        lambdaContext(),
      );
    expect((await fail('conflict')).statusCode).toBe(409);
    expect((await fail('conflict')).statusCode).toBe(409);
    expect(app.recorder.seen).toHaveLength(2);
  });
});

describe('Idempotency-Key under concurrency', () => {
  const slowRoutes = [
    defineRoute({
      operationId: 'slowCreate',
      method: 'POST',
      path: '/v1/membership/slow',
      summary: 'Takes its time',
      roles: ['admin'],
      idempotent: true,
      request: { body: z.strictObject({ name: z.string() }) },
      responses: { 201: { description: 'Created' } },
    }),
  ] as const;

  it('answers 409 request-in-progress while the first request with the key is still running', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let runs = 0;
    const handler = createHttpHandler({
      service: 'membership',
      routes: slowRoutes,
      db: () => db,
      handlers: {
        slowCreate: async (req) => {
          runs++;
          started();
          await gate;
          return { status: 201, body: { name: req.body.name } };
        },
      },
    });
    const send = () =>
      handler(
        httpEvent({
          method: 'POST',
          path: '/v1/membership/slow',
          body: { name: 'x' },
          headers: { 'Idempotency-Key': 'slow-1' },
        }),
        lambdaContext(),
      );

    const first = send();
    await running;
    const second = await send();
    expect(second.statusCode).toBe(409);
    expect(problemOf(second).code).toBe('request-in-progress');

    release();
    expect((await first).statusCode).toBe(201);
    const third = await send();
    expect(third.statusCode).toBe(201);
    expect(header(third, 'idempotent-replayed')).toBe('true');
    expect(runs).toBe(1);
  });

  it('works without a real Lambda context (the local gateway may pass none)', async () => {
    const app = widgetApp({ db: () => db });
    const res = await app.handler(
      httpEvent({
        method: 'POST',
        path: '/v1/membership/widgets',
        body: { name: 'No context', level: 'province' },
        headers: { 'Idempotency-Key': 'no-context-1' },
      }),
      {} as Context,
    );
    expect(res.statusCode).toBe(201);
  });
});
