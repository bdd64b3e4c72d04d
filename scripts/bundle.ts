/**
 * The one set of esbuild options for every Lambda bundle. `npm run build`
 * (scripts/build-lambdas.ts) bundles every function through here into
 * `dist/lambdas/<id>/`, CDK deploys those directories as they are
 * (infra/lib/lambda-code.ts), and the bench measures them: what is measured is
 * what is deployed.
 *
 * Each function is an ESM entry `index.mjs` plus the chunks of what it loads
 * with `import()` only when a request needs it (exceljs on the file routes, the
 * Tracer when the process traces, Powertools Metrics when there is a metric to
 * publish, AWS credential providers other than the environment's), side by side
 * in its directory.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile, type OutputFile, type Plugin } from 'esbuild';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `build-lambdas` writes `<id>/index.mjs` and its chunks; CDK deploys each `<id>` directory. */
export const lambdasDistDir = join(repoRoot, 'dist', 'lambdas');

/** The bundle's entry file; a Lambda handler `index.<export>` resolves to it. */
export const BUNDLE_FILE = 'index.mjs';

// ESM output cannot call `require` or read `__dirname`, yet some CommonJS
// dependencies (bundled as-is) do. The banner defines them from import.meta, in
// the entry and in every chunk (each is a module of its own).
const banner = [
  "import { createRequire as __cdCreateRequire } from 'node:module';",
  "import { fileURLToPath as __cdFileURLToPath } from 'node:url';",
  "import { dirname as __cdDirname } from 'node:path';",
  'const require = __cdCreateRequire(import.meta.url);',
  'const __filename = __cdFileURLToPath(import.meta.url);',
  'const __dirname = __cdDirname(__filename);',
].join('\n');

const inNodeModules = (path: string) => path.includes(`${sep}node_modules${sep}`);

/**
 * zod, lean. Two things cost every function some 350 KiB of zod it never runs:
 * - `import { z } from 'zod'` takes `z` as a namespace object, which esbuild keeps whole,
 *   with every member of zod's classic API. Imported as `import * as z from 'zod'`, the
 *   same object at run time, each `z.object(…)` becomes a direct reference and esbuild
 *   drops what no code calls. The plugin rewrites that import line in our sources
 *   (tests, tsx and the local platform run the line as written: same behaviour).
 * - zod's classic entry and its `core` namespace each re-export every locale
 *   (`export * as locales`): messages in some fifty languages, 260 KiB minified. Our
 *   problems carry our own vi/en wording (http-kit's validation.ts), and the two locales
 *   it falls back on are imported by name from `zod/locales`, which tree-shakes. The
 *   plugin drops the two re-exports, and refuses our code that reaches for `z.locales`
 *   (which would then be undefined in a bundle). `bundle()` checks no other locale got in.
 */
export const leanZod: Plugin = {
  name: 'lean-zod',
  setup(build) {
    const reexport = /^export \* as locales from "\.\.\/locales\/index\.js";$/m;
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!reexport.test(source)) {
        return { errors: [{ text: `${args.path} no longer re-exports zod's locales as scripts/bundle.ts expects` }] };
      }
      return { contents: source.replace(reexport, ''), loader: 'js' };
    });
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (inNodeModules(args.path)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const use = /\b(?:z|core)\.locales\b/.exec(source);
      if (use) {
        const line = source.slice(0, use.index).split('\n').length;
        return {
          errors: [
            {
              text: 'zod locales are left out of Lambda bundles: import the one you need from zod/locales',
              location: { file: args.path, line },
            },
          ],
        };
      }
      return {
        contents: source.replaceAll(/^import \{ z \} from 'zod';$/gm, "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
  },
};

/**
 * `node:http` through `require`, not `import`. To give an ESM `import … from 'node:http'` its
 * namespace, Node reads every export of the builtin, and `http`'s WebSocket, CloseEvent and
 * MessageEvent are lazy getters that load undici (Node's fetch): `import { STATUS_CODES } from
 * 'node:http'` in middy costs an HTTP function 60 ms of CPU at every cold start, against 9 ms
 * through `require`. So a bundled ESM import of `http` becomes a CommonJS module that requires
 * it (with the banner's `require`), and the importing code reads only the properties it uses:
 * same object, same behaviour. (Other builtins gain nothing measurable this way; tests and tsx,
 * which do not bundle, import as written.)
 */
const REQUIRED_BUILTINS = new Set(['http', 'node:http']);
export const httpThroughRequire: Plugin = {
  name: 'http-through-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, (args) => {
      if (args.kind !== 'import-statement' || !REQUIRED_BUILTINS.has(args.path)) return undefined;
      return { path: 'http', namespace: 'required-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'required-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

/**
 * exceljs without the parts we never run. Its Node entry requires, at load, its streaming
 * reader (`unzipper`, with bluebird, fstream, glob and big-integer), its streaming writer
 * (`archiver`) and its CSV support (`fast-csv`): some 250 KiB of the exceljs chunk. Our
 * code reads and writes whole workbooks (`xlsx.load`, `xlsx.writeBuffer`, which go through
 * JSZip) and parses CSV itself (membership's files/). In a bundle each of the three is a
 * stand-in that fails, naming itself, if anything ever calls into it, so a future use shows
 * at once in the tests of the deployed bundle (test/lambda-bundles.integration.test.ts)
 * rather than as a wrong result.
 */
export const EXCELJS_UNUSED = ['unzipper', 'archiver', 'fast-csv'] as const;
export const exceljsUnusedParts: Plugin = {
  name: 'exceljs-unused-parts',
  setup(build) {
    const filter = new RegExp(`^(${EXCELJS_UNUSED.join('|')})$`);
    build.onResolve({ filter }, (args) => {
      if (!/[\\/]exceljs[\\/]/.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'left-out' };
    });
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(
        `${args.path} is left out of Lambda bundles (scripts/bundle.ts, exceljsUnusedParts): exceljs's streaming and CSV parts are not used`,
      )}); };
module.exports = new Proxy(fail, { get: (_, key) => (key === '__esModule' ? undefined : fail), apply: fail, construct: fail });`,
      loader: 'js',
    }));
  },
};

/**
 * The holiday library, Vietnam only. `date-holidays` (packages/calendar) is the maintained source
 * of Vietnam's public holidays, but it brings every country's rules (`date-holidays/data`, some
 * 440 KiB minified) and, through `caldate` and `date-holidays-parser`, `moment-timezone` with
 * every zone's history (715 KiB), which nearly triples an HTTP function's cold load. In a bundle:
 * - the data module keeps the countries of `HOLIDAY_COUNTRIES` and the shared names their rules
 *   refer to (`_name`, and the "substitute day" name), built at bundle time from the installed
 *   library, so upgrading the package upgrades the rules: nothing is copied into our sources;
 * - `moment-timezone`, as those two packages import it, is its core with only those countries'
 *   zones loaded (Asia/Ho_Chi_Minh, Asia/Bangkok), from the installed package's data. The library
 *   turns each holiday's local day into start and end instants in the country's zone;
 * - `astronomia` (the lunar calendar's astronomy, for Tết and Giỗ Tổ) is marked free of side
 *   effects, which it is, so only the modules the Chinese/Vietnamese calendar calls stay.
 * Tests, tsx and the local platform run the full library; test/calendar-bundle.integration.test.ts
 * checks that the bundled calendar gives the same days as the full library for 2024–2030. A
 * country outside the list has no rules in a bundle: add it here first.
 */
export const HOLIDAY_COUNTRIES = ['VN'] as const;
/** Those countries' zones in the library's data; packages/calendar asks for Asia/Ho_Chi_Minh. */
export const HOLIDAY_ZONES = ['Asia/Ho_Chi_Minh', 'Asia/Bangkok'] as const;

interface HolidayData {
  version: string;
  license: string;
  holidays: Record<string, { zones?: string[] }>;
  names: Record<string, unknown>;
}
interface PackedZones {
  version: string;
  zones: string[];
  links: string[];
}
const SKIP = { leanHolidays: true };
const MOMENT_TIMEZONE_INDEX =
  /module\.exports = require\("\.\/moment-timezone"\);\s*moment\.tz\.load\(require\('\.\/data\/packed\/latest\.json'\)\);/;

export const leanHolidays: Plugin = {
  name: 'lean-holidays',
  setup(build) {
    build.onLoad({ filter: /[\\/]date-holidays[\\/]src[\\/]data\.js$/ }, async (args) => {
      const { data } = (await import(pathToFileURL(args.path).href)) as { data: HolidayData };
      const holidays = Object.fromEntries(HOLIDAY_COUNTRIES.map((c) => [c, data.holidays[c]]));
      const errors = HOLIDAY_COUNTRIES.flatMap((c) => {
        const zones = data.holidays[c]?.zones;
        if (!zones) return [{ text: `date-holidays has no rules or zones for ${c}` }];
        const unknown = zones.filter((z) => !(HOLIDAY_ZONES as readonly string[]).includes(z));
        return unknown.length > 0 ? [{ text: `${c}'s zones ${unknown.join(', ')} are not in HOLIDAY_ZONES` }] : [];
      });
      if (errors.length > 0) return { errors };
      const referenced = new Set(['substitutes']);
      JSON.stringify(holidays, (key, value) => {
        if (key === '_name' && typeof value === 'string') referenced.add(value);
        return value;
      });
      const names = Object.fromEntries(Object.entries(data.names).filter(([name]) => referenced.has(name)));
      const subset = { version: data.version, license: data.license, holidays, names };
      return { contents: `export const data = ${JSON.stringify(subset)};`, loader: 'js' };
    });
    build.onResolve({ filter: /^moment-timezone$/ }, async (args) => {
      if (args.pluginData === SKIP || !/[\\/](caldate|date-holidays-parser)[\\/]/.test(args.importer)) return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SKIP });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lean-moment-timezone' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lean-moment-timezone' }, (args) => {
      if (!MOMENT_TIMEZONE_INDEX.test(readFileSync(args.path, 'utf8'))) {
        return { errors: [{ text: `${args.path} no longer loads its packed data as scripts/bundle.ts expects` }] };
      }
      const dir = dirname(args.path);
      const packed = JSON.parse(readFileSync(join(dir, 'data', 'packed', 'latest.json'), 'utf8')) as PackedZones;
      const kept = new Set<string>(HOLIDAY_ZONES);
      const nameOf = (entry: string) => entry.slice(0, entry.indexOf('|'));
      const zones = packed.zones.filter((z) => kept.has(nameOf(z)));
      if (zones.length !== kept.size) {
        return { errors: [{ text: `moment-timezone's data lacks one of ${HOLIDAY_ZONES.join(', ')}` }] };
      }
      const subset = { version: packed.version, zones, links: packed.links.filter((l) => kept.has(nameOf(l))) };
      return {
        contents: `const moment = require('./moment-timezone.js');\nmoment.tz.load(${JSON.stringify(subset)});\nmodule.exports = moment;`,
        loader: 'js',
        resolveDir: dir,
      };
    });
    // Every module of astronomia, the package's own relative imports included.
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === SKIP) return undefined;
      if (!/^astronomia(\/|$)/.test(args.path) && !/[\\/]astronomia[\\/]/.test(args.importer)) return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SKIP });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, sideEffects: false };
    });
  },
};

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  // `import()` becomes a chunk beside index.mjs, loaded when (if ever) the code runs.
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  // Mappings only: enough for `--enable-source-maps` stack traces, without shipping the sources.
  sourcemap: 'linked',
  sourcesContent: false,
  // Prefer ESM builds (the AWS SDK's dist-es) so tree shaking can drop unused commands.
  mainFields: ['module', 'main'],
  // @aws-sdk/* is bundled, not left to the runtime's copy: the runtime's SDK version
  // moves under us with each runtime patch, while bundling pins the exact version in
  // pnpm-lock.yaml that the tests ran against (and drops what we do not use).
  // bowser is the SDK's browser user-agent parser, which only its browser runtime
  // config imports (`import("bowser")` in @aws-sdk/core): left out, it never loads in Node.
  // The credential providers the SDK's default chain imports only when the environment has
  // no credentials (SSO, ini files, processes, web identity, container and instance metadata):
  // Lambda always puts its role's credentials in the environment, which the chain reads
  // first (fromEnv, bundled), so these never load there; if they ever did, the runtime's own
  // SDK has them. Left out, they take @aws-sdk/nested-clients and token-providers with them.
  external: [
    'bowser',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@smithy/credential-provider-imds',
  ],
  banner: { js: banner },
  legalComments: 'external',
  absWorkingDir: repoRoot,
  logLevel: 'warning',
  metafile: true,
  plugins: [leanZod, httpThroughRequire, exceljsUnusedParts, leanHolidays],
} as const satisfies BuildOptions;

/** Options to bundle one handler's TypeScript entry into `<outdir>/index.mjs` and its chunks. */
export function bundleOptions(entry: string, id: string): BuildOptions {
  return {
    ...esbuildOptions,
    plugins: [...esbuildOptions.plugins],
    entryPoints: [entry],
    // A fixed nominal outdir, so the source maps' relative paths do not depend on
    // where the bundle is finally written (a temp dir or dist).
    outdir: join(lambdasDistDir, id),
    write: false,
  };
}

export interface BundleFile {
  name: string;
  bytes: number;
}

export interface BundleOutput {
  id: string;
  outdir: string;
  files: BundleFile[];
  /** Size of index.mjs. */
  bytes: number;
  /** Size of index.mjs and every chunk (no maps, no legal notices): all the code a function can load. */
  codeBytes: number;
  /** The chunks beside index.mjs, and the bytes each input (a package's file, a source file) adds to each. */
  metafile: Metafile;
}

/** A file Node may load: the entry or a chunk, not a source map or a legal notice. */
export const isCode = (name: string) => name.endsWith('.mjs');

function writeOutputs(
  id: string,
  outdir: string,
  outputFiles: readonly OutputFile[],
  metafile: Metafile,
): BundleOutput {
  // Chunk names carry content hashes: an earlier build's chunks must not linger beside this one's.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const files = outputFiles.map((f) => {
    const name = basename(f.path);
    writeFileSync(join(outdir, name), f.contents);
    return { name, bytes: f.contents.byteLength };
  });
  const main = files.find((f) => f.name === BUNDLE_FILE);
  if (!main) throw new Error(`esbuild produced no ${BUNDLE_FILE} for ${id}`);
  const codeBytes = files.filter((f) => isCode(f.name)).reduce((sum, f) => sum + f.bytes, 0);
  return { id, outdir, files, bytes: main.bytes, codeBytes, metafile };
}

/** The zod locales our code imports by name (http-kit's validation.ts); any other in a bundle means the plugin missed one. */
const KEPT_ZOD_LOCALES = /[\\/]zod[\\/]v4[\\/]locales[\\/](?!(?:en|vi)\.js$)/;

/** Bundles `entry` into `outdir` (default `dist/lambdas/<id>`). */
export async function bundle(entry: string, id: string, outdir = join(lambdasDistDir, id)): Promise<BundleOutput> {
  const result = await build(bundleOptions(entry, id));
  if (!result.metafile) throw new Error(`esbuild returned no metafile for ${id}`);
  const strayLocales = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && KEPT_ZOD_LOCALES.test(input))
      .map(([input]) => input),
  );
  if (strayLocales.length > 0) {
    throw new Error(`${id}: zod locales still reach the bundle (${strayLocales.slice(0, 3).join(', ')}, …)`);
  }
  return writeOutputs(id, outdir, result.outputFiles ?? [], result.metafile);
}

/** The npm package an input of the metafile belongs to (`exceljs`, `@aws-sdk/core`), or null for our own source. */
export function packageOf(input: string): string | null {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const [scope, name] = input.slice(at + 'node_modules/'.length).split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? null);
}

/** Bytes each package adds to one output file of a metafile (our own source under `(source)`), largest first. */
export function packagesIn(metafile: Metafile, outputFile: string): [string, number][] {
  const output = Object.entries(metafile.outputs).find(([path]) => basename(path) === outputFile)?.[1];
  if (!output) return [];
  const sizes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = packageOf(input) ?? '(source)';
    sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}
