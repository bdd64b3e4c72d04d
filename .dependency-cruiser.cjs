/**
 * The layer boundaries of every service (docs/architecture.md, "Service shape").
 * Each rule is written once for `services/<any>/src/`, so a new service is
 * checked without editing this file. `npm run check` runs it over `services/`;
 * test/boundaries.test.ts checks that it catches a bad import.
 *
 * - `domain/` is the rules in the domain's words. It imports its own `domain/`,
 *   `@congdoan/contracts` (the shared vocabulary: types, schemas, domain errors,
 *   the calendar months), `@congdoan/calendar` (working days: pure, its notices
 *   passed in) and pure libraries that do no I/O: `node:crypto` (hashes),
 *   `zod` and `csv-parse` (the bank's statement format). Nothing else: no
 *   app, adapters, handlers, files, AWS SDK, `@congdoan/ddb`, `http-kit` or
 *   `org-directory`.
 * - `app/` is the use cases; it owns their ports. It never imports a concrete
 *   adapter, a handler or the AWS SDK, and reaches `@congdoan/ddb` only through
 *   its entry; which names it may take from there (types and pure helpers, never
 *   `commit`, `ConditionFailedError` or a client) is biome's
 *   `noRestrictedImports` in biome.json, since a dependency graph has no names.
 * - `files/` is file formats (xlsx, csv): bytes to the domain's inputs and back,
 *   no I/O. It imports its own `files/` and `domain/`, `@congdoan/contracts` and
 *   its format libraries only.
 * - No service imports another service's code.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment:
        'domain/ imports its own domain/, @congdoan/contracts, @congdoan/calendar, the member directory’s pure standing rule, node:crypto, zod and csv-parse only: I/O and frameworks belong in app/ (through a port) or adapters/.',
      from: { path: '(^|/)services/([^/]+)/src/domain/' },
      to: {
        pathNot: [
          '(^|/)services/$2/src/domain/',
          '^packages/contracts/src/',
          '^packages/calendar/src/',
          '^packages/member-directory/src/standing\\.ts$',
          '^(node:)?crypto$',
          'node_modules/(zod|csv-parse)/',
        ],
      },
    },
    {
      name: 'app-imports-no-adapter',
      severity: 'error',
      comment:
        'app/ declares the ports it needs and takes their implementations as arguments: wire the adapter in the composition root (handlers/deps.ts).',
      from: { path: '(^|/)services/[^/]+/src/app/' },
      to: { path: '(^|/)services/[^/]+/src/(adapters|handlers)/' },
    },
    {
      name: 'app-imports-no-aws-sdk',
      severity: 'error',
      comment: 'app/ does no I/O itself: AWS calls belong in adapters/, behind a port.',
      from: { path: '(^|/)services/[^/]+/src/app/' },
      to: { path: 'node_modules/@aws-sdk/' },
    },
    {
      name: 'app-imports-ddb-through-its-entry',
      severity: 'error',
      comment:
        'app/ imports @congdoan/ddb by its package name (and then only the names biome.json allows), never one of its modules.',
      from: { path: '(^|/)services/[^/]+/src/app/' },
      to: { path: '^packages/ddb/src/', pathNot: '^packages/ddb/src/index\\.ts$' },
    },
    {
      name: 'files-are-formats-only',
      severity: 'error',
      comment:
        'files/ turns bytes into the domain’s inputs and back: it imports its own files/ and domain/, @congdoan/contracts, @congdoan/workbook (the product’s report workbooks), exceljs, jszip (the .xlsx package itself), csv-parse and zod only.',
      from: { path: '(^|/)services/([^/]+)/src/files/' },
      to: {
        pathNot: [
          '(^|/)services/$2/src/(files|domain)/',
          '^packages/contracts/src/',
          '^packages/workbook/src/',
          'node_modules/(exceljs|jszip|csv-parse|zod)/',
        ],
      },
    },
    {
      name: 'no-other-service',
      severity: 'error',
      comment: 'A service reads no other service’s code: share through packages/ (contracts, events, directories).',
      from: { path: '(^|/)services/([^/]+)/src/' },
      to: { path: '(^|/)services/', pathNot: '(^|/)services/$2/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // swc reads TypeScript, type-only imports included. (tsPreCompilationDeps is
    // the tsc parser's switch, and TypeScript 7.0 has no API dependency-cruiser can use.)
    parser: 'swc',
    tsPreCompilationDeps: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    progress: { type: 'none' },
  },
};
