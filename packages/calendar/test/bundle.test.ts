/**
 * The calendar as a Lambda bundles it (scripts/bundle.ts): Vietnam's rules only, moment-timezone
 * with Vietnam's zones only, and the holiday library in a chunk loaded on first use. It must give
 * the same days as the full library that the other tests (and tsx, and the local platform) run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays } from '@congdoan/contracts';
import Holidays from 'date-holidays';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes } from '../../../bench/cold-start.ts';
import { BUNDLE_FILE, type BundleOutput, bundle, isCode, packagesIn, repoRoot } from '../../../scripts/bundle.ts';
import { loadHolidayRules, SEED_NOTICES, statutoryHolidays, WorkingCalendar } from '../src/index.ts';

const FIRST = 2024;
const LAST = 2030;
const years = Array.from({ length: LAST - FIRST + 1 }, (_, i) => FIRST + i);

let dir: string;
let out: BundleOutput;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'calendar-bundle-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export * from '${join(repoRoot, 'packages/calendar/src/index.ts')}';\n`);
  out = await bundle(entry, 'calendar', join(dir, 'out'));
  await loadHolidayRules();
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the bundle says of every day from 2024 to 2030, in a fresh Node, as a Lambda would run it. */
function bundledDays(): { holidays: Record<string, unknown[]>; days: unknown[] } {
  const code = `
    const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'out', BUNDLE_FILE)).href)});
    const calendar = await m.loadCalendar(new m.InMemoryNoticeStore());
    const holidays = {};
    const days = [];
    for (let y = ${FIRST}; y <= ${LAST}; y++) {
      holidays[y] = [...m.statutoryHolidays(y).values()];
      for (let t = Date.UTC(y, 0, 1); new Date(t).getUTCFullYear() === y; t += 86400000) {
        days.push(calendar.day(new Date(t).toISOString().slice(0, 10)));
      }
    }
    process.stdout.write(JSON.stringify({ holidays, days }));
  `;
  const r = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('the calendar in a Lambda bundle', () => {
  it('gives the same holidays and the same days as the full library, 2024–2030', () => {
    const bundled = bundledDays();
    const calendar = new WorkingCalendar(SEED_NOTICES);
    const days: unknown[] = [];
    for (let d = `${FIRST}-01-01`; d <= `${LAST}-12-31`; d = addDays(d, 1)) days.push(calendar.day(d));
    expect(bundled.days).toEqual(days);
    for (const year of years) {
      expect(bundled.holidays[year], String(year)).toEqual([...statutoryHolidays(year).values()]);
      // And against the library itself, whole: every public holiday's first day is a day off.
      const library = new Holidays('VN', { timezone: 'Asia/Ho_Chi_Minh' });
      const starts = library
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10));
      expect(starts.length).toBeGreaterThanOrEqual(7);
      for (const start of starts) expect(statutoryHolidays(year).has(start), start).toBe(true);
    }
  });

  it('carries Vietnam’s rules and zones only, in a chunk that a cold start does not load', () => {
    const sizes = bundleSizes(join(dir, 'out'));
    const holidayChunks = out.files.filter(
      (f) => isCode(f.name) && packagesIn(out.metafile, f.name).some(([p]) => p === 'date-holidays'),
    );
    expect(holidayChunks).toHaveLength(1);
    const chunk = holidayChunks[0]!.name;
    expect(sizes.coldFiles).not.toContain(chunk);
    const code = readFileSync(join(dir, 'out', chunk), 'utf8');
    expect(code).toContain('Asia/Ho_Chi_Minh');
    expect(code).toContain('Hung Kings Commemorations');
    // Another country's rules, another zone's history: left out.
    for (const other of ['Andorra', 'Bundesrepublik', 'Europe/Berlin', 'America/New_York']) {
      expect(code).not.toContain(other);
    }
    for (const file of sizes.coldFiles) {
      expect(packagesIn(out.metafile, file).map(([p]) => p)).not.toContain('date-holidays');
    }
  });
});
