/**
 * Tracing with Powertools Tracer, initialised lazily: nothing of the Tracer or the X-Ray SDK is
 * loaded at import, and a process that does not trace (locally, in tests) never loads them. A
 * traced process (every deployed function: CDK turns X-Ray active tracing on in every stage)
 * loads them at its first invocation.
 */
import type { Tracer } from './tracer.ts';

type TracerModule = typeof import('./tracer.ts');

/**
 * Whether this process traces: inside Lambda, unless `POWERTOOLS_TRACE_ENABLED` is `false` (the
 * local platform sets it to `false`). The same rule Powertools Tracer applies, checked before
 * loading it.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.POWERTOOLS_TRACE_ENABLED ?? '').trim().toLowerCase() === 'false') return false;
  return (env.AWS_EXECUTION_ENV ?? '') !== '' && (env.AWS_SAM_LOCAL ?? '') === '';
}

interface Loaded {
  module: TracerModule;
  tracer: Tracer;
}

let loading: Promise<Loaded | undefined> | undefined;
let loaded: Loaded | undefined;
/** AWS SDK clients made before the tracer loaded; captured when it does. */
const waiting = new Set<object>();

/**
 * The process's tracer, loaded on first call; undefined when the process does not trace. The
 * first caller's service names the tracer (a Lambda process runs one service).
 */
export function loadTracer(service: string): Promise<Loaded | undefined> {
  loading ??= tracingEnabled()
    ? import('./tracer.ts').then((module) => {
        loaded = { module, tracer: module.createTracer(service) };
        for (const client of waiting) loaded.tracer.captureAWSv3Client(client);
        waiting.clear();
        return loaded;
      })
    : Promise.resolve(undefined);
  return loading;
}

/**
 * Captures an AWS SDK v3 client's calls as subsegments (Powertools `captureAWSv3Client`): at
 * once when the tracer is loaded, else when it loads. A process that does not trace leaves the
 * client as it is. Returns the client.
 */
export function traceClient<C extends object>(client: C): C {
  if (!tracingEnabled()) return client;
  // Synchronously once loaded: a client's first call must already go through the capture.
  if (loaded) loaded.tracer.captureAWSv3Client(client);
  else waiting.add(client);
  return client;
}
