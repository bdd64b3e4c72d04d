/**
 * The API's CORS rules, read by both CDK (the HTTP API's preflight) and http-kit (the
 * handler's headers), so the two can never disagree.
 */

/** Request headers clients send: auth, JSON, language, idempotency, optimistic locking, correlation. */
export const CORS_ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept-Language',
  'Idempotency-Key',
  'If-Match',
  'X-Correlation-Id',
] as const;

/** Response headers clients may read. */
export const CORS_EXPOSE_HEADERS = [
  'ETag',
  'Location',
  'X-Request-Id',
  'X-Correlation-Id',
  'Idempotent-Replayed',
  'Content-Language',
] as const;

export const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** How long a browser may cache a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 600;
