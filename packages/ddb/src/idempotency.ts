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

/** The same Idempotency-Key came back with another payload. */
export class IdempotencyValidationError extends Error {
  constructor(cause: unknown) {
    super('the idempotency key was used with another payload', { cause });
    this.name = 'IdempotencyValidationError';
  }
}

/** The request under this Idempotency-Key is still running. */
export class IdempotencyAlreadyInProgressError extends Error {
  constructor(cause: unknown) {
    super('a request with this idempotency key is in progress', { cause });
    this.name = 'IdempotencyAlreadyInProgressError';
  }
}

/** Powertools idempotency, loaded by the first request that carries an Idempotency-Key (most never do). */
function loadPowertools() {
  return Promise.all([
    import('@aws-lambda-powertools/idempotency'),
    import('@aws-lambda-powertools/idempotency/dynamodb'),
  ]).then(([core, dynamodb]) => ({ ...core, ...dynamodb }));
}

/**
 * Powertools idempotency on the service's own table (composite key: pk is fixed
 * per service, sk holds the hashed idempotency key; `ttl` expires records).
 * The first call runs `fn` and stores its result; a repeat returns the stored
 * result without running it; a repeat with another payload throws
 * IdempotencyValidationError; one arriving while the first is running throws
 * IdempotencyAlreadyInProgressError (both this module's, so that checking for
 * them does not load Powertools, which the first call does).
 */
export function createIdempotency(db: Db, service: string, expiresAfterSeconds = DEFAULT_EXPIRY_SECONDS) {
  let loading: ReturnType<typeof setUp> | undefined;
  const setUp = async () => {
    const powertools = await loadPowertools();
    const persistenceStore = new powertools.DynamoDBPersistenceLayer({
      tableName: db.tableName,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: `IDEMPOTENCY#${service}`,
      expiryAttr: 'ttl',
      awsSdkV3Client: db.raw,
    });
    return { powertools, persistenceStore };
  };
  return async function runOnce<T extends Json>(
    request: IdempotentRequest,
    fn: () => Promise<T>,
    lambdaContext?: Context,
  ): Promise<T> {
    loading ??= setUp();
    const { powertools, persistenceStore } = await loading;
    const config = new powertools.IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'payload',
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds,
    });
    if (lambdaContext) config.registerLambdaContext(lambdaContext);
    const once = powertools.makeIdempotent(async (_request: IdempotentRequest) => fn(), {
      persistenceStore,
      config,
      keyPrefix: service,
    });
    try {
      return (await once(request)) as T;
    } catch (error) {
      if (error instanceof powertools.IdempotencyValidationError) throw new IdempotencyValidationError(error);
      if (error instanceof powertools.IdempotencyAlreadyInProgressError)
        throw new IdempotencyAlreadyInProgressError(error);
      throw error;
    }
  };
}
