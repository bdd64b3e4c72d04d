/**
 * Scaffolds a service in membership's shape (docs/adding-a-service.md):
 *
 *   npm run new-service -- welfare [--roles admin,officer,welfare-officer]
 *
 * It writes `services/<name>/` (manifest, the HTTP handler and its composition root,
 * app/ports, an adapter, a domain rule and their tests) and the service's contracts in
 * `packages/contracts/src/<name>/`, then edits the few shared lines a service needs: the
 * contracts barrel, and the `SERVICES` union when the name is not there yet. The registry,
 * CDK, the local platform, OpenAPI, the event catalogue and the seeds find the rest by
 * convention. The service mounts the member directory, so its first route answers who a
 * member is and their standing on a day, scope-checked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role, SERVICES } from '@congdoan/contracts';

export interface ScaffoldResult {
  /** Files written, relative to the root. */
  files: string[];
  /** Shared files edited, relative to the root, with the lines added to each. */
  shared: { file: string; added: string[] }[];
}

export interface ScaffoldOptions {
  /** Who may call the first route; default admin, officer and `<name>-officer` when that role exists. */
  roles?: readonly Role[];
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (name: string) => camel(name).replace(/^./, (c) => c.toUpperCase());

export function defaultRoles(name: string): Role[] {
  const own = ROLES.find((r) => r === `${name}-officer`);
  return ['admin', 'officer', ...(own ? [own] : [])];
}

/** Writes the service under `root` (the repository) and edits the shared lines; never overwrites. */
export function scaffoldService(root: string, name: string, options: ScaffoldOptions = {}): ScaffoldResult {
  if (!NAME.test(name) || name.length > 30) {
    throw new Error(`A service name is lower-case words joined by hyphens, at most 30 characters: not "${name}"`);
  }
  const dir = join(root, 'services', name);
  const contractsDir = join(root, 'packages', 'contracts', 'src', name);
  for (const taken of [dir, contractsDir]) {
    if (existsSync(taken)) throw new Error(`${relative(root, taken)} already exists`);
  }
  const roles = options.roles ?? defaultRoles(name);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`Unknown roles: ${unknown.join(', ')} (see packages/contracts/src/roles.ts)`);

  const files = templates(name, roles);
  const written: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(path);
  }
  const shared = [
    addLine(root, 'packages/contracts/src/index.ts', `export * from './${name}/index.ts';`, (line) =>
      line.startsWith('export * from '),
    ),
    ...((SERVICES as readonly string[]).includes(name) ? [] : [addService(root, name)]),
  ];
  return { files: written, shared };
}

/** Adds `line` among the lines `sorted` picks, in order, unless it is there. */
function addLine(root: string, path: string, line: string, sorted: (l: string) => boolean) {
  const file = join(root, path);
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.includes(line)) return { file: path, added: [] };
  const after = lines.findLastIndex((l) => sorted(l) && l < line);
  const first = lines.findIndex(sorted);
  lines.splice(after === -1 ? Math.max(first, 0) : after + 1, 0, line);
  writeFileSync(file, lines.join('\n'));
  return { file: path, added: [line] };
}

/** Adds the name to the `SERVICES` union in the event envelope. */
function addService(root: string, name: string) {
  const path = 'packages/contracts/src/events/envelope.ts';
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  const union = /export const SERVICES = \[([^\]]*)\] as const;/;
  const match = union.exec(text);
  if (!match) throw new Error(`${path} has no SERVICES union to add "${name}" to`);
  const line = `export const SERVICES = [${match[1]!.trim().replace(/,$/, '')}, '${name}'] as const;`;
  writeFileSync(file, text.replace(union, line));
  return { file: path, added: [line] };
}

function templates(name: string, roles: readonly Role[]): Record<string, string> {
  const c = camel(name);
  const P = pascal(name);
  const service = `services/${name}`;
  return {
    [`${service}/package.json`]: `${JSON.stringify(
      {
        name: `@congdoan/${name}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        exports: { '.': './src/index.ts', './manifest': './src/manifest.ts' },
        dependencies: {
          '@congdoan/contracts': 'workspace:*',
          '@congdoan/ddb': 'workspace:*',
          '@congdoan/http-kit': 'workspace:*',
          // memberDirectory() mounts both directories' handlers, which resolve from here.
          '@congdoan/member-directory': 'workspace:*',
          '@congdoan/org-directory': 'workspace:*',
          zod: '4.6.7',
        },
        devDependencies: { '@types/aws-lambda': '8.10.164' },
      },
      null,
      2,
    )}\n`,

    [`packages/contracts/src/${name}/index.ts`]: `import { z } from 'zod';

/**
 * The ${name} service's contracts: the schemas of its routes' requests and responses. Its
 * events go in \`../events/${name}.ts\`, listed once in \`../events/index.ts\`.
 */

export const ${c}MemberQuery = z.strictObject({
  /** The day asked about, \`YYYY-MM-DD\`; default today in Vietnam. */
  on: z.iso.date().optional(),
});

export const ${c}MemberStandingSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  on: z.iso.date(),
  /** \`member\` (active), \`suspended\`, or \`not-a-member\` (not yet admitted, or exited) on that day. */
  standing: z.enum(['member', 'suspended', 'not-a-member']),
  /** The unit the member belonged to on that day; null when not a member. */
  unitId: z.string().nullable(),
  /** Whole years since the first admission (tuổi đoàn); null when not a member that day. */
  unionYears: z.number().int().nonnegative().nullable(),
});
export type ${P}MemberStanding = z.infer<typeof ${c}MemberStandingSchema>;
`,

    [`${service}/src/manifest.ts`]: `import {
  defineManifest,
  defineRoute,
  eventsOf,
  memberIdParams,
  problemSchema,
  serviceTable,
  ${c}MemberQuery,
  ${c}MemberStandingSchema,
} from '@congdoan/contracts';
import { memberDirectory } from '@congdoan/member-directory/manifest';

const problem = (description: string) => ({ description, schema: problemSchema });

export const memberRoutes = [
  defineRoute({
    operationId: 'get${P}MemberStanding',
    method: 'GET',
    path: '/v1/${name}/members/{id}',
    summary: 'A member’s standing on a day, as ${name} knows it',
    description:
      'From the member directory ${name} keeps of membership’s events: whether the member was a member, suspended or neither on the day, in which unit, and for how many whole years since their first admission.',
    roles: ${JSON.stringify(roles).replaceAll('"', "'").replaceAll(',', ', ')},
    request: { params: memberIdParams, query: ${c}MemberQuery },
    responses: {
      200: { description: 'The member’s standing', schema: ${c}MemberStandingSchema },
      400: problem('Invalid input: every failing field is listed'),
      401: problem('Missing or invalid token'),
      403: problem('The caller lacks the role'),
      404: problem('No such member in the caller’s subtree'),
    },
  }),
] as const;

export const routes = [...memberRoutes] as const;

/** The single source of truth of the ${name} service: CDK, the local platform, OpenAPI and the tests read it. */
export const manifest = defineManifest({
  service: '${name}',
  table: serviceTable('${name}'),
  http: { file: 'http', export: 'handler' },
  routes,
  subscriptions: [...memberDirectory()],
  schedules: [],
  publishes: eventsOf('${name}').map((e) => e.detailType),
});
`,

    [`${service}/src/index.ts`]: 'export {};\n',

    [`${service}/src/app/ports.ts`]: `import type { DirectoryMember } from '@congdoan/contracts';

/** The unit whose subtree a caller may act in; null is the whole tree. */
export interface CallerScope {
  unitId: string | null;
}

/** Who a member is, as ${name}'s member directory keeps them. */
export interface Members {
  /** The member; a not-found domain error when unknown or outside the caller's subtree. */
  get(caller: CallerScope, id: string): Promise<DirectoryMember>;
}

/** What ${name}'s use cases are given: ports only, never a concrete adapter. */
export interface ${P}Deps {
  members: Members;
}
`,

    [`${service}/src/app/member-standing.ts`]: `import type { ${P}MemberStanding } from '@congdoan/contracts';
import { standingOn, unionYears } from '@congdoan/member-directory/standing';
import type { CallerScope, ${P}Deps } from './ports.ts';

/** A member's standing on \`day\`, for a caller who may see them. */
export async function memberStanding(
  deps: ${P}Deps,
  caller: CallerScope,
  memberId: string,
  day: string,
): Promise<${P}MemberStanding> {
  const member = await deps.members.get(caller, memberId);
  const { standing, unitId } = standingOn(member.history, day);
  return {
    memberId: member.id,
    fullName: member.fullName,
    on: day,
    standing,
    unitId,
    unionYears: standing === 'not-a-member' ? null : unionYears(member.joinDate, day),
  };
}
`,

    [`${service}/src/adapters/members.ts`]: `import type { Db } from '@congdoan/ddb';
import { createMemberDirectory } from '@congdoan/member-directory';
import type { Members } from '../app/ports.ts';

/** The \`Members\` port over the member directory mounted in ${name}'s table, scope-checked by its org directory. */
export function directoryMembers(db: Db): Members {
  const directory = createMemberDirectory(db);
  return { get: (caller, id) => directory.forCaller(caller).getMember(id) };
}
`,

    [`${service}/src/handlers/deps.ts`]: `import { dbFromEnv } from '@congdoan/ddb';
import { directoryMembers } from '../adapters/members.ts';
import type { ${P}Deps } from '../app/ports.ts';

let deps: ${P}Deps | undefined;

/** The composition root: concrete adapters, built once per Lambda instance on first use. */
export function ${c}Deps(): ${P}Deps {
  deps ??= { members: directoryMembers(dbFromEnv('${name}')) };
  return deps;
}
`,

    [`${service}/src/handlers/http/members.ts`]: `import { dayInVietnam } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { memberStanding } from '../../app/member-standing.ts';
import type { memberRoutes } from '../../manifest.ts';
import { ${c}Deps } from '../deps.ts';

export const memberHandlers: RouteHandlers<typeof memberRoutes> = {
  get${P}MemberStanding: async (req) => ({
    status: 200,
    body: await memberStanding(${c}Deps(), req.auth, req.params.id, req.query.on ?? dayInVietnam(req.write.now())),
  }),
};
`,

    [`${service}/src/handlers/http.ts`]: `import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { routes } from '../manifest.ts';
import { memberHandlers } from './http/members.ts';

/** The ${name} service's one HTTP function; each area's handlers live in \`./http/\`. */
export const handler = createHttpHandler({
  service: '${name}',
  routes,
  db: () => dbFromEnv('${name}'),
  handlers: { ...memberHandlers },
});
`,

    [`${service}/test/app/member-standing.test.ts`]: `import { type DirectoryMember, DomainError, notFound } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { memberStanding } from '../../src/app/member-standing.ts';
import type { Members } from '../../src/app/ports.ts';

const ha: DirectoryMember = {
  id: 'member-1',
  fullName: 'Nguyễn Thị Thu Hà',
  gender: 'female',
  dateOfBirth: '1978-03-12',
  cardNumber: '2005000042',
  joinDate: '2005-05-19',
  unitId: 'unit-b',
  status: 'active',
  history: [
    { from: '2005-05-19', to: '2019-09-01', unitId: 'unit-a', status: 'active' },
    { from: '2019-09-01', to: '2020-01-01', unitId: 'unit-b', status: 'suspended' },
    { from: '2020-01-01', to: null, unitId: 'unit-b', status: 'active' },
  ],
  version: 3,
};

/** The port as a test sees it: one member, visible to the whole tree and to unit-b only. */
const members: Members = {
  async get(caller, id) {
    if (id !== ha.id || (caller.unitId !== null && caller.unitId !== ha.unitId)) {
      throw notFound({ vi: 'đoàn viên', en: 'member' }, id);
    }
    return ha;
  },
};

describe('a member’s standing, as ${name} answers it', () => {
  it('says where the member was on the day and for how many years they have been one', async () => {
    expect(await memberStanding({ members }, { unitId: null }, ha.id, '2010-01-01')).toEqual({
      memberId: ha.id,
      fullName: ha.fullName,
      on: '2010-01-01',
      standing: 'member',
      unitId: 'unit-a',
      unionYears: 4,
    });
  });

  it('is no member, with no years, before the first admission', async () => {
    expect(await memberStanding({ members }, { unitId: 'unit-b' }, ha.id, '2000-01-01')).toMatchObject({
      standing: 'not-a-member',
      unitId: null,
      unionYears: null,
    });
  });

  it('is suspended in the unit the member was in that day, the years still counted', async () => {
    expect(await memberStanding({ members }, { unitId: 'unit-b' }, ha.id, '2019-10-01')).toMatchObject({
      standing: 'suspended',
      unitId: 'unit-b',
      unionYears: 14,
    });
  });

  it('does not find a member outside the caller’s subtree', async () => {
    await expect(memberStanding({ members }, { unitId: 'unit-a' }, ha.id, '2010-01-01')).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.kind === 'not-found',
    );
  });
});
`,
  };
}

/** The pinned pnpm the toolchain runs, to link the new workspace package. */
function pnpmCommand(root: string): string[] {
  if (process.env.npm_execpath?.includes('pnpm')) return [process.execPath, process.env.npm_execpath];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string };
  const version = pkg.packageManager.split('@')[1];
  return [process.execPath, join(root, '.toolchain', `pnpm-${version}`, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')];
}

function main(): void {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const rolesAt = args.indexOf('--roles');
  const roles = rolesAt === -1 ? undefined : (args.splice(rolesAt, 2)[1] ?? '').split(',').filter(Boolean);
  const [name, ...rest] = args;
  if (!name || rest.length > 0) throw new Error('usage: npm run new-service -- <name> [--roles admin,officer,…]');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const result = scaffoldService(root, name, roles ? { roles: roles as Role[] } : {});
  const [node, pnpm] = pnpmCommand(root) as [string, string];
  const run = (cmd: string[], what: string) => {
    const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${what} failed: see above`);
  };
  run([node, pnpm, 'install', '--prefer-offline'], 'pnpm install (linking the new package)');
  const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  run([node, biome, 'format', '--write', ...result.files, ...result.shared.map((s) => s.file)], 'biome format');
  console.log(`\nWrote ${result.files.length} files:\n${result.files.map((f) => `  ${f}`).join('\n')}`);
  console.log(
    `\nShared lines added:\n${result.shared.flatMap((s) => s.added.map((l) => `  ${s.file}: ${l}`)).join('\n') || '  none'}`,
  );
  console.log(
    `\nNext: npm run check; npm test -- services/${name} test/contract.test.ts; npm start, then GET /v1/${name}/members/{id}. See docs/adding-a-service.md.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
