import { defineConfig } from 'vitest/config';

/**
 * The suite in five tiers, run one after another (docs/testing.md). A file's name says its tier:
 *
 *   unit         *.test.ts               pure code; DynamoDB is unreachable
 *   handler      *.handler.test.ts       a service's HTTP handler on aws-sdk-client-mock
 *   integration  *.integration.test.ts   adapters and use cases on DynamoDB Local
 *   e2e          *.e2e.test.ts           the local platform over HTTP, one platform per worker
 *                *.fresh.e2e.test.ts     ... on a platform of the file's own
 *   infra        infra/test/, test/*.test.ts   CDK synth
 *
 * Only integration and e2e start DynamoDB Local (one JVM for both). `TEST_SCALE=deep` (npm run
 * test:deep) runs the property and load tests at full size.
 *
 * Pools, measured on the 2-core machine (docs/testing.md): two workers in every tier; the unit
 * and infra tiers share modules between files (isolate: false: 64 → 21 s and 147 → 41 s, the
 * cost being each file importing its graph, aws-cdk-lib above all), the unit tier in threads;
 * the DynamoDB tiers in forks, isolated, since the services' composition roots keep the table
 * named in the environment when first called (threads crashed a run).
 */
const WORKSPACES = ['packages/*/test', 'services/*/test'];
const under = (dirs: string[], pattern: string) => dirs.map((dir) => `${dir}/**/${pattern}`);
const DYNAMODB = ['test/support/global-setup.ts'];
const E2E = [...under(WORKSPACES, '*.e2e.test.ts'), 'test/e2e/**/*.e2e.test.ts'];
/** More workers do not help the DynamoDB tiers: DynamoDB Local runs one request at a time. */
const WORKERS = 2;

export default defineConfig(({ mode }) => ({
  test: {
    // `vitest run --mode deep` (npm run test:deep): the property and load tests at full size.
    env: mode === 'deep' ? { TEST_SCALE: 'deep' } : {},
    setupFiles: ['test/support/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: WORKERS,
    pool: 'forks',
    reporters: ['default', './test/support/tier-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: under(WORKSPACES, '*.test.ts'),
          exclude: ['**/*.{handler,integration,e2e}.test.ts'],
          pool: 'threads',
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'handler',
          include: under(WORKSPACES, '*.handler.test.ts'),
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [...under(WORKSPACES, '*.integration.test.ts'), 'test/*.integration.test.ts'],
          globalSetup: DYNAMODB,
          sequence: { groupOrder: 3 },
        },
      },
      {
        extends: true,
        test: {
          // One platform per worker (test/support/platform.ts sharedPlatform()): the files of a
          // worker share its modules, so the handlers are loaded once and the tables made once.
          name: 'e2e',
          include: E2E,
          exclude: ['**/*.fresh.e2e.test.ts'],
          isolate: false,
          provide: { e2ePlatform: 'shared' },
          globalSetup: DYNAMODB,
          sequence: { groupOrder: 4 },
        },
      },
      {
        extends: true,
        test: {
          // Files that need a platform of their own (seeded demo data, injected faults, a
          // restart) each get a fresh worker: two platforms cannot share a worker's handlers.
          name: 'e2e:fresh',
          include: E2E.map((glob) => glob.replace('*.e2e.test.ts', '*.fresh.e2e.test.ts')),
          provide: { e2ePlatform: 'own' },
          globalSetup: DYNAMODB,
          sequence: { groupOrder: 4 },
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          // test/contract.test.ts synthesizes the templates to hold them to the manifests.
          include: ['infra/test/**/*.test.ts', 'test/*.test.ts'],
          exclude: ['**/*.{handler,integration,e2e}.test.ts'],
          isolate: false,
          sequence: { groupOrder: 5 },
        },
      },
    ],
  },
}));
