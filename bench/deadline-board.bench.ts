/**
 * `npm run bench -- deadline-board`: what a page of the case deadline board
 * (`GET /v1/inspection/units/{id}/deadlines`) costs in DynamoDB calls and items read, with
 * 1,000 and then 10,000 open cases in a province, on DynamoDB Local. The board is an index on
 * the deadline (each open deadline indexed under every unit of its handling unit's chain), not
 * a filter, so a page must cost the same whatever the number of open cases. The cases and the
 * organisation directory are written straight into inspection's items with the store's own
 * builders (BatchWriteItem); the board is read through the real use case and adapters (the
 * case store, the directory's scope walk). bench/README.md says what each figure means.
 *
 *   BENCH_BOARD_SIZES=1000,10000   open cases, in order (each adds cases to the last)
 */
import { InMemoryNoticeStore, loadCalendar } from '@congdoan/calendar';
import type { Case } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { boardItems, caseItem, createCaseStore } from '../services/inspection/src/adapters/case-store.ts';
import { directoryUnits } from '../services/inspection/src/adapters/directory.ts';
import { deadlineBoard } from '../services/inspection/src/app/cases.ts';
import type { InspectionDeps } from '../services/inspection/src/app/ports.ts';
import { intakeDeadlines } from '../services/inspection/src/domain/case.ts';
import { casePolicyOn } from '../services/inspection/src/domain/case-policy.ts';
import { table } from './stats.ts';
import { batchWrite, byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const SIZES = (process.env.BENCH_BOARD_SIZES ?? '1000,10000').split(',').map(Number);
const UPPERS = 10;
const CDCS_PER_UPPER = 20;
/** Cases are received over this many days before NOW, so some deadlines are past, some near, most far. */
const SPREAD_DAYS = 400;
const NOW = new Date('2026-11-02T03:00:00Z');
const PAGES = 3;
const PAGE_SIZES = [25, 100];

const unitItem = (id: string, parentId: string | null, level: string, n: number) => ({
  pk: `ORG#${id}`,
  sk: 'UNIT',
  kind: 'org-unit',
  id,
  parentId,
  code: `B-${id}`,
  name: `Đơn vị ${n}`,
  level,
  status: 'active',
  version: 1,
  gsi1pk: `ORG_CHILDREN#${parentId ?? 'ROOT'}`,
  gsi1sk: `active#B-${id}`,
});

const cdcsOf = (i: number) => `cdcs-${i % (UPPERS * CDCS_PER_UPPER)}`;
const upperOf = (cdcs: string) => `upper-${Math.floor(Number(cdcs.slice(5)) / CDCS_PER_UPPER)}`;

/** Items read by the Queries (ScannedCount), counted on the client every adapter shares. */
let itemsRead = 0;
function countItemsRead(db: Db) {
  db.raw.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const scanned = (out.output as { ScannedCount?: number }).ScannedCount;
      if (typeof scanned === 'number') itemsRead += scanned;
      return out;
    },
    { step: 'initialize', name: 'benchItemsRead' },
  );
}

export async function deadlineBoardBench(): Promise<void> {
  await onDynamoDbLocal('inspection', 'bench-inspection', 'ap-southeast-1', async (db) => {
    countItemsRead(db);
    const calendar = await loadCalendar(new InMemoryNoticeStore());
    const policy = casePolicyOn('2026-01-01');
    const units = directoryUnits(db);
    const deps = {
      units,
      cases: createCaseStore(db),
      calendar: { current: async () => calendar },
    } as unknown as InspectionDeps;

    const tree = [unitItem('province', null, 'province', 0)];
    for (let u = 0; u < UPPERS; u++) tree.push(unitItem(`upper-${u}`, 'province', 'upper', u));
    for (let c = 0; c < UPPERS * CDCS_PER_UPPER; c++) {
      tree.push(unitItem(`cdcs-${c}`, upperOf(`cdcs-${c}`), 'grassroots', c));
    }
    await batchWrite(db, tree, 8);

    const rows: string[][] = [];
    let created = 0;
    let open = 0;
    for (const size of SIZES) {
      const started = performance.now();
      const items: Record<string, unknown>[] = [];
      for (; created < size; created++) {
        const handlingUnitId = cdcsOf(created);
        const day = new Date(NOW.getTime() - ((created * 7919) % SPREAD_DAYS) * 86_400_000).toISOString().slice(0, 10);
        const facts = { class: 'denunciation' as const, receivedOn: day };
        const c: Case = {
          id: `case-${String(created).padStart(6, '0')}`,
          class: 'denunciation',
          channel: 'post',
          receivedOn: day,
          handlingUnitId,
          person: { withheld: true },
          subject: { kind: 'unit', unitId: handlingUnitId },
          content: 'Nội dung',
          complexity: 'normal',
          remoteArea: false,
          knewOn: null,
          congress: null,
          contests: null,
          stage: 'received',
          assignees: [],
          extensions: [],
          deadlines: intakeDeadlines(calendar, facts, policy),
          acceptedOn: null,
          closedOn: null,
          resolvedOnTime: null,
          proceedingOpen: false,
          steps: [],
          version: 1,
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        };
        const chain = [handlingUnitId, upperOf(handlingUnitId), 'province'];
        items.push(caseItem(c), ...c.deadlines.flatMap((d) => boardItems(c, d, chain)));
        open += c.deadlines.length;
      }
      await batchWrite(db, items, 8);
      console.log(
        `seeded ${size.toLocaleString('en')} open cases (${items.length.toLocaleString('en')} items) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );

      for (const [label, unitId] of [
        ['province', 'province'],
        ['one upper level', 'upper-3'],
        ['one CĐCS', 'cdcs-42'],
      ] as const) {
        for (const limit of PAGE_SIZES) {
          // One unmeasured read warms the JIT and DynamoDB Local.
          await deadlineBoard(deps, { unitId: null }, unitId, { limit }, NOW);
          const before = snapshot();
          const readBefore = itemsRead;
          let cursor: string | undefined;
          let returned = 0;
          let pages = 0;
          for (; pages < PAGES; pages++) {
            const page = await deadlineBoard(deps, { unitId: null }, unitId, { limit, cursor }, NOW);
            returned += page.items.length;
            if (!page.nextCursor) {
              pages += 1;
              break;
            }
            cursor = page.nextCursor;
          }
          const calls = since(before);
          rows.push([
            size.toLocaleString('en'),
            open.toLocaleString('en'),
            label,
            String(limit),
            String(pages),
            (returned / pages).toFixed(1),
            (total(calls) / pages).toFixed(2),
            byOperation(calls, pages, 2),
            ((itemsRead - readBefore) / pages).toFixed(1),
          ]);
        }
      }
    }
    console.log(
      `\nDeadline board on ${NOW.toISOString().slice(0, 10)}: overdue and due within 5 working days, ${PAGES} pages read per row (DynamoDB Local, in memory; ${UPPERS} upper levels × ${CDCS_PER_UPPER} CĐCS)\n`,
    );
    console.log(
      table([
        [
          'open cases',
          'open deadlines',
          'board of',
          'page size',
          'pages',
          'entries/page',
          'calls/page',
          'calls by operation, per page',
          'items read/page',
        ],
        ...rows,
      ]),
    );
  });
}
