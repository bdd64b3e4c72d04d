/**
 * Running the real handlers in this process, as Lambda would: the module is imported once
 * (a warm container), and each call gets its own context with a deadline.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { type HandlerRef, isMountedHandler, type ServiceManifest } from '@congdoan/contracts';
import { handlerEntry } from '@congdoan/registry';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './events/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: a Lambda handler takes whatever event its trigger sends; each handler validates its own.
export type LambdaHandler = (event: any, context: Context) => unknown;

/** Finds the function a manifest names; tests pass their own. */
export type HandlerResolver = (manifest: ServiceManifest, ref: HandlerRef) => LambdaHandler | Promise<LambdaHandler>;

/**
 * Imports the module `handlerEntry` names (`services/<service>/src/handlers/<file>.ts`, or a
 * package's handler) and takes the named export. Every service runs in this one process, so
 * a package's mounted handler cannot learn its service from the environment as in AWS: the
 * mounting service's own instance is asked for instead.
 */
export const importHandler: HandlerResolver = async (manifest, ref) => {
  const entry = handlerEntry(manifest, ref);
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const fn = module[ref.export];
  if (typeof fn !== 'function') {
    throw new Error(`${entry} does not export a function named "${ref.export}" (manifest of ${manifest.service})`);
  }
  if (ref.package) {
    if (!isMountedHandler(fn)) {
      throw new Error(`${entry}: "${ref.export}" is mounted by ${manifest.service} but is not a mountedHandler`);
    }
    return fn.forService(manifest.service) as LambdaHandler;
  }
  return fn as LambdaHandler;
};

/** Caches resolved handlers, so each module loads once, like a warm Lambda. */
export function cachedResolver(resolve: HandlerResolver): HandlerResolver {
  const cache = new Map<string, Promise<LambdaHandler>>();
  return (manifest, ref) => {
    const key = `${manifest.service}:${ref.package ? `${ref.package}/` : ''}${ref.file}#${ref.export}`;
    let found = cache.get(key);
    if (!found) {
      found = Promise.resolve(resolve(manifest, ref));
      // A failed import is retried on the next call (the file may be mid-edit).
      found.catch(() => cache.delete(key));
      cache.set(key, found);
    }
    return found;
  };
}

export class LambdaTimeoutError extends Error {
  constructor(functionName: string, timeoutMs: number) {
    super(`${functionName} timed out after ${timeoutMs} ms`);
    this.name = 'LambdaTimeoutError';
  }
}

/** A context shaped like Lambda's, with a deadline `timeoutMs` from now. */
export function lambdaContext(functionName: string, timeoutMs: number, requestId: string = randomUUID()): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error('callback-style handlers are not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** Calls a handler with a fresh context; rejects with `LambdaTimeoutError` past the timeout, as Lambda would. */
export async function invokeLambda(
  handler: LambdaHandler,
  event: unknown,
  functionName: string,
  timeoutMs: number,
  requestId?: string,
): Promise<unknown> {
  const context = lambdaContext(functionName, timeoutMs, requestId);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(functionName, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
