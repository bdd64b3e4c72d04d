import type { Unit } from '@congdoan/contracts';
import type { LevyCaller } from '../../src/app/levy/ports.ts';
import { buildFinanceDeps } from '../../src/handlers/deps.ts';
import { accountantIn } from '../support/callers.ts';
import { financeTable } from '../support/tables.ts';
import { unit } from '../support/units.ts';

/** A fresh finance table with the levy area's ports over it (policy read fresh each time). */
export async function levyTable() {
  const db = await financeTable();
  return { db, deps: buildFinanceDeps(db, { policyCacheMs: 0 }) };
}

/** Seed 001's upper level and CĐCS (packages/local/src/seed.ts), with fresh ids. */
export function bacGiangTree() {
  const province = unit({ level: 'province', code: 'LDLD-BG', name: 'Liên đoàn Lao động tỉnh Bắc Giang' });
  const upper = unit({
    level: 'upper',
    code: 'CDVC-BG',
    name: 'Công đoàn Viên chức tỉnh Bắc Giang',
    parentId: province.id,
  });
  const cdcs = (code: string, name: string, agency: Unit['agency']) =>
    unit({ level: 'grassroots', code, name, parentId: upper.id, agency });
  return {
    province,
    upper,
    lhhkhkt: cdcs('CDCS-LHHKHKT-BG', 'CĐCS Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', {
      name: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Giang',
      taxId: '2400312468',
      fundingType: 'state-budget-full',
    }),
    snv: cdcs('CDCS-SNV-BG', 'CĐCS Sở Nội vụ tỉnh Bắc Giang', {
      name: 'Sở Nội vụ tỉnh Bắc Giang',
      taxId: '2400127805',
      fundingType: 'state-budget-full',
    }),
    ttddtb: cdcs('CDCS-TTDDTB-LG', 'CĐCS Trung tâm Điều dưỡng thương binh Lạng Giang', {
      name: 'Trung tâm Điều dưỡng thương binh Lạng Giang',
      taxId: '2400284316',
      fundingType: 'state-budget-partial',
    }),
    bvdk: cdcs('CDCS-BVDK-BG', 'CĐCS Bệnh viện Đa khoa tỉnh Bắc Giang', {
      name: 'Bệnh viện Đa khoa tỉnh Bắc Giang',
      taxId: '2400119459',
      fundingType: 'self-funded',
    }),
    dptth: cdcs('CDCS-DPTTH-BG', 'CĐCS Đài Phát thanh và Truyền hình tỉnh Bắc Giang', {
      name: 'Đài Phát thanh và Truyền hình tỉnh Bắc Giang',
      taxId: '2400135172',
      fundingType: 'state-budget-partial',
    }),
  };
}

/** A caller acting in `unitId`'s subtree (null: the whole tree), on a fixed day. */
export const callerIn = (
  unitId: string | null,
  now: Date | string = '2025-07-31T03:00:00.000Z',
  id = 'accountant-1',
): LevyCaller => accountantIn(unitId, now, id);
