import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableEnvVar } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import {
  adminClaimsOf,
  httpEvent,
  lambdaContext,
  problemOf,
  type Response,
} from '../../../../packages/http-kit/test/support.ts';
import {
  dynamoDbFailures,
  expectNothingLeaked,
  expectRetryLater,
  mockDynamoDb,
} from '../../../../test/support/dynamodb-failures.ts';

/**
 * The membership HTTP function with DynamoDB replaced by aws-sdk-client-mock: what a client sees
 * when DynamoDB throttles, refuses a transaction's condition or times out. Each failure comes
 * as the AWS SDK throws it once its own retries are spent.
 */

const TABLE = 'membership-table-of-the-handler-test';
process.env[tableEnvVar('membership')] = TABLE;
const { handler } = await import('../../src/handlers/http.ts');
const { manifest } = await import('../../src/manifest.ts');

const { documents, plain } = mockDynamoDb();
const { throughputExceeded, throttled, timedOut, internal, cancelled } = dynamoDbFailures(TABLE);

const UNIT_ID = '2d8f3a55-34d5-4cf5-9d1f-6a6c1b0d7e11';
const unitItem = {
  pk: `UNIT#${UNIT_ID}`,
  sk: 'UNIT',
  kind: 'unit',
  id: UNIT_ID,
  code: 'LDLD-BG',
  name: 'Liên đoàn Lao động tỉnh Bắc Giang',
  level: 'province',
  parentId: null,
  path: [UNIT_ID],
  agency: null,
  dissolution: null,
  status: 'active',
  childCount: 0,
  memberCount: 0,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** A whole-tree admin whose token carries the admin's membership scopes. */
const admin = adminClaimsOf([manifest]);

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const event = httpEvent({ method, path, body: body as object | undefined, headers, claims: admin });
  return (await handler(event as never, lambdaContext() as never)) as Response;
}

const createRoot = (headers: Record<string, string> = {}) =>
  call(
    'POST',
    '/v1/membership/units',
    { code: 'LDLD-BG', name: 'Liên đoàn Lao động tỉnh Bắc Giang', level: 'province' },
    headers,
  );

describe('the membership HTTP function when DynamoDB throttles', () => {
  it('answers 503 with Retry-After for a read throttled past the SDK’s retries, in Vietnamese by default', async () => {
    documents.on(GetCommand).rejects(throughputExceeded());
    const res = await call('GET', `/v1/membership/units/${UNIT_ID}`);
    expectRetryLater(res, TABLE);
    expect(problemOf(res).detail).toContain('Hãy gửi lại sau giây lát');
  });

  it('answers the same for a throttled list, in English when asked', async () => {
    documents.on(QueryCommand).rejects(throttled());
    const res = await call('GET', '/v1/membership/units', undefined, { 'accept-language': 'en' });
    expectRetryLater(res, TABLE);
    expect(problemOf(res).detail).toBe(
      'The service is overloaded or slow to answer and could not handle the request. Send it again in a moment.',
    );
  });

  it('answers 503 for a transaction cancelled for throughput, which is no condition failure', async () => {
    documents
      .on(TransactWriteCommand)
      .rejects(cancelled([{ Code: 'None' }, { Code: 'ThrottlingError' }, { Code: 'None' }]));
    expectRetryLater(await createRoot(), TABLE);
  });

  it('answers 503 when the Idempotency-Key record cannot be written for throttling', async () => {
    plain.on(PutItemCommand).rejects(throughputExceeded());
    documents.on(TransactWriteCommand).resolves({});
    const res = await createRoot({ 'idempotency-key': 'create-bg-1' });
    expectRetryLater(res, TABLE);
    // Nothing was created: the use case never ran.
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('the membership HTTP function when a condition fails', () => {
  it('answers 409 unit-code-taken when the transaction is cancelled on the code’s uniqueness item', async () => {
    documents.on(TransactWriteCommand).rejects(
      cancelled([
        { Code: 'None' },
        {
          Code: 'ConditionalCheckFailed',
          Item: { pk: { S: 'UNITCODE#LDLD-BG' }, sk: { S: 'UNITCODE' }, unitId: { S: 'another-unit' } },
        },
        { Code: 'None' },
        { Code: 'None' },
      ]),
    );
    const res = await createRoot({ 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:unit-code-taken', code: 'unit-code-taken' });
    expect(problemOf(res).detail).toContain('LDLD-BG');
    expectNothingLeaked(res, TABLE);
    // Nor the other unit holding the code.
    expect(res.body).not.toContain('another-unit');
  });

  it('answers 409 concurrent-update once transaction conflicts outlast the use case’s retries', async () => {
    documents.on(TransactWriteCommand).rejects(cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }]));
    const res = await createRoot();
    expect(res.statusCode, res.body).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:concurrent-update' });
    expect(documents.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
    expectNothingLeaked(res, TABLE);
  });

  it('answers 412 stale-version when the unit changed between its read and the write under If-Match', async () => {
    documents.on(GetCommand).resolves({ Item: unitItem });
    // DynamoDB hands back the item as it is now, version 2, in its own JSON.
    documents
      .on(TransactWriteCommand)
      .rejects(
        cancelled([
          { Code: 'ConditionalCheckFailed', Item: { pk: { S: `UNIT#${UNIT_ID}` }, version: { N: '2' } } },
          { Code: 'None' },
          { Code: 'None' },
        ]),
      );
    const res = await call(
      'PATCH',
      `/v1/membership/units/${UNIT_ID}`,
      { name: 'LĐLĐ tỉnh Bắc Giang' },
      { 'if-match': 'W/"1"', 'accept-language': 'en' },
    );
    expect(res.statusCode, res.body).toBe(412);
    expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:stale-version' });
    expect(problemOf(res).detail).toContain('current version 2, you sent 1');
    expectNothingLeaked(res, TABLE);
  });
});

describe('the membership HTTP function when DynamoDB times out', () => {
  it('answers 503 with Retry-After for a read that timed out', async () => {
    documents.on(GetCommand).rejects(timedOut());
    expectRetryLater(await call('GET', `/v1/membership/units/${UNIT_ID}`), TABLE);
  });

  it('answers 503 for a write that timed out, or a DynamoDB 500', async () => {
    documents.on(TransactWriteCommand).rejects(timedOut());
    expectRetryLater(await createRoot(), TABLE);
    documents.on(TransactWriteCommand).rejects(internal());
    expectRetryLater(await createRoot(), TABLE);
  });

  it('still answers a bare 500 for an error it does not know, with the requestId and nothing else', async () => {
    documents.on(GetCommand).rejects(
      Object.assign(new Error(`One or more parameter values were invalid for ${TABLE}`), {
        name: 'ValidationException',
      }),
    );
    const res = await call('GET', `/v1/membership/units/${UNIT_ID}`);
    expect(res.statusCode).toBe(500);
    expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:internal', requestId: expect.any(String) });
    expectNothingLeaked(res, TABLE);
    expect(res.body).not.toContain('parameter values');
  });
});
