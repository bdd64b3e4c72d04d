import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import type { Db } from './client.ts';

/** How long a completed request's response is kept for replay. */
const DEFAULT_EXPIRY_SECONDS = 24 * 3600;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface IdempotentRequest {
  /** Unique per caller and operation, e.g. `createUnit#<sub>#<Idempotency-Key>`. */
  key: string;
  /** What must be identical on a replay; a different payload under the same key is refused. */
  payload: Json;
}

/**
 * Powertools idempotency on the service's own table (composite key: pk is fixed
 * per service, sk holds the hashed idempotency key; `ttl` expires records).
 * The first call runs `fn` and stores its result; a repeat returns the stored
 * result without running it; a repeat with another payload throws
 * IdempotencyValidationError; one arriving while the first is running throws
 * IdempotencyAlreadyInProgressError.
 */
export function createIdempotency(db: Db, service: string, expiresAfterSeconds = DEFAULT_EXPIRY_SECONDS) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: db.tableName,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: `IDEMPOTENCY#${service}`,
    expiryAttr: 'ttl',
    awsSdkV3Client: db.raw,
  });
  return async function runOnce<T extends Json>(
    request: IdempotentRequest,
    fn: () => Promise<T>,
    lambdaContext?: Context,
  ): Promise<T> {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'payload',
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds,
    });
    if (lambdaContext) config.registerLambdaContext(lambdaContext);
    const once = makeIdempotent(async (_request: IdempotentRequest) => fn(), {
      persistenceStore,
      config,
      keyPrefix: service,
    });
    return (await once(request)) as T;
  };
}

export {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
