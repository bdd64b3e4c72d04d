/**
 * How big the property and load tests run (docs/testing.md):
 *
 * - `TEST_SCALE=ci` (the default, `npm test`): sizes that still find the bugs these tests
 *   exist for, within the suite's time budget;
 * - `TEST_SCALE=deep` (`npm run test:deep`): the full sizes, before a release and after
 *   touching the ledger, statistics or concurrency code.
 *
 * A test's own variable (e.g. `LEDGER_OPS=5000`) overrides either size.
 */
export type TestScale = 'ci' | 'deep';

export function testScale(value = process.env.TEST_SCALE): TestScale {
  if (value === undefined || value === '' || value === 'ci') return 'ci';
  if (value === 'deep') return 'deep';
  throw new Error(`TEST_SCALE must be "ci" or "deep", not "${value}"`);
}

/** The size named `variable`: its environment value when set, else the size for the run's scale. */
export function sized(variable: string, sizes: Record<TestScale, number>): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return sizes[testScale()];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a positive integer, not "${raw}"`);
  return value;
}
