/**
 * The whole product in one Node process: DynamoDB Local, the services' tables, the outbox
 * pollers doing the EventBridge Pipes' job, the bus with every manifest's rules, the
 * scheduler, and the HTTP gateway in front of the real handlers.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  generateOpenApi,
  type OpenApiDocument,
  queueDefinitionProblems,
  type ServiceManifest,
  tableEnvVar,
} from '@congdoan/contracts';
import { ensureTable } from '@congdoan/ddb';
import { MANIFESTS, repoRoot } from '@congdoan/registry';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb.ts';
import {
  type AnyBusTarget,
  fileCheckpointStore,
  LocalEventBus,
  LocalScheduler,
  type OutboxEntry,
  OutboxStreamPoller,
} from './events/index.ts';
import { Gateway } from './gateway.ts';
import { localKeyEnvironment } from './keys.ts';
import { cachedResolver, type HandlerResolver, importHandler, invokeLambda } from './lambda.ts';
import { localEndpoints } from './local-api.ts';
import { findStrandedOutboxEvents, openOutboxLedger } from './outbox-ledger.ts';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.ts';
import { RouteTable } from './routes.ts';
import { seedDemoData } from './seed.ts';
import { type IssuedToken, LocalTokens, type TokenRequest } from './tokens.ts';

export interface PlatformOptions {
  /** `PORT`, default 3000; 0 picks a free port. */
  port?: number;
  /** `DATA_DIR`, default `<repo>/.data`; `null` keeps everything in memory. */
  dataDir?: string | null;
  /** Use this DynamoDB (e.g. the test run's) instead of starting DynamoDB Local. */
  dynamoEndpoint?: string;
  /** The port of the DynamoDB Local this platform starts; default a free one. */
  dynamoPort?: number;
  /** Table names are `<prefix><service>`. Default `congdoan-local-`, or a fresh `t-<random>-` with `dynamoEndpoint`. */
  tablePrefix?: string;
  /** Create the demo data through the API on first start. */
  /**
   * Seed the demo data once the platform is up: every service's (`true`), or only the named
   * services' (tests that need membership's tree alone start faster).
   */
  seed?: boolean | readonly string[];
  bus?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** More bus rules, e.g. a test's fault-injecting consumer. */
  extraRules?: AnyBusTarget[];
  /** Run the stream pollers in the background (default true). `drain()` polls either way. */
  startPollers?: boolean;
  /** Run schedules at their cron times (default true). `/_local/schedules/{name}/run` works either way. */
  startScheduler?: boolean;
  /** Log nothing (tests). */
  quiet?: boolean;
  /**
   * Print business metrics as EMF lines on stdout, as Lambda does for CloudWatch (default
   * true). Test platforms turn it off so test output stays readable.
   */
  printMetrics?: boolean;
  /** Where log lines go; default the console, nowhere when quiet. */
  log?: (line: string) => void;
  /** The services to run; default every manifest of the registry. */
  manifests?: readonly ServiceManifest[];
  /** How a manifest's handler is found; default importing `services/<service>/src/handlers/<file>.ts`. */
  resolveHandler?: HandlerResolver;
  /** Pause between stream polls. Default 200 ms. */
  pollIntervalMs?: number;
}

export interface PollerStatus {
  table: string;
  service: string;
  running: boolean;
  published: number;
  lastPublishedAt: string | null;
  /** The poller's last warning or error, e.g. a failed poll. */
  lastMessage: { at: string; text: string } | null;
}

/** `GET /health`: 200 when `ok`, 503 while `starting` (seeding, pollers not up yet) or `degraded`. */
export interface HealthReport {
  status: 'starting' | 'ok' | 'degraded';
  startedAt: string;
  uptimeSeconds: number;
  dataDir: string | null;
  /** The demo data: `running` while it is created, `failed` when it could not be (see the log). */
  seed: 'off' | 'running' | 'done' | 'failed';
  dynamodb: { status: 'up' | 'down'; embedded: boolean; tables: Record<string, string> };
  pollers: PollerStatus[];
  scheduler: { running: boolean; schedules: ReturnType<LocalScheduler['list']> };
  bus: {
    rules: { ruleName: string; service: string; queue?: Record<string, unknown> }[];
    events: number;
    deadLetters: number;
  };
}

export interface Platform {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dataDir: string | null;
  dynamoEndpoint: string;
  /** Physical table name per service. */
  tables: Record<string, string>;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  tokens: LocalTokens;
  manifests: readonly ServiceManifest[];
  openapi(): OpenApiDocument;
  /** A signed dev token, as `POST /_local/token` gives. */
  issueToken(request: TokenRequest): Promise<IssuedToken>;
  /** Resolves once every poller has caught up with its stream and every delivery has finished. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_TABLE_PREFIX = 'congdoan-local-';
const EVENT_FUNCTION_TIMEOUT_MS = 30_000;
const SCHEDULE_FUNCTION_TIMEOUT_MS = 15 * 60_000;

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const manifests = options.manifests ?? MANIFESTS;
  const dataDir = options.dataDir === undefined ? (process.env.DATA_DIR ?? join(repoRoot, '.data')) : options.dataDir;
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number from 0 to 65535, not "${options.port ?? process.env.PORT}"`);
  }
  // On a shared DynamoDB (a test run's), tables get a prefix of their own unless one is given.
  const prefix =
    options.tablePrefix ?? (options.dynamoEndpoint ? `t-${randomUUID().slice(0, 8)}-` : DEFAULT_TABLE_PREFIX);
  const resolveHandler = cachedResolver(options.resolveHandler ?? importHandler);
  const file = (name: string) => (dataDir ? join(dataDir, name) : null);

  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`stop: ${describe(error)}`);
      }
    }
  };

  try {
    if (dataDir) {
      // Members' data and the signing key live here: the owner's only (0700, files 0600).
      ensurePrivateDir(dataDir);
      cleanups.push(lockDataDir(dataDir));
    }

    // 1. DynamoDB: the test run's, or DynamoDB Local with its data kept under the data folder.
    let ddb: DynamoDbLocal | undefined;
    let dynamoEndpoint = options.dynamoEndpoint;
    if (!dynamoEndpoint) {
      ddb = await startDynamoDbLocal({
        dataDir: dataDir ? join(dataDir, 'dynamodb') : null,
        port: options.dynamoPort,
      });
      cleanups.push(() => ddb?.stop());
      dynamoEndpoint = ddb.endpoint;
    }
    const clientConfig = {
      endpoint: dynamoEndpoint,
      region: process.env.AWS_REGION ?? 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const dynamodb = new DynamoDBClient(clientConfig);
    const streams = new DynamoDBStreamsClient(clientConfig);
    cleanups.push(() => {
      dynamodb.destroy();
      streams.destroy();
    });

    // 2. Tables, and the environment the real handlers read them from.
    const tables: Record<string, string> = {};
    const env: Record<string, string> = { DYNAMODB_ENDPOINT: dynamoEndpoint };
    for (const manifest of manifests) {
      const tableName = `${prefix}${manifest.service}`;
      await ensureTable(dynamodb, manifest.table, tableName);
      tables[manifest.service] = tableName;
      env[tableEnvVar(manifest.service)] = tableName;
    }
    // The manifests' keys (KMS in AWS): kept in the data folder across restarts, fresh without one.
    Object.assign(env, localKeyEnvironment(manifests, dataDir));
    env.AWS_REGION = process.env.AWS_REGION ?? 'ap-southeast-1';
    env.AWS_ACCESS_KEY_ID = process.env.AWS_ACCESS_KEY_ID ?? 'local';
    env.AWS_SECRET_ACCESS_KEY = process.env.AWS_SECRET_ACCESS_KEY ?? 'local';
    // No X-Ray here: handlers never load the Tracer. Business metrics print, as EMF lines in the
    // log, even with POWERTOOLS_DEV (which would otherwise turn them off), unless asked not to.
    env.POWERTOOLS_TRACE_ENABLED = 'false';
    env.POWERTOOLS_METRICS_DISABLED = options.printMetrics === false ? 'true' : 'false';
    cleanups.push(setEnv(env));

    // 3. The bus: one rule per manifest subscription, plus the test's.
    const bus = new LocalEventBus({
      dataDir,
      maxAttempts: options.bus?.maxAttempts,
      baseDelayMs: options.bus?.baseDelayMs,
      maxDelayMs: options.bus?.maxDelayMs,
      log,
    });
    cleanups.push(() => bus.close());
    for (const manifest of manifests) {
      for (const subscription of manifest.subscriptions) {
        const functionName = `${manifest.service}-${subscription.name}`;
        const { queue } = subscription;
        if (queue) {
          // Refused here as CDK refuses it, so that a manifest that runs locally also deploys.
          const problems = queueDefinitionProblems(queue, EVENT_FUNCTION_TIMEOUT_MS / 1000);
          if (problems.length > 0) throw new Error(`${functionName}: ${problems.join('; ')}`);
          bus.addRule({
            ruleName: functionName,
            service: manifest.service,
            pattern: subscription.pattern,
            queue,
            async invokeBatch(batch) {
              const handler = await resolveHandler(manifest, subscription.handler);
              return invokeLambda(handler, batch, functionName, EVENT_FUNCTION_TIMEOUT_MS);
            },
          });
          continue;
        }
        bus.addRule({
          ruleName: functionName,
          service: manifest.service,
          pattern: subscription.pattern,
          async invoke(event) {
            const handler = await resolveHandler(manifest, subscription.handler);
            await invokeLambda(handler, event, functionName, EVENT_FUNCTION_TIMEOUT_MS);
          },
        });
      }
    }
    for (const rule of options.extraRules ?? []) bus.addRule(rule);

    // 4. The pipes: one stream poller per table, recording each event the bus took in the ledger.
    const ledger = await openOutboxLedger(file('outbox-ledger.jsonl'));
    const checkpoints = await fileCheckpointStore(file('checkpoints.json'));
    const inFlight = new Set<Promise<unknown>>();
    let published = 0;
    let stopping = false;
    let catchUp: Promise<void> | undefined;
    const cutShort = (entry: OutboxEntry, outcomes: readonly { status: string }[]) => {
      // Ctrl-C reaches DynamoDB Local too: a delivery that failed while stopping is left
      // unacknowledged (no checkpoint, no ledger entry), so the next start delivers it again.
      if (stopping && outcomes.some((o) => o.status === 'dead-lettered')) {
        throw new Error(
          `delivery of ${entry.detailType} was cut short by the shutdown; it is retried on the next start`,
        );
      }
    };
    const publishToBus = async (entry: OutboxEntry): Promise<void> => {
      const delivery = bus.send(entry);
      const work = (async () => {
        const record = await delivery.settled;
        cutShort(entry, record.outcomes);
        const eventId = eventIdOf(entry.detail);
        if (eventId) await ledger.record(eventId);
        published++;
      })();
      inFlight.add(work);
      void work.then(
        () => inFlight.delete(work),
        () => inFlight.delete(work),
      );
      if (delivery.queued === 0) return work;
      // A queued rule holds the event now: the poller moves on (and may checkpoint past it) once
      // the direct targets are done, as the pipe does once EventBridge took the event, so the
      // queue fills its batches with the records that follow. Until the queue settles it the
      // ledger does not know the event, so a stop before then re-publishes it on the next start.
      work.catch(() => {});
      cutShort(entry, await delivery.accepted);
    };
    const pollers = manifests.map((manifest) => {
      const status: PollerStatus = {
        table: tables[manifest.service]!,
        service: manifest.service,
        running: false,
        published: 0,
        lastPublishedAt: null,
        lastMessage: null,
      };
      const poller = new OutboxStreamPoller({
        tableName: status.table,
        dynamodb,
        streams,
        checkpoints,
        intervalMs: options.pollIntervalMs ?? 200,
        log: (line) => {
          status.lastMessage = { at: new Date().toISOString(), text: line };
          log(line);
        },
        async publish(entry) {
          await publishToBus(entry);
          status.published++;
          status.lastPublishedAt = new Date().toISOString();
        },
      });
      return { poller, status };
    });
    cleanups.push(async () => {
      await Promise.all(
        pollers.map(async (p) => {
          await p.poller.stop();
          p.status.running = false;
        }),
      );
      // A catch-up still running (a stop right after the start) gets a moment to finish.
      await Promise.race([catchUp?.catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
      await Promise.allSettled([...inFlight]);
    });

    // Events still in the streams are delivered by the pollers; any outbox item written before
    // this start that the ledger does not know (its stream record trimmed) is published after.
    const startedAt = new Date();
    const drainPollers = async (timeoutMs: number) => {
      await Promise.all(pollers.map((p) => p.poller.drain({ timeoutMs })));
      await Promise.allSettled([...inFlight]);
    };
    const runCatchUp = () => {
      catchUp ??= (async () => {
        await drainPollers(60_000);
        if (!dataDir || stopping) return;
        for (const manifest of manifests) {
          const stranded = await findStrandedOutboxEvents(dynamodb, tables[manifest.service]!, ledger, startedAt);
          for (const event of stranded) {
            if (stopping) return;
            log(
              `outbox: re-publishing ${event.detailType} ${event.eventId} from ${manifest.service} (not in the stream)`,
            );
            await publishToBus({ source: event.source, detailType: event.detailType, detail: event.detail });
          }
        }
      })();
      return catchUp;
    };

    // 5. Schedules.
    const scheduler = new LocalScheduler({ log });
    cleanups.push(() => scheduler.stop());
    for (const manifest of manifests) {
      for (const schedule of manifest.schedules) {
        const functionName = `${manifest.service}-${schedule.name}`;
        scheduler.add({
          name: schedule.name,
          cron: schedule.cron,
          timezone: schedule.timezone,
          async run(input) {
            const handler = await resolveHandler(manifest, schedule.handler);
            const event = {
              schedule: schedule.name,
              scheduledTime: new Date().toISOString(),
              ...schedule.input,
              ...input,
            };
            await invokeLambda(handler, event, functionName, SCHEDULE_FUNCTION_TIMEOUT_MS);
          },
        });
      }
    }

    // 6. Tokens and the gateway.
    const tokens = await LocalTokens.load(file('jwt-key.json'), { manifests });
    let openapi: OpenApiDocument | undefined;
    let url = '';
    // `starting` until the demo data is seeded and the pollers run: the gateway already answers
    // (the seed goes through the API), but a script waiting on /health must not find it half made.
    let ready = false;
    let seedStatus: 'off' | 'running' | 'done' | 'failed' = options.seed ? 'running' : 'off';
    const health = async (): Promise<HealthReport> => {
      let dynamoStatus: 'up' | 'down' = 'up';
      try {
        await dynamodb.send(new ListTablesCommand({ Limit: 1 }));
      } catch {
        dynamoStatus = 'down';
      }
      return {
        status: !ready ? 'starting' : dynamoStatus === 'up' ? 'ok' : 'degraded',
        startedAt: startedAt.toISOString(),
        uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        dataDir,
        seed: seedStatus,
        // Not its endpoint: DynamoDB Local has no authentication, so nobody is told where it is.
        dynamodb: { status: dynamoStatus, embedded: ddb !== undefined, tables },
        pollers: pollers.map((p) => ({ ...p.status })),
        scheduler: { running: options.startScheduler !== false, schedules: scheduler.list() },
        bus: {
          rules: bus.listRules().map((r) => ({
            ruleName: r.ruleName,
            service: r.service,
            ...(r.queue && { queue: { ...r.queue, ...bus.queueStats(r.ruleName) } }),
          })),
          events: bus.history().length,
          deadLetters: bus.deadLetters().length,
        },
      };
    };
    const gateway = new Gateway({
      routes: new RouteTable(manifests),
      tokens,
      resolveHandler,
      local: localEndpoints({
        tokens,
        bus,
        scheduler,
        openapi: () => {
          openapi ??= generateOpenApi(manifests, { serverUrl: url });
          return openapi;
        },
        health,
      }),
      logRequest: log,
      logError: options.quiet ? undefined : (line) => console.error(line),
    });
    let boundPort: number;
    try {
      boundPort = await gateway.listen(port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`port ${port} is already in use: stop what holds it, or start with PORT=<another port>`, {
          cause: error,
        });
      }
      throw error;
    }
    cleanups.push(() => gateway.close());
    url = `http://127.0.0.1:${boundPort}`;
    tokens.setIssuer(`${url}/_local`);

    if (options.startPollers !== false) {
      for (const p of pollers) {
        p.poller.start();
        p.status.running = true;
      }
      void runCatchUp().catch((error) => log(`outbox catch-up failed: ${describe(error)}`));
    }
    if (options.startScheduler !== false) scheduler.start();

    let stopped: Promise<void> | undefined;
    const platform: Platform = {
      url,
      port: boundPort,
      dataDir,
      dynamoEndpoint,
      tables,
      bus,
      scheduler,
      tokens,
      manifests,
      openapi: () => {
        openapi ??= generateOpenApi(manifests, { serverUrl: url });
        return openapi;
      },
      issueToken: (request) => tokens.issue(request),
      async drain(drainOptions = {}) {
        const timeoutMs = drainOptions.timeoutMs ?? 60_000;
        const deadline = Date.now() + timeoutMs;
        await runCatchUp();
        // Consumers may write outbox items of their own: poll again until a round publishes nothing.
        for (;;) {
          const before = published;
          await drainPollers(Math.max(1000, deadline - Date.now()));
          if (published === before && inFlight.size === 0) return;
          if (Date.now() > deadline) throw new Error(`the platform did not drain within ${timeoutMs} ms`);
        }
      },
      stop() {
        stopping = true;
        stopped ??= cleanup();
        return stopped;
      },
    };

    if (options.seed) {
      try {
        await seedDemoData(platform, {
          log,
          marker: file('seed.json'),
          services: Array.isArray(options.seed) ? options.seed : undefined,
        });
        seedStatus = 'done';
      } catch (error) {
        seedStatus = 'failed';
        log(`seed: demo data could not be created: ${describe(error)}`);
      }
    }
    ready = true;
    return platform;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function eventIdOf(detail: unknown): string | undefined {
  const id = (detail as { metadata?: { eventId?: unknown } } | undefined)?.metadata?.eventId;
  return typeof id === 'string' ? id : undefined;
}

/** Sets environment variables and returns how to put the old values back. */
function setEnv(values: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** One platform per data folder: DynamoDB Local's database file cannot be shared. */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'platform.lock');
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `the data folder ${dataDir} is in use by another local platform (process ${pid}): stop it, or start with DATA_DIR=<another folder>`,
      );
    }
    if (pid === process.pid) {
      throw new Error(`the data folder ${dataDir} is already in use by a platform in this process: stop it first`);
    }
  }
  writeFileSync(path, `${process.pid}\n`, { mode: PRIVATE_FILE_MODE });
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
