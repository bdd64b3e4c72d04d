import {
  createImportBody,
  defineRoute,
  fileDownloadSchema,
  IMPORT_CHUNK_BYTES,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importChunkBody,
  importChunkParams,
  importChunkReceiptSchema,
  importErrorPage,
  importErrorsQuery,
  importIdParams,
  importJobPage,
  importJobSchema,
  importListQuery,
  MemberImportRequested,
  memberExportQuery,
  type SubscriptionDefinition,
  unitIdParams,
} from '@congdoan/contracts';
import { membersArea, problem, READERS } from './route-parts.ts';

const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
  404: problem('No such unit or import in the caller’s subtree'),
};
const IMPORTERS = ['admin', 'officer'] as const;
const kib = (bytes: number) => `${bytes / 1024} KiB`;

const DOWNLOAD =
  'The file comes as JSON, `{ filename, contentType, size, base64 }`: decode `base64` and save it under `filename`.';

/** Member list files: the template, imports as background jobs, and the export (docs/member-import.md). */
export const importRoutes = membersArea([
  defineRoute({
    operationId: 'getMemberImportTemplate',
    method: 'GET',
    path: '/v1/membership/members/import-template',
    summary: 'Download the .xlsx template of a member list (mẫu danh sách đoàn viên)',
    description: `The layout the import reads, with drop-down lists, two example rows to delete, and a "Hướng dẫn" sheet. ${DOWNLOAD}`,
    roles: [...READERS],
    responses: { 200: { description: 'The template', schema: fileDownloadSchema }, ...common },
  }),
  defineRoute({
    operationId: 'createMemberImport',
    method: 'POST',
    path: '/v1/membership/units/{id}/imports',
    summary: 'Import a member list (.xlsx or .csv) into a unit, or check it (dry run)',
    description: [
      `Send the file inline, base64 in \`content\`, when it has at most ${kib(IMPORT_CHUNK_BYTES)}: the file is parsed now and the job queued (202, Location: the job).`,
      `A larger file (up to ${IMPORT_MAX_BYTES / 1024 / 1024} MiB and ${IMPORT_MAX_ROWS.toLocaleString('en')} rows): send \`size\` (and optionally \`sha256\`) instead; the answer (201) says where to PUT the chunks of ${kib(IMPORT_CHUNK_BYTES)}, then POST \`start\`.`,
      'A dry run (`dryRun: true`) checks every row as the real run would (the parser, the CCCD against birth date and gender, CCCDs held in other units) and writes no member. A real run creates or updates members by CCCD; importing the same file again changes nothing.',
      'A real run is refused (200, the job failed with `headerErrors`) while the header row has errors.',
    ].join('\n\n'),
    roles: [...IMPORTERS],
    idempotent: true,
    request: { params: unitIdParams, body: createImportBody },
    responses: {
      200: { description: 'Refused: the header row has errors; the job is failed', schema: importJobSchema },
      201: { description: 'Created: upload the chunks, then start', schema: importJobSchema, headers: ['Location'] },
      202: { description: 'Queued: poll the job', schema: importJobSchema, headers: ['Location'] },
      ...common,
      409: problem('The unit is dissolved'),
      422: problem('The file cannot be read, has too many rows, or the unit holds no members'),
    },
  }),
  defineRoute({
    operationId: 'putMemberImportChunk',
    method: 'PUT',
    path: '/v1/membership/imports/{id}/chunks/{index}',
    summary: 'Upload one chunk of an import’s file',
    description: `Chunk \`index\` (from 0) holds bytes [index × ${IMPORT_CHUNK_BYTES}, …) of the file, base64; every chunk but the last is exactly ${IMPORT_CHUNK_BYTES} bytes. Sending a chunk again replaces it.`,
    roles: [...IMPORTERS],
    request: { params: importChunkParams, body: importChunkBody },
    responses: {
      200: { description: 'Stored', schema: importChunkReceiptSchema },
      ...common,
      409: problem('The import no longer takes uploads'),
      422: problem('No such chunk index, or the chunk has the wrong size'),
    },
  }),
  defineRoute({
    operationId: 'startMemberImport',
    method: 'POST',
    path: '/v1/membership/imports/{id}/start',
    summary: 'Start an import once its chunks are uploaded',
    description:
      'Assembles and checks the file (every chunk present, the size, the SHA-256 if given), parses it and queues the job. Calling it again returns the job; a job that has stalled (no progress for a minute) is queued again and resumes where it stopped.',
    roles: [...IMPORTERS],
    request: { params: importIdParams },
    responses: {
      200: { description: 'The job, already started or refused', schema: importJobSchema },
      202: { description: 'Queued: poll the job', schema: importJobSchema, headers: ['Location'] },
      ...common,
      422: problem('Chunks are missing, the size or checksum does not match, or the file cannot be read'),
    },
  }),
  defineRoute({
    operationId: 'getMemberImport',
    method: 'GET',
    path: '/v1/membership/imports/{id}',
    summary: 'Read an import job: status, counts, header errors',
    description:
      'Poll it while `status` is `queued` or `running`. `counts.processed` of `counts.total` rows are done; in a dry run `created`, `updated` and `unchanged` say what a real run would do.',
    roles: [...IMPORTERS],
    request: { params: importIdParams },
    responses: { 200: { description: 'The job', schema: importJobSchema }, ...common },
  }),
  defineRoute({
    operationId: 'listMemberImportErrors',
    method: 'GET',
    path: '/v1/membership/imports/{id}/errors',
    summary: 'Every row’s errors of an import, by row then column',
    description:
      'In Vietnamese, or English with `Accept-Language: en`. Rows appear as the job reaches them. Header errors are on the job.',
    roles: [...IMPORTERS],
    request: { params: importIdParams, query: importErrorsQuery },
    responses: { 200: { description: 'A page of errors', schema: importErrorPage }, ...common },
  }),
  defineRoute({
    operationId: 'listUnitMemberImports',
    method: 'GET',
    path: '/v1/membership/units/{id}/imports',
    summary: 'A unit’s imports, newest first',
    roles: [...IMPORTERS],
    request: { params: unitIdParams, query: importListQuery },
    responses: { 200: { description: 'A page of jobs', schema: importJobPage }, ...common },
  }),
  defineRoute({
    operationId: 'exportUnitMembers',
    method: 'GET',
    path: '/v1/membership/units/{id}/members/export',
    summary: 'Export a unit’s members to .xlsx (danh sách đoàn viên)',
    description: `In Vietnamese name order and the import layout plus card number, join date and status, so it imports back. CCCD and dues salary are masked for roles that may not see them (and such a file cannot be imported back). By default the current members (applicants, active, suspended). ${DOWNLOAD}`,
    roles: [...READERS],
    request: { params: unitIdParams, query: memberExportQuery },
    responses: { 200: { description: 'The list', schema: fileDownloadSchema }, ...common },
  }),
] as const);

/** Background work of imports, run by subscriptions to the service's own events. */
export const importSubscriptions: SubscriptionDefinition[] = [
  {
    name: 'member-import',
    description:
      'Runs a member import job (dry run or real) in time-boxed slices, checkpointing every page of rows; resumes after a crash.',
    pattern: { source: [MemberImportRequested.source], 'detail-type': [MemberImportRequested.detailType] },
    handler: { file: 'imports', export: 'runMemberImport' },
  },
];
