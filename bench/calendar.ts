/**
 * `npm run bench -- calendar`: what the working-day calendar (packages/calendar) costs a Lambda.
 * The package bundled alone with the Lambda options (scripts/bundle.ts), its bundle's cold import
 * in a fresh process, its first deadline (the holiday library reads Vietnam's rules and computes
 * a year), and warm deadlines. bench/README.md says what each figure means.
 *
 *   BENCH_RUNS=7   fresh processes per cold figure (median reported)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadHolidayRules, SEED_NOTICES, WorkingCalendar } from '@congdoan/calendar';
import { BUNDLE_FILE, bundle, isCode, packagesIn, repoRoot } from '../scripts/bundle.ts';
import { bundleSizes } from './cold-start.ts';
import { kib, median, ms, summarize, table, us } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARM_CALLS = 2000;

/** In a fresh process: ms to import the bundle, then ms to the first deadline (loading the holiday chunk). */
function coldRun(url: string): { importMs: number; firstMs: number } {
  const code = [
    'let t = performance.now();',
    `const m = await import(${JSON.stringify(url)});`,
    'const importMs = performance.now() - t; t = performance.now();',
    "(await m.loadCalendar(new m.InMemoryNoticeStore())).addWorkingDays('2026-02-12', 7);",
    'console.log(JSON.stringify({ importMs, firstMs: performance.now() - t }));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Importing the calendar bundle failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

function warm(label: string, call: () => unknown): string[] {
  for (let i = 0; i < 100; i++) call();
  const times: number[] = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const t = performance.now();
    call();
    times.push((performance.now() - t) * 1000);
  }
  const s = summarize(times);
  return [label, us(s.p50), us(s.p99)];
}

export async function calendarBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-bench-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `export * from '${join(repoRoot, 'packages/calendar/src/index.ts')}';\n`);
    const out = await bundle(entry, 'calendar', dir);
    const file = join(dir, BUNDLE_FILE);
    const url = pathToFileURL(file).href;
    coldRun(url);
    const runs = Array.from({ length: RUNS }, () => coldRun(url));

    const sizes = bundleSizes(dir);
    console.log(`\nThe calendar package bundled alone (scripts/bundle.ts), median of ${RUNS} fresh processes\n`);
    console.log(
      table([
        ['cold load', 'all chunks', 'gzip (all)', 'cold import', 'first deadline (loads the holidays)'],
        [
          kib(sizes.coldBytes),
          kib(sizes.allBytes),
          kib(sizes.gzipBytes),
          ms(median(runs.map((r) => r.importMs))),
          ms(median(runs.map((r) => r.firstMs))),
        ],
      ]),
    );
    console.log('\nWhat each file is made of (cold: loaded by a cold start; first use: by the first deadline)\n');
    console.log(
      table([
        ['file', 'when', 'bytes', 'largest packages'],
        ...out.files
          .filter((f) => isCode(f.name))
          .map((f) => [
            f.name,
            sizes.coldFiles.includes(f.name) ? 'cold' : 'first use',
            kib(f.bytes),
            packagesIn(out.metafile, f.name)
              .filter(([, bytes]) => bytes > 0)
              .slice(0, 6)
              .map(([name, bytes]) => `${name} ${kib(bytes)}`)
              .join(', '),
          ]),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await loadHolidayRules();
  const calendar = new WorkingCalendar(SEED_NOTICES);
  console.log(`\nWarm, in this process, ${WARM_CALLS} calls each\n`);
  console.log(
    table([
      ['call', 'p50', 'p99'],
      warm('addWorkingDays 7 across Tết 2026', () => calendar.addWorkingDays('2026-02-12', 7)),
      warm('addWorkingDays 60', () => calendar.addWorkingDays('2026-07-01', 60)),
      warm('addWorkingDays -25 (congress cut-off)', () => calendar.addWorkingDays('2026-05-11', -25)),
      warm('addCalendarDays 30, end on a working day', () =>
        calendar.addCalendarDays('2026-08-01', 30, { endOnWorkingDay: true }),
      ),
      warm('workingDaysBetween over a year', () => calendar.workingDaysBetween('2026-01-01', '2026-12-31')),
    ]),
  );
}
