import {
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, expect } from 'vitest';
import { header, problemOf, type Response } from '../../packages/http-kit/test/support.ts';

/** The request id DynamoDB gave the failed call: it must not reach the client either. */
const AWS_REQUEST_ID = 'AWS-REQUEST-ID-OF-THE-FAILED-CALL';
/** As the SDK reports a failure once its own retries are spent. */
const $metadata = { httpStatusCode: 400, requestId: AWS_REQUEST_ID, attempts: 3, totalRetryDelay: 900 };

/**
 * DynamoDB replaced by aws-sdk-client-mock for a handler test (STYLE.md): the document client
 * the stores use, and the plain one Powertools idempotency writes through, both reset before
 * each test. Unmocked commands resolve to nothing.
 */
export function mockDynamoDb() {
  const documents = mockClient(DynamoDBDocumentClient);
  const plain = mockClient(DynamoDBClient);
  beforeEach(() => {
    documents.reset();
    plain.reset();
  });
  return { documents, plain };
}

/** DynamoDB's failures as the AWS SDK throws them, naming `table` as DynamoDB does. */
export function dynamoDbFailures(table: string) {
  return {
    throughputExceeded: () =>
      new ProvisionedThroughputExceededException({
        message: `The level of configured provisioned throughput for the table ${table} was exceeded.`,
        $metadata,
      }),
    throttled: () =>
      new ThrottlingException({ message: `Rate of requests exceeds the allowed throughput on ${table}`, $metadata }),
    /** What the SDK's HTTP handler throws when its request timeout elapses. */
    timedOut: () =>
      Object.assign(new Error(`Connection timed out after 3000 ms to dynamodb ${table}`), { name: 'TimeoutError' }),
    internal: () => new InternalServerError({ message: 'Internal server error', $metadata }),
    /** A transaction cancelled with one reason per item, in DynamoDB's JSON. */
    cancelled: (reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
      new TransactionCanceledException({
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        CancellationReasons: reasons as never,
        $metadata,
      }),
  };
}

/** The answer says what happened and what to do, and nothing of DynamoDB, the table or the stack. */
export function expectNothingLeaked(res: Response, table: string) {
  for (const secret of [
    table,
    AWS_REQUEST_ID,
    'Throughput',
    'Throttling',
    'TimeoutError',
    'Transaction',
    'ConditionalCheck',
    'dynamodb',
    'DynamoDB',
    ' at ',
    'arn:',
  ]) {
    expect(res.body ?? '', `the answer names "${secret}"`).not.toContain(secret);
  }
}

/** A 503 problem with Retry-After: nothing to fix, only to send again shortly. */
export function expectRetryLater(res: Response, table: string) {
  expect(res.statusCode, res.body).toBe(503);
  expect(header(res, 'retry-after')).toBe('1');
  expect(problemOf(res)).toMatchObject({ type: 'urn:congdoan:problem:service-unavailable', status: 503 });
  expect(problemOf(res).requestId).toEqual(expect.any(String));
  expectNothingLeaked(res, table);
}
