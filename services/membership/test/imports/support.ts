import { randomInt } from 'node:crypto';
import type { BusEvent } from '@congdoan/contracts';
import { type Cell, HEADERS, type Header, rowCells, xlsxOf } from '../files/support.ts';

export { HEADERS, rowCells };

const firstBlock = randomInt(0, 1000);
let seriesIssued = 0;

/** A run of fresh CCCDs for women born 15/03/1985 in Bắc Giang (the default row), distinct across calls. */
export function cccdSeries(count: number): string[] {
  if (count > 1000) throw new Error('a series holds at most 1,000 CCCDs');
  // Consecutive blocks of 1,000 from a random start: distinct within a process, however many calls (a random block
  // per call collided often enough across a file's ~20 calls to fail a run now and then).
  const base = ((firstBlock + seriesIssued++) % 1000) * 1000;
  return Array.from({ length: count }, (_, i) => `024185${String(base + i).padStart(6, '0')}`);
}

/** A member list in the template's layout: the header, then one valid row per CCCD, each with its own name. */
export function listRows(
  cccds: readonly string[],
  overrides: (i: number) => Partial<Record<Header, Cell>> = () => ({}),
) {
  return [
    [...HEADERS] as Cell[],
    ...cccds.map((cccd, i) =>
      Object.values(rowCells({ 'Họ và tên': `Nguyễn Thị Số ${i + 1}`, 'Số CCCD': cccd, ...overrides(i) }, i + 1)),
    ),
  ];
}

export const xlsx = (rows: Cell[][]) => xlsxOf(rows, 'Danh sách đoàn viên');

/** The bus event the outbox would deliver for a job's slice. */
export function requestEvent(importId: string, unitId: string, slice = 0, dryRun = false): BusEvent {
  return {
    version: '0',
    id: `evt-${importId}-${slice}`,
    source: 'congdoan.membership',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'local',
    resources: [],
    'detail-type': 'MemberImportRequested',
    detail: {
      metadata: {
        eventId: `evt-${importId}-${slice}`,
        eventVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: 'test',
        actor: { id: 'importer', roles: ['officer'], unitId: null },
      },
      data: { importId, unitId, dryRun, slice },
    },
  };
}
