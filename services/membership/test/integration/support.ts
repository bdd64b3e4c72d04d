import type { Db, WriteContext } from '@congdoan/ddb';
import { freshTable } from '../../../../test/support/tables.ts';
import { createChangeFeed } from '../../src/adapters/change-feed.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import type { FeedDeps } from '../../src/app/integration/feed.ts';
import type { MemberDeps } from '../../src/app/members/deps.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { writeContext } from '../support/members.ts';

export interface World {
  db: Db;
  deps: MemberDeps;
  feedDeps: FeedDeps;
  /** province → upper → (a, b); province → other upper → c */
  units: { province: string; upper: string; a: string; b: string; otherUpper: string; c: string };
}

const agency = (taxId: string) => ({ name: `Cơ quan ${taxId}`, taxId, fundingType: 'state-budget-partial' as const });

/** A fresh table with a small tree: two CĐCS under one upper level, one under another. */
export async function world(): Promise<World> {
  const db = await freshTable('membership');
  const deps: MemberDeps = { units: createUnitStore(db), members: createMemberStore(db) };
  const w = { unitId: null, write: writeContext() };
  const province = await createUnit(deps, w, { code: 'BG', name: 'LĐLĐ Bắc Giang', level: 'province' });
  const upper = await createUnit(deps, w, {
    code: 'CDVC',
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province.id,
  });
  const otherUpper = await createUnit(deps, w, {
    code: 'CDGD',
    name: 'CĐ ngành Giáo dục',
    level: 'upper',
    parentId: province.id,
  });
  const cdcs = (code: string, parentId: string, taxId: string) =>
    createUnit(deps, w, { code, name: `CĐCS ${code}`, level: 'grassroots', parentId, agency: agency(taxId) });
  const a = await cdcs('LHH', upper.id, '2400000001');
  const b = await cdcs('SNV', upper.id, '2400000002');
  const c = await cdcs('THPT', otherUpper.id, '2400000003');
  return {
    db,
    deps,
    feedDeps: { feed: createChangeFeed(db), units: deps.units },
    units: { province: province.id, upper: upper.id, a: a.id, b: b.id, otherUpper: otherUpper.id, c: c.id },
  };
}

/** A caller acting in `unitId`'s subtree (null: the whole tree) with the given clock. */
export const callerAt = (unitId: string | null, now?: Date): { unitId: string | null; write: WriteContext } => ({
  unitId,
  write: writeContext(now),
});
