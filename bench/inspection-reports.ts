/**
 * `npm run bench -- inspection-reports`: what inspection's reports cost on DynamoDB Local. The
 * annual report of a unit whose committee decided 1,000 inspections in the year (3 findings and
 * 2 recommendations each, a 500-item plan, 100 discipline decisions), and the UBKT warning list
 * of an upper level with 200 CĐCS (most with a UBKT member in office). The data is written
 * straight into the stores' items (BatchWriteItem, each store's own keys) and the directories'
 * projections; the reports run through the real use cases and adapters. bench/README.md says
 * what each figure means.
 *
 *   BENCH_REPORT_INSPECTIONS=1000   inspections of the year
 *   BENCH_WARNING_CDCS=200          CĐCS under the upper level of the warning list
 */
import { randomUUID } from 'node:crypto';
import { type Inspection, type Recommendation, type Unit, XLSX_CONTENT_TYPE } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { applyMemberFacts, factsFromEvent } from '@congdoan/member-directory';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import { directoryUnits } from '../services/inspection/src/adapters/directory.ts';
import { inspectionKey, issuedDisciplineKey, unitInspectionsIndex } from '../services/inspection/src/adapters/keys.ts';
import { createPlanStore } from '../services/inspection/src/adapters/plan-store.ts';
import { recommendationItem } from '../services/inspection/src/adapters/recommendation-store.ts';
import { createSeatStore } from '../services/inspection/src/adapters/seat-store.ts';
import type { InspectionDeps } from '../services/inspection/src/app/ports.ts';
import { annualReport, annualReportExport, ubktWarnings } from '../services/inspection/src/app/reports.ts';
import { caseFiguresOf, depsOn } from '../services/inspection/test/app/world.ts';
import { admittedMember, unitState } from '../test/support/states.ts';
import { table } from './stats.ts';
import { batchWrite, byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const INSPECTIONS = Number(process.env.BENCH_REPORT_INSPECTIONS ?? 1000);
const CDCS = Number(process.env.BENCH_WARNING_CDCS ?? 200);
const YEAR = 2026;
const NOW = new Date('2026-12-05T03:00:00Z');
const STAMP = '2026-01-01T00:00:00.000Z';

/** The DynamoDB size of an item, roughly: its JSON (names and values), as DynamoDB counts bytes. */
const sizeOf = (item: unknown) => Buffer.byteLength(JSON.stringify(item));
/** Eventually consistent read units of `bytes` read by one Query (4 KB a half unit, summed over the page). */
const queryRcu = (bytes: number) => Math.ceil(bytes / 4096) / 2;

const unit = (id: string, parentId: string | null, level: Unit['level']): Unit =>
  unitState({ id, parentId, level, code: id.toUpperCase(), name: `Đơn vị ${id}` });

function inspection(n: number): { item: Record<string, unknown>; recs: Recommendation[] } {
  const id = randomUUID();
  const date = `${YEAR}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
  const recs: Recommendation[] = [0, 1].map((k) => ({
    id: randomUUID(),
    inspectionId: id,
    unitId: 'upper',
    inspectedUnitId: `cdcs-${n % 50}`,
    owner: { kind: 'unit', unitId: `cdcs-${n % 50}` },
    content: 'Khắc phục các tồn tại đã nêu trong kết luận kiểm tra, báo cáo kết quả về UBKT cấp trên.',
    deadline: k === 0 ? `${YEAR}-06-30` : `${YEAR + 1}-03-31`,
    status: n % 3 === 0 ? 'done' : 'open',
    overdueSince: null,
    notes: [],
    version: 1,
    createdAt: STAMP,
    updatedAt: STAMP,
  }));
  const i: Inspection = {
    id,
    unitId: 'upper',
    targetUnitId: `cdcs-${n % 50}`,
    type: (['charter-compliance', 'signs-of-violation', 'finance', 'supervision'] as const)[n % 4]!,
    stage: n % 5 === 0 ? 'fieldwork' : 'recommended',
    decision: {
      number: `${n}/QĐ-UBKT`,
      date,
      scope: 'Việc chấp hành Điều lệ Công đoàn Việt Nam, thu, chi, quản lý tài chính, tài sản công đoàn',
      period: { from: `${YEAR - 1}-01-01`, to: `${YEAR - 1}-12-31` },
    },
    planItem: null,
    basis: null,
    team: [{ memberId: 'inspector', fullName: 'Trần Văn Kiểm', role: 'lead', basis: 'ubkt' }],
    fieldwork: { from: date, to: date, note: null },
    findings: (['minor', 'moderate', 'serious'] as const).map((severity, k) => ({
      id: randomUUID(),
      severity,
      description: 'Chưa mở sổ theo dõi thu, chi đoàn phí theo mẫu; chứng từ chi thiếu chữ ký người nhận.',
      amount: k === 0 ? null : 1_250_000 * (k + 1),
    })),
    conclusion: n % 5 === 0 ? null : { number: `${n}/KL`, date, summary: 'Kết luận kiểm tra.' },
    recommendationIds: recs.map((r) => r.id),
    financePicture: null,
    version: 6,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
  return {
    item: { ...inspectionKey(id), kind: 'inspection', ...unitInspectionsIndex('upper', date, id), ...i },
    recs,
  };
}

/** Inspection's deps on the bench table: the real stores and directories; no case was received. */
const depsOf = (db: Db): InspectionDeps => ({
  ...depsOn(db, [], caseFiguresOf()),
  units: directoryUnits(db),
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; calls: Map<string, number> }> {
  const before = snapshot();
  const t = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t, calls: since(before) };
}

async function reportBench(db: Db, deps: InspectionDeps): Promise<string[][]> {
  const ctx = systemContext('bench');
  for (const u of [unit('province', null, 'province'), unit('upper', 'province', 'upper')]) {
    await applyUnitSnapshot(db, u, ctx);
  }
  const seeded = Array.from({ length: INSPECTIONS }, (_, n) => inspection(n));
  await batchWrite(
    db,
    seeded.map((s) => s.item),
    8,
  );
  const recs = seeded.flatMap((s) => s.recs);
  await batchWrite(db, recs.map(recommendationItem), 8);
  await createPlanStore(db).create(
    {
      id: randomUUID(),
      unitId: 'upper',
      year: YEAR,
      title: 'Kế hoạch kiểm tra, giám sát',
      status: 'approved',
      approval: { decisionNumber: '1/KH', date: `${YEAR}-01-05`, by: 'bench' },
      items: Array.from({ length: 500 }, (_, n) => ({
        id: randomUUID(),
        type: 'supervision' as const,
        target: { kind: 'agency' as const, taxId: `24${String(n).padStart(8, '0')}`, name: `Công ty ${n}` },
        plannedMonth: `${YEAR}-${String((n % 12) + 1).padStart(2, '0')}`,
        note: null,
        done: n % 2 === 0 ? { on: `${YEAR}-06-01`, inspectionId: null } : null,
      })),
      version: 1,
      createdAt: STAMP,
      updatedAt: STAMP,
    },
    ctx,
  );
  await batchWrite(
    db,
    Array.from({ length: 100 }, (_, n) => {
      const id = randomUUID();
      return {
        ...issuedDisciplineKey('upper', 'decided', `${YEAR}-03-${String((n % 28) + 1).padStart(2, '0')}`, id),
        kind: 'discipline-milestone',
        disciplineId: id,
        form: n % 2 === 0 ? 'reprimand' : 'warning',
        milestone: 'decided',
        day: `${YEAR}-03-01`,
      };
    }),
    8,
  );

  const inspectionBytes = seeded.reduce((s, x) => s + sizeOf(x.item), 0);
  const recBytes = recs.reduce((s, r) => s + sizeOf(recommendationItem(r)), 0);
  // BatchGetItem reads each item whole, rounded up to 4 KB, eventually consistent by default.
  const recRcu = recs.reduce((s, r) => s + Math.ceil(sizeOf(recommendationItem(r)) / 4096) / 2, 0);

  const json = await timed(() => annualReport(deps, { unitId: null }, 'upper', YEAR, NOW));
  if (json.value.inspections.total.decided !== INSPECTIONS)
    throw new Error('the report did not count every inspection');
  const xlsx = await timed(() => annualReportExport(deps, { unitId: null }, 'upper', YEAR, NOW));
  if (xlsx.value.contentType !== XLSX_CONTENT_TYPE) throw new Error('not an .xlsx');
  return [
    ['annual report', 'inspections', 'calls', 'by operation', 'items read', 'KB read', '≈ RCU', 'ms'],
    [
      'JSON',
      String(INSPECTIONS),
      String(total(json.calls)),
      byOperation(json.calls),
      String(INSPECTIONS + recs.length),
      String(Math.round((inspectionBytes + recBytes) / 1024)),
      String(queryRcu(inspectionBytes) + recRcu),
      json.ms.toFixed(0),
    ],
    [
      `.xlsx (${Math.round(xlsx.value.size / 1024)} KB)`,
      String(INSPECTIONS),
      String(total(xlsx.calls)),
      byOperation(xlsx.calls),
      '',
      '',
      '',
      xlsx.ms.toFixed(0),
    ],
  ];
}

async function warningBench(db: Db, deps: InspectionDeps): Promise<string[][]> {
  const ctx = systemContext('bench');
  await applyUnitSnapshot(db, unit('upper2', 'province', 'upper'), ctx);
  let listedExpected = 0;
  for (let n = 0; n < CDCS; n++) {
    const id = `w-${n}`;
    await applyUnitSnapshot(db, { ...unit(id, 'upper2', 'grassroots'), code: `W${String(n).padStart(4, '0')}` }, ctx);
    // Seven in ten have a UBKT member in office; of the rest, half have 30 members, half 10.
    if (n % 10 < 7) {
      await createSeatStore(db).record({
        memberId: `seat-${n}`,
        appointmentId: `appt-${n}`,
        unitId: id,
        from: '2023-05-10',
        to: null,
        version: 1,
      });
      continue;
    }
    const members = n % 2 === 0 ? 30 : 10;
    if (members >= 30) listedExpected++;
    for (let k = 0; k < members; k++) {
      const member = admittedMember(id, '2020-01-15');
      await applyMemberFacts(db, factsFromEvent('admitted', { member }, '2020-01-15T03:00:00Z'), ctx);
    }
  }
  const run = await timed(() => ubktWarnings(deps, { unitId: null }, 'upper2', NOW));
  if (run.value.items.length !== listedExpected)
    throw new Error(`listed ${run.value.items.length}, expected ${listedExpected}`);
  return [
    ['UBKT warning list', 'CĐCS', 'listed', 'calls', 'by operation', 'calls per CĐCS', 'ms'],
    [
      'an upper level',
      String(CDCS),
      String(run.value.items.length),
      String(total(run.calls)),
      byOperation(run.calls),
      (total(run.calls) / CDCS).toFixed(2),
      run.ms.toFixed(0),
    ],
  ];
}

export async function inspectionReportsBench(): Promise<void> {
  await onDynamoDbLocal('inspection', 'bench-inspection', 'ap-southeast-1', async (db) => {
    const deps = depsOf(db);
    console.log(`\n${table(await reportBench(db, deps))}\n`);
    console.log(`${table(await warningBench(db, deps))}\n`);
  });
}
