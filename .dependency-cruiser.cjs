/**
 * The layer boundaries of every service (docs/architecture.md, "Service shape").
 * Written once for `services/<any>/src/`, so a new service is checked without
 * editing this file. `npm run check` runs it; test/boundaries.test.ts tests it.
 *
 * - `domain/` holds the rules in the domain's words: it imports its own
 *   service's `domain/`, `@congdoan/contracts` (the shared vocabulary: types,
 *   schemas, domain errors, calendar) and pure libraries that do no I/O
 *   (`node:crypto` for hashes, `zod` types, `csv-parse` for the bank's file
 *   format). Nothing else: no app, adapters, handlers, no AWS SDK, no
 *   `@congdoan/ddb`, `@congdoan/http-kit` or `@congdoan/org-directory`.
 * - `app/` holds the use cases and owns their ports: it never imports a
 *   concrete adapter, a handler, the AWS SDK, or `@congdoan/ddb` other than
 *   through its entry (which names `app/` may use is biome's
 *   `noRestrictedImports` in biome.json: types and pure helpers, never `commit`,
 *   `ConditionFailedError` or a client).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment:
        'domain/ imports its own domain, @congdoan/contracts, node:crypto, zod and csv-parse only: move I/O and framework code to app/ or adapters/.',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: {
        pathNot: [
          '^services/$1/src/domain/',
          '^packages/contracts/src/',
          '^(node:)?crypto$',
          'node_modules/(zod|csv-parse)/',
        ],
      },
    },
    {
      name: 'app-imports-no-adapter',
      severity: 'error',
      comment:
        'app/ declares ports and takes their implementations as arguments: wire the adapter in the composition root (handlers/deps.ts), not in the use case.',
      from: { path: '^services/[^/]+/src/app/' },
      to: { path: '^services/[^/]+/src/(adapters|handlers)/' },
    },
    {
      name: 'app-imports-no-aws-sdk',
      severity: 'error',
      comment: 'app/ does no I/O itself: DynamoDB and other AWS calls belong in adapters/.',
      from: { path: '^services/[^/]+/src/app/' },
      to: { path: 'node_modules/@aws-sdk/' },
    },
    {
      name: 'app-imports-ddb-through-its-entry',
      severity: 'error',
      comment:
        'app/ imports @congdoan/ddb by its package name only (and then only the names biome.json allows), never one of its modules directly.',
      from: { path: '^services/[^/]+/src/app/' },
      to: { path: '^packages/ddb/src/', pathNot: '^packages/ddb/src/index\\.ts$' },
    },
    {
      name: 'no-other-service',
      severity: 'error',
      comment: 'A service reads no other service’s code: share through packages/ (contracts, events, directories).',
      from: { path: '^services/([^/]+)/src/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    progress: { type: 'none' },
  },
};
