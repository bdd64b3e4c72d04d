import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableEnvVar } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { httpEvent, lambdaContext, problemOf, type Response } from '../../../../packages/http-kit/test/support.ts';
import {
  dynamoDbFailures,
  expectNothingLeaked,
  expectRetryLater,
  mockDynamoDb,
} from '../../../../test/support/dynamodb-failures.ts';
import { claimsFor } from '../support/http.ts';

/**
 * The finance HTTP function with DynamoDB replaced by aws-sdk-client-mock: what a client sees
 * when DynamoDB throttles, refuses a transaction's condition or times out, each failure as the
 * AWS SDK throws it once its own retries are spent.
 */

const TABLE = 'finance-table-of-the-handler-test';
process.env[tableEnvVar('finance')] = TABLE;
const { handler } = await import('../../src/handlers/http.ts');

const { documents, plain } = mockDynamoDb();
const { throughputExceeded, throttled, timedOut, cancelled } = dynamoDbFailures(TABLE);

const UNIT_ID = '5b1e6c0a-8f0e-4a57-9a43-0c6f3f3d2a10';
async function call(
  method: string,
  path: string,
  options: { body?: object; headers?: Record<string, string>; roles?: string[] } = {},
) {
  const event = httpEvent({
    method,
    path,
    body: options.body,
    headers: options.headers,
    claims: claimsFor(options.roles ?? ['admin']),
  });
  return (await handler(event as never, lambdaContext() as never)) as Response;
}

/** A later levy penalty rate; the shipped rules end before 2027. */
const laterPenaltyRate = {
  parameter: 'levy-penalty-rate',
  appliesTo: null,
  effectiveFrom: '2027-01-01',
  value: 1_300,
  source: 'NĐ giả định/2026/NĐ-CP Art. 38',
  certainty: 'likely',
  note: 'A later penalty rate, for the test.',
};
const addVersion = (headers: Record<string, string> = {}) =>
  call('POST', '/v1/finance/policy/versions', { body: laterPenaltyRate, headers });

describe('the finance HTTP function when DynamoDB throttles', () => {
  it('answers 503 with Retry-After for a throttled list of the policy versions', async () => {
    documents.on(QueryCommand).rejects(throttled());
    const res = await call('GET', '/v1/finance/policy', { roles: ['accountant'] });
    expectRetryLater(res, TABLE);
    expect(problemOf(res).detail).toContain('Hãy gửi lại sau giây lát');
  });

  it('answers 503 for a throttled read of a unit’s ledger, in English when asked', async () => {
    documents.on(GetCommand).rejects(throughputExceeded());
    documents.on(QueryCommand).rejects(throughputExceeded());
    const res = await call('GET', `/v1/finance/units/${UNIT_ID}/ledger/balances`, {
      roles: ['accountant'],
      headers: { 'accept-language': 'en' },
    });
    expectRetryLater(res, TABLE);
    expect(problemOf(res).title).toBe('Service unavailable');
  });

  it('answers 503 for a transaction cancelled for throughput, which is no condition failure', async () => {
    documents.on(QueryCommand).resolves({ Items: [] });
    documents
      .on(TransactWriteCommand)
      .rejects(cancelled([{ Code: 'ProvisionedThroughputExceeded' }, { Code: 'None' }]));
    expectRetryLater(await addVersion(), TABLE);
  });

  it('answers 503 when the Idempotency-Key record cannot be written for throttling, and adds nothing', async () => {
    plain.on(PutItemCommand).rejects(throughputExceeded());
    documents.on(QueryCommand).resolves({ Items: [] });
    documents.on(TransactWriteCommand).resolves({});
    expectRetryLater(await addVersion({ 'idempotency-key': 'penalty-2027' }), TABLE);
    expect(documents.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('the finance HTTP function when a condition fails', () => {
  it('answers 409 when another version of the rule got in first, naming its day and nothing of the table', async () => {
    documents.on(QueryCommand).resolves({ Items: [] });
    documents.on(TransactWriteCommand).rejects(
      cancelled([
        {
          Code: 'ConditionalCheckFailed',
          Item: { pk: { S: 'POLICY' }, sk: { S: 'HEAD#levy-penalty-rate#*' }, latestFrom: { S: '2027-03-01' } },
        },
        { Code: 'None' },
        { Code: 'None' },
      ]),
    );
    const res = await addVersion({ 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:policy-version-not-after-latest' });
    expect(problemOf(res).detail).toContain('2027-03-01');
    expectNothingLeaked(res, TABLE);
    expect(res.body).not.toContain('HEAD#');
  });

  it('answers 409 concurrent-update once transaction conflicts outlast the store’s retries', async () => {
    documents.on(QueryCommand).resolves({ Items: [] });
    documents.on(TransactWriteCommand).rejects(cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }]));
    const res = await addVersion();
    expect(res.statusCode, res.body).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:concurrent-update' });
    expect(documents.commandCalls(TransactWriteCommand).length).toBeGreaterThan(1);
    expectNothingLeaked(res, TABLE);
  });
});

describe('the finance HTTP function when DynamoDB times out', () => {
  it('answers 503 with Retry-After for a read that timed out', async () => {
    documents.on(QueryCommand).rejects(timedOut());
    expectRetryLater(await call('GET', '/v1/finance/policy', { roles: ['accountant'] }), TABLE);
  });

  it('answers 503 for a write that timed out', async () => {
    documents.on(QueryCommand).resolves({ Items: [] });
    documents.on(TransactWriteCommand).rejects(timedOut());
    expectRetryLater(await addVersion(), TABLE);
  });
});
