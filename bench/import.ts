/**
 * `npm run bench -- import`: member import throughput on DynamoDB Local, next to the
 * raw BatchWriteItem throughput of the same machine in the same run, and the DynamoDB
 * calls each member API request makes. bench/README.md says what each figure means.
 *
 *   BENCH_IMPORT_ROWS=10000        rows in the generated list
 *   BENCH_IMPORT_CONCURRENCY=8     rows in flight in the job, and BatchWriteItem calls in flight
 */
import { randomUUID } from 'node:crypto';
import { IMPORT_CHUNK_BYTES, type Member, roleScopes, tokenScope } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { buildEvent, lambdaContext, RouteTable } from '@congdoan/local';
import { cccdIndex, memberKey, unitMembersIndex } from '../services/membership/src/adapters/keys.ts';
import type { ImportDeps } from '../services/membership/src/app/imports/deps.ts';
import { createImport, putImportChunk, startImport } from '../services/membership/src/app/imports/jobs.ts';
import type { ImportJobState } from '../services/membership/src/app/imports/model.ts';
import { runImport } from '../services/membership/src/app/imports/run.ts';
import { createUnit } from '../services/membership/src/app/units/create-unit.ts';
import { centuryGenderDigit } from '../services/membership/src/domain/member/cccd.ts';
import { searchKey, vietnameseSortKey } from '../services/membership/src/domain/member/names.ts';
import { exportMembersXlsx } from '../services/membership/src/files/export.ts';
import { table } from './stats.ts';
import { batchWrite, byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 8);
const TABLE = 'bench-membership';

// ---------------------------------------------------------------------------
// A realistic list: Vietnamese names, both genders, ages 20–60, CCCDs that fit them.

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE_F = ['Thị', 'Thị Thu', 'Thị Hồng', 'Ngọc', 'Thị Minh'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu'];
const GIVEN_F = ['Hà', 'Lan', 'Mai', 'Hương', 'Nhung', 'Trang', 'Linh', 'Thảo', 'Yến', 'Hạnh'];
const GIVEN_M = ['Minh', 'Hùng', 'Dũng', 'Tuấn', 'Nam', 'Sơn', 'Long', 'Hải', 'Quân', 'Bình'];
const EDUCATION: Member['educationLevel'][] = ['master', 'bachelor', 'bachelor', 'bachelor', 'college', 'vocational'];
const CATEGORY: Member['employmentCategory'][] = [
  'public-employee',
  'public-employee',
  'civil-servant',
  'contract-worker',
];

/** Person `i` of the list, as a member record (the file is written by the export, which the import reads back). */
function person(i: number): Member {
  const female = i % 2 === 0;
  const year = 1966 + (i % 40);
  const dateOfBirth = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const gender = female ? 'female' : 'male';
  const at = '2026-11-01T00:00:00.000Z';
  return {
    id: `p${i}`,
    unitId: 'bench',
    status: 'applicant',
    accountSubject: null,
    fullName: `${FAMILY[i % FAMILY.length]} ${(female ? MIDDLE_F : MIDDLE_M)[i % 5]} ${(female ? GIVEN_F : GIVEN_M)[(i * 7) % 10]}`,
    gender,
    dateOfBirth,
    cccd: `024${centuryGenderDigit(year, gender)}${String(year).slice(2)}${String(i).padStart(6, '0')}`,
    ethnicity: i % 17 === 0 ? 'Tày' : 'Kinh',
    phone: `09${String(10_000_000 + i).slice(-8)}`,
    email: i % 4 === 0 ? `dv${i}@example.vn` : null,
    educationLevel: EDUCATION[i % EDUCATION.length]!,
    professionalQualification: i % 2 ? 'Sư phạm Toán' : 'Quản lý giáo dục',
    politicalTheoryLevel: i % 5 === 0 ? 'intermediate' : 'none',
    employmentCategory: CATEGORY[i % CATEGORY.length]!,
    jobTitle: 'Giáo viên',
    partyMember: i % 3 === 0,
    partyJoinDate: null,
    duesSalary: 4_000_000 + (i % 50) * 100_000,
    cardNumber: null,
    joinDate: null,
    applicationDate: '2026-11-01',
    admission: null,
    suspension: null,
    exit: null,
    masked: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const memberList = (rows: number) =>
  exportMembersXlsx(
    Array.from({ length: rows }, (_, i) => person(i)),
    {
      unitName: 'CĐCS Sở Giáo dục và Đào tạo',
      generatedAt: new Date().toISOString(),
    },
  );

// ---------------------------------------------------------------------------

const context = (): WriteContext => ({
  actor: { id: 'bench', roles: ['admin'], unitId: null },
  correlationId: randomUUID(),
  now: () => new Date(),
  newId: randomUUID,
});

interface Phase {
  label: string;
  rows: number;
  seconds: number;
  calls: Map<string, number>;
  job?: ImportJobState;
}

/** Upload in chunks, start (parse, store the rows, queue), then run the job as its subscription would. */
async function importPhase(
  deps: ImportDeps,
  unitId: string,
  file: Buffer,
  dryRun: boolean,
): Promise<{ prepare: Phase; run: Phase }> {
  const write = context();
  const caller = { unitId: null, write };
  let before = snapshot();
  let started = performance.now();
  const created = await createImport(deps, caller, unitId, {
    filename: 'bench.xlsx',
    format: 'xlsx',
    dryRun,
    size: file.length,
  });
  for (let i = 0; i * IMPORT_CHUNK_BYTES < file.length; i++) {
    const chunk = file.subarray(i * IMPORT_CHUNK_BYTES, (i + 1) * IMPORT_CHUNK_BYTES);
    await putImportChunk(deps, caller, created.id, i, chunk.toString('base64'));
  }
  const queued = await startImport(deps, caller, created.id);
  const prepare: Phase = {
    label: 'upload + start',
    rows: ROWS,
    seconds: (performance.now() - started) / 1000,
    calls: since(before),
  };

  before = snapshot();
  started = performance.now();
  let job = queued;
  while (job.status === 'queued' || job.status === 'running') {
    await runImport(deps, { importId: job.id, slice: job.slice }, write, { concurrency: CONCURRENCY });
    job = (await deps.imports.get(job.id))!;
  }
  const run: Phase = {
    label: '',
    rows: ROWS,
    seconds: (performance.now() - started) / 1000,
    calls: since(before),
    job,
  };
  return { prepare, run };
}

/** 10,000 member-shaped items (same attributes and index keys), 25 per BatchWriteItem, CONCURRENCY calls in flight. */
async function rawBatchWrite(db: Db, count: number): Promise<Phase> {
  const items = Array.from({ length: count }, (_, i) => {
    const { masked: _masked, ...m } = person(i);
    const id = randomUUID();
    const sortKey = vietnameseSortKey(m.fullName);
    const at = new Date().toISOString();
    return {
      ...memberKey(id),
      kind: 'member',
      ...m,
      id,
      unitId: 'bench-raw',
      status: 'active',
      cardNumber: `2026${String(i + 1).padStart(6, '0')}`,
      joinDate: '2026-11-22',
      admission: { decisionNumber: 'nhập từ tệp bench.xlsx', decisionDate: '2026-11-22' },
      version: 2,
      createdAt: at,
      updatedAt: at,
      counted: { total: 1, [`gender:${m.gender}`]: 1, [`edu:${m.educationLevel}`]: 1, [`born:${m.dateOfBirth}`]: 1 },
      sortKey,
      searchKey: searchKey(m.fullName),
      ...unitMembersIndex('bench-raw', 'active', sortKey, id),
      ...cccdIndex(m.cccd, id),
    };
  });
  const before = snapshot();
  const started = performance.now();
  await batchWrite(db, items, CONCURRENCY);
  return {
    label: 'raw BatchWriteItem',
    rows: count,
    seconds: (performance.now() - started) / 1000,
    calls: since(before),
  };
}

// ---------------------------------------------------------------------------
// The member API, in-process: the real HTTP handler with API Gateway events.

type HttpHandler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;

async function apiCalls(
  handler: HttpHandler,
  unitId: string,
  memberId: string,
  cccd: string,
  cardNumber: string,
  scopes: { label: string; unitId: string }[],
) {
  const { MANIFESTS } = await import('@congdoan/registry');
  const routes = new RouteTable(MANIFESTS.filter((m) => m.service === 'membership'));
  // An admin's token carries the scopes of the routes their role may call.
  const adminScopes = roleScopes(MANIFESTS, ['admin']).map(tokenScope).join(' ');
  const request = async (
    scope: string,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown>; calls: Map<string, number> }> => {
    const path = url.split('?')[0]!;
    const match = routes.match(method, path);
    if (match.kind !== 'found') throw new Error(`no route for ${method} ${path}`);
    const raw = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
    const rawHeaders = Object.entries({
      host: 'bench',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    }).flat();
    const event = buildEvent({
      request: { method, url, rawHeaders, body: raw, sourceIp: '127.0.0.1', httpVersion: '1.1' },
      routeKey: match.route.routeKey,
      pathParameters: match.pathParameters,
      claims: {
        sub: 'bench',
        'cognito:groups': '[admin]',
        unit_id: scope,
        username: 'bench',
        token_use: 'access',
        scope: adminScopes,
      },
      requestId: randomUUID(),
    });
    const before = snapshot();
    const res = await handler(event, lambdaContext('membership-http', 10_000));
    const out = since(before);
    if (res.statusCode >= 400) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : {}, calls: out };
  };

  const rows: { request: string; scope: string; calls: Map<string, number> }[] = [];
  const person = (n: number) => ({
    fullName: 'Lê Thị Bench',
    gender: 'female',
    dateOfBirth: '1990-06-15',
    cccd: `024190${String(900_000 + n).padStart(6, '0')}`,
    educationLevel: 'bachelor',
    employmentCategory: 'public-employee',
    duesSalary: 5_000_000,
  });
  let n = 0;
  for (const scope of scopes) {
    const record = (request: string, calls: Map<string, number>) => rows.push({ request, scope: scope.label, calls });
    const s = scope.unitId;
    record('list (50 members)', (await request(s, 'GET', `/v1/membership/units/${unitId}/members?limit=50`)).calls);
    record(
      'list, filtered (women, Party)',
      (await request(s, 'GET', `/v1/membership/units/${unitId}/members?limit=50&gender=female&partyMember=true`)).calls,
    );
    record('read member', (await request(s, 'GET', `/v1/membership/members/${memberId}`)).calls);
    record('find by CCCD', (await request(s, 'GET', `/v1/membership/members/by-cccd/${cccd}`)).calls);
    record('find by card', (await request(s, 'GET', `/v1/membership/members/by-card/${cardNumber}`)).calls);
    const applied = await request(s, 'POST', `/v1/membership/units/${unitId}/members`, {
      ...person(++n),
      applicationDate: '2026-11-01',
    });
    record('apply (create)', applied.calls);
    const id = String(applied.body.id);
    const admitted = await request(
      s,
      'POST',
      `/v1/membership/members/${id}/admit`,
      { decisionNumber: `${n}/QĐ`, decisionDate: '2026-11-20' },
      { 'if-match': 'W/"1"' },
    );
    record('admit', admitted.calls);
    record(
      'update (PATCH)',
      (
        await request(
          s,
          'PATCH',
          `/v1/membership/members/${id}`,
          { duesSalary: 5_500_000 },
          { 'if-match': `W/"${admitted.body.version}"` },
        )
      ).calls,
    );
  }
  return rows;
}

// ---------------------------------------------------------------------------

const perSecond = (p: Phase) => p.rows / p.seconds;
const fmtRate = (n: number) => `${Math.round(n).toLocaleString('en')} /s`;
export async function importBench(): Promise<void> {
  const started = performance.now();
  await onDynamoDbLocal('membership', TABLE, 'local', async (db) => {
    // The same composition as the Lambda: adapters over the one shared client.
    const { importDeps } = await import('../services/membership/src/handlers/imports.ts');
    const deps = importDeps();
    const w = { unitId: null, write: context() };
    const province = await createUnit(deps, w, { code: 'BG', name: 'LĐLĐ tỉnh Bắc Giang', level: 'province' });
    const upper = await createUnit(deps, w, {
      code: 'CDVC-BG',
      name: 'Công đoàn Viên chức tỉnh',
      level: 'upper',
      parentId: province.id,
    });
    const unit = await createUnit(deps, w, {
      code: 'CDCS-BENCH',
      name: 'CĐCS Sở Giáo dục và Đào tạo',
      level: 'grassroots',
      parentId: upper.id,
      agency: { name: 'Sở Giáo dục và Đào tạo', taxId: '2400100200', fundingType: 'state-budget-full' },
    });

    const file = await memberList(ROWS);
    console.log(
      `\nMember import on DynamoDB Local (in memory), ${ROWS.toLocaleString('en')} rows, ${(file.length / 1024).toFixed(0)} KiB .xlsx, ${CONCURRENCY} rows in flight, node ${process.version}\n`,
    );

    const dry = await importPhase(deps, unit.id, file, true);
    dry.run.label = 'dry run (all would be created)';
    const real = await importPhase(deps, unit.id, file, false);
    real.run.label = 'import (all created)';
    const again = await importPhase(deps, unit.id, file, false);
    again.run.label = 're-import (all unchanged)';
    for (const phase of [dry.run, real.run, again.run]) {
      const c = phase.job!.counts;
      if (c.failed > 0 || c.processed !== ROWS) throw new Error(`${phase.label}: ${JSON.stringify(c)}`);
    }
    const raw = await rawBatchWrite(db, ROWS);
    const rawRate = perSecond(raw);

    console.log(
      table([
        ['phase', 'seconds', 'rows/s', 'vs raw writes', 'DynamoDB calls'],
        ...[real.prepare, dry.run, real.run, again.run].map((p) => [
          p.label,
          p.seconds.toFixed(1),
          fmtRate(perSecond(p)),
          p === real.prepare ? '' : `${((perSecond(p) / rawRate) * 100).toFixed(1)} %`,
          p === real.prepare ? `in all: ${byOperation(p.calls)}` : `per row: ${byOperation(p.calls, p.rows)}`,
        ]),
        [
          `${raw.label} (items)`,
          raw.seconds.toFixed(1),
          fmtRate(rawRate),
          '100 %',
          `per item: BatchWriteItem ${(total(raw.calls) / raw.rows).toFixed(2)}`,
        ],
      ]),
    );
    console.log(
      `\nThe figure: an import writes ${(perSecond(real.run) / rawRate).toFixed(3)} × as many members per second as raw BatchWriteItem writes items (1 : ${(rawRate / perSecond(real.run)).toFixed(0)}).`,
    );

    // The member API: the unit now holds the imported members.
    const { handler } = await import('../services/membership/src/handlers/http.ts');
    const list = await deps.members.listByUnit(unit.id, {}, { limit: 1 });
    const sample = list.items[0]!;
    const api = await apiCalls(handler as unknown as HttpHandler, unit.id, sample.id, sample.cccd, sample.cardNumber!, [
      { label: 'whole tree (*)', unitId: '*' },
      { label: 'the province', unitId: province.id },
      { label: 'the CĐCS', unitId: unit.id },
    ]);
    console.log(
      `\nDynamoDB calls per member API request (the HTTP handler in-process; a unit of ${ROWS.toLocaleString('en')} members, two levels below the province)\n`,
    );
    console.log(
      table([
        ['request', 'caller scope', 'calls', 'by operation'],
        ...api.map((r) => [r.request, r.scope, String(total(r.calls)), byOperation(r.calls)]),
      ]),
    );
    console.log(`\nimport bench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}
