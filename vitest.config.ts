import { defineConfig } from 'vitest/config';

/**
 * The suite in five tiers, run one after another (docs/testing.md). A file's name says its tier:
 *
 *   unit         *.test.ts               pure code; DynamoDB is unreachable
 *   handler      *.handler.test.ts       a service's HTTP handler on aws-sdk-client-mock
 *   integration  *.integration.test.ts   adapters and use cases on DynamoDB Local
 *   e2e          *.e2e.test.ts           the local platform over HTTP
 *   infra        infra/test/, test/*.test.ts   CDK synth
 *
 * Only integration and e2e start DynamoDB Local (one JVM for both). `TEST_SCALE=deep` (npm run
 * test:deep) runs the property and load tests at full size.
 */
const WORKSPACES = ['packages/*/test', 'services/*/test'];
const under = (dirs: string[], pattern: string) => dirs.map((dir) => `${dir}/**/${pattern}`);
const DYNAMODB = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/support/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/tier-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: under(WORKSPACES, '*.test.ts'),
          exclude: ['**/*.{handler,integration,e2e}.test.ts'],
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
          include: under(WORKSPACES, '*.integration.test.ts'),
          globalSetup: DYNAMODB,
          sequence: { groupOrder: 3 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [...under(WORKSPACES, '*.e2e.test.ts'), 'test/e2e/**/*.e2e.test.ts'],
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
          sequence: { groupOrder: 5 },
        },
      },
    ],
  },
});
