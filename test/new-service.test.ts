/**
 * `npm run new-service` in a copy of the repository: the scaffolded service type-checks,
 * its own tests pass, the registry picks its manifest up with its handlers, OpenAPI and
 * the HTTP handler, and nothing outside its folders changes but the shared lines it reports.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVICES } from '@congdoan/contracts';
import { MANIFESTS, repoRoot } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScaffoldResult, scaffoldService } from '../scripts/new-service.ts';

const NAME = 'welfare';
let copy: string;
let before: Map<string, string>;
let result: ScaffoldResult;

/** Every source file under the copy, but dependencies. */
function sources(root: string, dir = root, found = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(root, path, found);
    else if (entry.isFile()) found.set(relative(root, path), readFileSync(path, 'utf8'));
  }
  return found;
}

/**
 * A copy of the workspace's sources sharing the installed dependencies: the root's
 * node_modules entries are linked, but `@congdoan/*` point into the copy, and each
 * package's own node_modules links come along as they are (relative, so into the copy).
 */
function copyRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'new-service-'));
  for (const dir of ['packages', 'services'])
    cpSync(join(repoRoot, dir), join(root, dir), { recursive: true, verbatimSymlinks: true });
  for (const file of ['tsconfig.base.json', 'package.json']) cpSync(join(repoRoot, file), join(root, file));
  withoutService(root, NAME);
  mkdirSync(join(root, 'node_modules', '@congdoan'), { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry !== '@congdoan') symlinkSync(join(repoRoot, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  return root;
}

/**
 * The copy as it was before the service was scaffolded, once it is built in the workspace
 * (welfare is, since issue 12): its folders and its barrel line removed, so the scaffold
 * writes it afresh.
 */
function withoutService(root: string, name: string): void {
  rmSync(join(root, 'services', name), { recursive: true, force: true });
  rmSync(join(root, 'packages', 'contracts', 'src', name), { recursive: true, force: true });
  const barrel = join(root, 'packages', 'contracts', 'src', 'index.ts');
  // Every barrel line of the service's contracts folder (index.ts, and files the service added later).
  const prefix = `export * from './${name}/`;
  writeFileSync(
    barrel,
    readFileSync(barrel, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith(prefix))
      .join('\n'),
  );
}

/** What `pnpm install` does for a new workspace package: its dependencies linked into its node_modules. */
function linkDependencies(root: string, dir: string): void {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const target = dep.startsWith('@congdoan/')
      ? join(root, 'packages', dep.slice('@congdoan/'.length))
      : realpathSync(
          [join(repoRoot, 'node_modules', dep), join(repoRoot, 'node_modules', '.pnpm', 'node_modules', dep)].find(
            (path) => existsSync(path),
          ) ?? dep,
        );
    const link = join(root, dir, 'node_modules', dep);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(target, link);
  }
}

const run = (args: string[], cwd = repoRoot) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

beforeAll(() => {
  copy = copyRepository();
  before = sources(copy);
  result = scaffoldService(copy, NAME);
  linkDependencies(copy, `services/${NAME}`);
}, 120_000);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run new-service', () => {
  it('writes the service’s own folders, and changes nothing else but one shared line', () => {
    const after = sources(copy);
    const own = (path: string) =>
      path.startsWith(`services/${NAME}/`) || path.startsWith(`packages/contracts/src/${NAME}/`);
    expect([...after.keys()].filter((p) => !before.has(p)).sort()).toEqual([...result.files].sort());
    expect(result.files.every(own)).toBe(true);
    expect(result.files).toEqual(
      expect.arrayContaining([
        `services/${NAME}/src/manifest.ts`,
        `services/${NAME}/src/handlers/http.ts`,
        `services/${NAME}/src/app/ports.ts`,
        `services/${NAME}/src/adapters/members.ts`,
        `services/${NAME}/src/app/member-standing.ts`,
        `services/${NAME}/test/app/member-standing.test.ts`,
      ]),
    );
    const changed = [...before].filter(([path, text]) => after.get(path) !== text).map(([path]) => path);
    expect(changed).toEqual(['packages/contracts/src/index.ts']);
    const added = after
      .get('packages/contracts/src/index.ts')!
      .split('\n')
      .filter((line) => !before.get('packages/contracts/src/index.ts')!.split('\n').includes(line));
    expect(added).toEqual([`export * from './${NAME}/index.ts';`]);
    // welfare is already in the ServiceName union; another name adds itself there too.
    expect(result.shared.flatMap((s) => s.added)).toEqual(added);
  });

  it('type-checks', () => {
    writeFileSync(
      join(copy, 'tsconfig.json'),
      JSON.stringify({ extends: './tsconfig.base.json', include: [`services/${NAME}/src`, `services/${NAME}/test`] }),
    );
    const tsc = run([join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(copy, 'tsconfig.json')]);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('passes its own tests', () => {
    writeFileSync(
      join(copy, 'vitest.config.mjs'),
      `export default { test: { include: ['services/${NAME}/test/**/*.test.ts'] } };\n`,
    );
    const vitest = run(
      [
        join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--root',
        copy,
        '--reporter=json',
        `--outputFile=${join(copy, 'report.json')}`,
      ],
      copy,
    );
    expect(vitest.status, `${vitest.stdout}${vitest.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(copy, 'report.json'), 'utf8')) as {
      numTotalTests: number;
      numPassedTests: number;
    };
    expect(report.numTotalTests).toBeGreaterThanOrEqual(4);
    expect(report.numPassedTests).toBe(report.numTotalTests);
  }, 120_000);

  it('is picked up by the registry: its manifest, its handlers’ entries, OpenAPI and its HTTP function', () => {
    const url = (path: string) => JSON.stringify(pathToFileURL(join(copy, path)).href);
    const probe = `
      const { MANIFESTS, handlerEntry } = await import(${url('packages/registry/src/index.ts')});
      const { generateOpenApi } = await import(${url('packages/contracts/src/index.ts')});
      const m = MANIFESTS.find((x) => x.service === '${NAME}');
      const http = await import(handlerEntry(m, m.http));
      const doc = generateOpenApi(MANIFESTS);
      console.log(JSON.stringify({
        services: MANIFESTS.map((x) => x.service),
        http: typeof http.handler,
        entries: m.subscriptions.map((s) => handlerEntry(m, s.handler)),
        paths: Object.keys(doc.paths).filter((p) => p.startsWith('/v1/${NAME}/')),
        components: Object.keys(doc.components.schemas).filter((n) => n.startsWith('Welfare')),
      }));`;
    const node = run(['--import', 'tsx', '--input-type=module', '-e', probe]);
    expect(node.status, node.stderr).toBe(0);
    const seen = JSON.parse(node.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(seen).toEqual({
      // The services of today, with the new one in its place in SERVICES.
      services: SERVICES.filter((s) => s === NAME || MANIFESTS.some((m) => m.service === s)),
      http: 'function',
      entries: [
        join(copy, 'packages', 'org-directory', 'src', 'handler.ts'),
        join(copy, 'packages', 'member-directory', 'src', 'handler.ts'),
      ].map((p) => realpathSync(p)),
      paths: [`/v1/${NAME}/members/{id}`],
      components: ['WelfareMemberStanding'],
    });
  }, 120_000);

  it('refuses a name that is taken or malformed', () => {
    expect(() => scaffoldService(copy, NAME)).toThrow(/services\/welfare already exists/);
    expect(() => scaffoldService(copy, 'Welfare Fund')).toThrow(/lower-case words joined by hyphens/);
    expect(() => scaffoldService(copy, 'grants', { roles: ['treasurer' as 'admin'] })).toThrow(
      /Unknown roles: treasurer/,
    );
    expect(statSync(join(copy, 'services', 'grants'), { throwIfNoEntry: false })).toBeUndefined();
  });
});
