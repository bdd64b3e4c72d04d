import type { FileDownload, SubmitInitiativeInput } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { exportInitiatives } from '../../src/app/initiative-export.ts';
import {
  acceptInitiative,
  evaluateInitiative,
  getInitiative,
  markInitiativeSent,
  submitInitiative,
} from '../../src/app/initiatives.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { PORTAL_COLUMNS } from '../../src/files/initiative-xlsx.ts';
import { as, depsOn, member, outcome } from './world.ts';

/** The "1 triệu sáng kiến" portal's export of accepted initiatives, and marking the ones sent, on DynamoDB Local. */
const MEMBERS = [member('m-1', 'cdcs-a'), member('m-2', 'section-a'), member('m-b', 'cdcs-b')];
let db: Db;
let deps: EmulationDeps;
const NOW = new Date('2026-03-10T03:00:00Z');

const input = (unitId: string, title: string, authors: SubmitInitiativeInput['authors']): SubmitInitiativeInput => ({
  unitId,
  title,
  authors,
  field: 'Chuyển đổi số',
  description: 'Quét và tra cứu hồ sơ đoàn viên trên máy',
  appliedOn: '2025-03-01',
  benefit: { kind: 'value', dong: 45_000_000 },
});

async function accepted(i: SubmitInitiativeInput) {
  const by = as(i.unitId);
  const made = await submitInitiative(deps, by, i);
  await evaluateInitiative(deps, by, made.id, {
    scores: { newness: 80, feasibility: 75, effectiveness: 70 },
    on: '2025-06-01',
  });
  return acceptInitiative(deps, by, made.id, {
    scope: 'unit',
    recognition: { number: '5/QĐ-CĐCS', date: '2025-06-10' },
  });
}

/** The workbook's first sheet as rows of cell values (STT first). */
async function rowsOf(file: FileDownload): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

let shared: { id: string };
let ownA: { id: string };
let ofB: { id: string };

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
  shared = await accepted(
    input('cdcs-a', 'Số hóa hồ sơ đoàn viên', [
      { memberId: 'm-1', sharePercent: 70 },
      { memberId: 'm-2', sharePercent: 30 },
    ]),
  );
  ownA = await accepted(input('section-a', 'Sổ đoàn phí dùng chung', [{ memberId: 'm-2', sharePercent: 100 }]));
  ofB = await accepted(input('cdcs-b', 'Tủ sách công đoàn', [{ memberId: 'm-b', sharePercent: 100 }]));
  await submitInitiative(deps, as('cdcs-a'), input('cdcs-a', 'Chưa chấm', [{ memberId: 'm-1', sharePercent: 100 }]));
});

describe('marking an initiative sent to the portal', () => {
  it('records the day, who and the reference once; a second time is a conflict', async () => {
    const sent = await markInitiativeSent(deps, as('cdcs-a'), shared.id, {
      on: '2026-03-01',
      reference: 'SK-2026-0042',
    });
    expect(sent.sent).toEqual({ on: '2026-03-01', by: 'officer-1', reference: 'SK-2026-0042' });
    expect((await getInitiative(deps, { unitId: 'upper' }, shared.id)).sent).toEqual(sent.sent);
    expect(await outcome(markInitiativeSent(deps, as('cdcs-a'), shared.id, { on: '2026-03-02' }))).toBe(
      'conflict:initiative-already-sent',
    );
  });

  it('is for accepted initiatives, dated from the recognition to today, in the caller’s subtree', async () => {
    const submitted = await submitInitiative(
      deps,
      as('cdcs-a'),
      input('cdcs-a', 'Nộp thôi', [{ memberId: 'm-1', sharePercent: 100 }]),
    );
    expect(await outcome(markInitiativeSent(deps, as('cdcs-a'), submitted.id, { on: '2026-03-01' }))).toBe(
      'conflict:illegal-transition',
    );
    expect(await outcome(markInitiativeSent(deps, as('cdcs-b'), ofB.id, { on: '2025-06-09' }))).toBe(
      'unprocessable:date-out-of-range',
    );
    expect(await outcome(markInitiativeSent(deps, as('cdcs-b'), ofB.id, { on: '2026-03-11' }))).toBe(
      'unprocessable:date-out-of-range',
    );
    expect(await outcome(markInitiativeSent(deps, as('cdcs-a'), ofB.id, { on: '2026-03-01' }))).toBe(
      'not-found:not-found',
    );
  });
});

describe('the export in the portal’s layout', () => {
  it('lists every accepted initiative of the subtree with its authors’ names and shares, in the portal’s columns', async () => {
    const file = await exportInitiatives(deps, { unitId: 'upper' }, 'upper', {}, NOW);
    expect(file).toMatchObject({
      filename: 'sang-kien-2026-03-10.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const [header, ...rows] = await rowsOf(file);
    expect(header).toEqual(['STT', ...PORTAL_COLUMNS.map((c) => c.heading)]);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r[14]).sort()).toEqual([shared.id, ownA.id, ofB.id].sort());
    const row = rows.find((r) => r[14] === shared.id)!;
    expect(row).toEqual([
      expect.any(Number),
      'Số hóa hồ sơ đoàn viên',
      'Trần Văn m-1 (70%); Trần Văn m-2 (30%)',
      'Đơn vị cdcs-a',
      'Chuyển đổi số',
      'Quét và tra cứu hồ sơ đoàn viên trên máy',
      '01/03/2025',
      45_000_000,
      undefined,
      'Cơ sở',
      '5/QĐ-CĐCS',
      '10/06/2025',
      '01/03/2026',
      'SK-2026-0042',
      shared.id,
    ]);
  });

  it('gives only those not sent yet with sent=false, only those sent with sent=true', async () => {
    const unsent = await rowsOf(await exportInitiatives(deps, { unitId: 'upper' }, 'upper', { sent: 'false' }, NOW));
    expect(
      unsent
        .slice(1)
        .map((r) => r[14])
        .sort(),
    ).toEqual([ownA.id, ofB.id].sort());
    const sent = await exportInitiatives(deps, { unitId: 'upper' }, 'upper', { sent: 'true' }, NOW);
    expect(sent.filename).toBe('sang-kien-2026-03-10-da-gui.xlsx');
    expect((await rowsOf(sent)).slice(1).map((r) => r[14])).toEqual([shared.id]);
  });

  it('is of the unit named and those below it only, and hidden outside the caller’s subtree', async () => {
    const ofA = await rowsOf(await exportInitiatives(deps, { unitId: 'cdcs-a' }, 'cdcs-a', {}, NOW));
    expect(
      ofA
        .slice(1)
        .map((r) => r[14])
        .sort(),
    ).toEqual([shared.id, ownA.id].sort());
    expect(await outcome(exportInitiatives(deps, { unitId: 'cdcs-b' }, 'cdcs-a', {}, NOW))).toBe('not-found:not-found');
  });
});
