/**
 * Powertools Tracer and its middy middleware, loaded with `import()` (tracing.ts) the first
 * time a traced process needs them: the X-Ray SDK under the Tracer costs about as much to load
 * as the rest of a subscription function, and a process that does not trace never pays it.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { LambdaFunction } from './handler.ts';

export type { Tracer };

/**
 * The process's tracer. Outgoing HTTPS is not patched (every call we make goes through an AWS
 * SDK client, captured on its own), and handler responses are not put in the trace: they hold
 * personal data, which never leaves the function but through its answer.
 */
export function createTracer(service: string): Tracer {
  return new Tracer({ serviceName: service, captureHTTPsRequests: false });
}

/** `handler` inside Powertools' middy middleware: one `## <handler>` subsegment per invocation, with cold start and service annotations and any error. */
export function captureHandler<E, R>(tracer: Tracer, handler: LambdaFunction<E, R>): LambdaFunction<E, R> {
  const traced = middy<E, R>(handler).use(captureLambdaHandler(tracer, { captureResponse: false }));
  // Lambda always passes the context; `as` only narrows the optional parameter for middy.
  return (event, context) => traced(event, context as Context);
}
