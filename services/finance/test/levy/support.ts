import { randomUUID } from 'node:crypto';
import { tableEnvVar, type Unit } from '@congdoan/contracts';
import { type Db, systemContext, type WriteContext } from '@congdoan/ddb';
import { applyUnitSnapshot } from '@congdoan/org-directory';
import { freshTable } from '../../../../test/support/tables.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';
import type { LevyCaller } from '../../src/app/levy/ports.ts';
import { profileFromUnit } from '../../src/domain/unit-profile.ts';
import { buildLevyDeps } from '../../src/handlers/levy-deps.ts';

/** A fresh finance table with the levy area's ports over it (policy read fresh each time). */
export async function levyTable() {
  const db = await freshTable('finance');
  process.env[tableEnvVar('finance')] = db.tableName;
  return { db, deps: buildLevyDeps(db, { policyCacheMs: 0 }) };
}

const at = '2025-01-01T00:00:00.000Z';

export function unit(overrides: Partial<Unit> & Pick<Unit, 'level'>): Unit {
  return {
    id: randomUUID(),
    code: `U-${randomUUID().slice(0, 8).toUpperCase()}`,
    name: 'Đơn vị',
    parentId: null,
    agency: null,
    status: 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** Puts units in the organisation directory and in finance's unit profiles, as membership's events would. */
export async function register(db: Db, ...units: Unit[]) {
  const ctx = systemContext('test');
  const profiles = createUnitProfileStore(db);
  for (const u of units) {
    await applyUnitSnapshot(db, u, ctx);
    await profiles.upsertIfNewer(profileFromUnit(u), ctx);
  }
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
export function callerIn(
  unitId: string | null,
  now = new Date('2025-07-31T03:00:00.000Z'),
  id = 'accountant-1',
): LevyCaller {
  const write: WriteContext = {
    actor: { id, roles: ['accountant'], unitId },
    correlationId: randomUUID(),
    now: () => now,
    newId: randomUUID,
  };
  return { unitId, write };
}
