import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PLUGIN = join(repoRoot, 'scripts', 'lint', 'no-new-logger.grit');
const biome = join(repoRoot, 'node_modules', '.bin', 'biome');

const work = mkdtempSync(join(tmpdir(), 'no-new-logger-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Diagnostic {
  category: string;
  location: { path: string };
}

/** Lints files laid out as in the repo with the repo's plugin alone, as `npm run check` runs it. */
function lint(files: Record<string, string>): Diagnostic[] {
  const dir = mkdtempSync(join(work, 'case-'));
  writeFileSync(join(dir, 'biome.json'), JSON.stringify({ plugins: [PLUGIN], linter: { rules: { preset: 'none' } } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(biome, ['lint', '--reporter=json', '.'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  return report.diagnostics.filter((d) => d.category === 'plugin');
}

const building = (expression: string) =>
  `import * as powertools from '@aws-lambda-powertools/logger';\nimport { Logger } from '@aws-lambda-powertools/logger';\n\nexport const logger = ${expression};\nexport const keep = [Logger, powertools];\n`;

describe('the check that every logger goes through createLogger', () => {
  it('is part of npm run check', () => {
    const config = JSON.parse(readFileSync(join(repoRoot, 'biome.json'), 'utf8')) as { plugins?: string[] };
    expect(config.plugins).toContain('./scripts/lint/no-new-logger.grit');
  });

  it('refuses new Logger( in a service or another package, however it is imported', () => {
    const found = lint({
      'services/membership/src/handlers/imports.ts': building("new Logger({ serviceName: 'membership' })"),
      'packages/org-directory/src/handler.ts': building('new powertools.Logger()'),
    });
    expect(found.map((d) => d.location.path).sort()).toEqual([
      'packages/org-directory/src/handler.ts',
      'services/membership/src/handlers/imports.ts',
    ]);
  });

  it('allows it only in http-kit’s logger factory, and leaves createLogger alone', () => {
    const found = lint({
      'packages/http-kit/src/logger.ts': building('new Logger()'),
      'services/finance/src/handlers/http.ts':
        "import { createLogger } from '@congdoan/http-kit';\n\nexport const logger = createLogger('finance');\n",
    });
    expect(found).toEqual([]);
  });
});
