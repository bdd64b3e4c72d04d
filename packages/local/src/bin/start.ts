/**
 * `npm start`: the whole product on this machine, with demo data on first start.
 * PORT (default 3000) and DATA_DIR (default <repo>/.data) change where it listens and keeps data.
 */
import { relative } from 'node:path';
import { repoRoot } from '@congdoan/registry';
import { DEFAULT_PORT, type Platform, startPlatform } from '../platform.ts';

// Handlers log through Powertools; keep the console to one line per request unless asked.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const time = () => new Date().toLocaleTimeString('en-GB', { hour12: false });
const log = (line: string) => console.log(`${time()} ${line}`);

const started = Date.now();
let platform: Platform;
try {
  platform = await startPlatform({
    port: process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT,
    dataDir: process.env.DATA_DIR ?? undefined,
    seed: true,
    log,
  });
} catch (error) {
  console.error(`\nThe local platform could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const { url } = platform;
const shown = platform.dataDir ? relative(process.cwd(), platform.dataDir) : '';
const dataDir = !platform.dataDir ? 'in memory' : shown && !shown.startsWith('..') ? shown : platform.dataDir;
console.log(`
Công đoàn — local platform ready in ${((Date.now() - started) / 1000).toFixed(1)} s

  API             ${url}/v1/...
  API reference   ${url}/docs
  OpenAPI         ${url}/openapi.json
  Events          ${url}/_local/events
  Dead letters    ${url}/_local/dead-letters
  Health          ${url}/health
  Data folder     ${dataDir}${platform.dataDir && relative(repoRoot, platform.dataDir) === '.data' ? ' (delete it to start afresh)' : ''}
  Services        ${platform.manifests.map((m) => m.service).join(', ')}

Try it:
  TOKEN=$(curl -s -X POST ${url}/_local/token -H 'content-type: application/json' \\
    -d '{"roles":["admin"]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
  curl -s ${url}/v1/membership/units -H "authorization: Bearer $TOKEN"

Ctrl-C stops it; the data stays in the data folder.
`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping (finishing deliveries in flight)…`);
  const force = setTimeout(() => {
    console.error('stop took too long; exiting');
    process.exit(1);
  }, 30_000);
  force.unref();
  try {
    await platform.stop();
    log('stopped');
    process.exit(0);
  } catch (error) {
    console.error(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
