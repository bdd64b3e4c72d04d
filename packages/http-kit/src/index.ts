export { countMetric, type Observed, observedHandler } from '@congdoan/telemetry';
export {
  type AuthContext,
  claimList,
  hasRole,
  type JwtClaims,
  parseAuth,
  requireRole,
  routeScopeRefusal,
} from './auth.ts';
export { decodeCursor, encodeCursor } from './cursor.ts';
export { insufficientScope, malformedJson, validationFailed } from './errors.ts';
export { corsOriginsFromEnv, createHttpHandler, type HttpHandlerOptions } from './handler.ts';
export { type Lang, preferredLanguage } from './language.ts';
export { lazyHandlers } from './lazy.ts';
export { createLogger, isSensitiveKey, REDACTED, redactPersonalData, scrubText } from './logger.ts';
export {
  domainProblem,
  PROBLEM_CONTENT_TYPE,
  type ProblemContext,
  type ProblemInput,
  problemBody,
  problemResponse,
  renderProblem,
  statusOfKind,
} from './problem.ts';
export {
  MalformedQueuedRecordError,
  QueuedBatchFailedError,
  type QueuedDelivery,
  type QueuedEventHandler,
  type QueuedHandlerOptions,
  type QueuedLambdaHandler,
  type QueueLogger,
  queuedHandler,
} from './queue.ts';
export type { AnyRoute, HttpRequest, HttpResult, RouteHandler, RouteHandlers, RouteRequest } from './types.ts';
export { errorMap, fieldPath, toFieldErrors } from './validation.ts';
