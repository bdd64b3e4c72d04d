import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Why DynamoDB could not answer for now: a request sent again a moment later may well succeed. */
export type TransientFailure = 'throttled' | 'timeout' | 'unavailable';

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
/** Cancellation reasons of a transaction cancelled for throughput, not for its conditions. */
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
const UNAVAILABLE = new Set(['InternalServerError', 'ServiceUnavailable']);
/** The SDK's request or connection timeout, and the socket errors of a call cut off in flight. */
const TIMEOUT_NAMES = new Set(['TimeoutError']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNRESET']);

interface AwsLikeError {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $retryable?: { throttling?: boolean };
}

/**
 * Tells a failure of DynamoDB that outlasted the SDK's own retries and is worth retrying later
 * (throttling, a timeout, a DynamoDB 500) from one that is not. Looks through `cause`, since
 * libraries (Powertools idempotency) wrap the SDK's errors.
 */
export function transientFailure(error: unknown): TransientFailure | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { name, code, cause, $retryable } = e as AwsLikeError;
    if ((typeof name === 'string' && THROTTLED.has(name)) || $retryable?.throttling === true) return 'throttled';
    if (e instanceof TransactionCanceledException) {
      const reasons = e.CancellationReasons ?? [];
      if (reasons.some((r) => r.Code !== undefined && THROTTLED_REASONS.has(r.Code))) return 'throttled';
      return undefined;
    }
    if (typeof name === 'string' && UNAVAILABLE.has(name)) return 'unavailable';
    if (typeof name === 'string' && TIMEOUT_NAMES.has(name)) return 'timeout';
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return 'timeout';
    e = cause;
  }
  return undefined;
}
