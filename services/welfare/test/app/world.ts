import { randomUUID } from 'node:crypto';
import { type DirectoryMember, DomainError, notFound, type UnitLevel } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { createBloodDriveStore } from '../../src/adapters/blood-drive-store.ts';
import { createCaseStore } from '../../src/adapters/case-store.ts';
import { createDriveStore } from '../../src/adapters/drive-store.ts';
import { createDuesStandings } from '../../src/adapters/dues-store.ts';
import { createFundStore } from '../../src/adapters/fund-store.ts';
import { createLoanStore } from '../../src/adapters/loan-store.ts';
import { createSavingsLists } from '../../src/adapters/savings-lists.ts';
import { createVisitStore } from '../../src/adapters/visit-store.ts';
import type { Caller, Units, WelfareDeps } from '../../src/app/ports.ts';

/**
 * The organisation tree the integration tests give welfare's use cases in memory (the
 * directories' projections have their own tests):
 *
 *   province ─ upper ─ cdcs-a
 *                    └ cdcs-b
 */
export const PARENT: Record<string, string | null> = {
  province: null,
  upper: 'province',
  'cdcs-a': 'upper',
  'cdcs-b': 'upper',
};
/** Each unit's level: a CĐCS is grassroots. */
export const LEVEL: Record<string, UnitLevel> = {
  province: 'province',
  upper: 'upper',
  'cdcs-a': 'grassroots',
  'cdcs-b': 'grassroots',
};
const within = (ancestor: string, unit: string) => {
  for (let u: string | null | undefined = unit; u; u = PARENT[u]) if (u === ancestor) return true;
  return false;
};
export const units: Units = {
  async assertInScope(caller, unitId) {
    if (!(unitId in PARENT) || (caller.unitId !== null && !within(caller.unitId, unitId)))
      throw notFound({ vi: 'đơn vị', en: 'unit' }, unitId);
  },
  async visible(caller, found, unitOf, what, id) {
    if (!found || (caller.unitId !== null && !within(caller.unitId, unitOf(found)))) throw notFound(what, id);
    return found;
  },
  isWithin: async (ancestor, unit) => within(ancestor, unit),
  async subtreeOf(unitId) {
    const found = [unitId];
    for (let level = [unitId]; level.length > 0; ) {
      level = Object.keys(PARENT)
        .filter((u) => level.includes(PARENT[u] ?? ''))
        .sort();
      found.push(...level);
    }
    return found.map((id) => ({ id, code: id.toUpperCase(), name: `Công đoàn ${id}` }));
  },
  levelOf: async (unitId) => LEVEL[unitId],
};

/** Members in memory, by id: one of each CĐCS. */
export const MEMBERS: Record<string, string> = { 'ha-a': 'cdcs-a', 'lan-b': 'cdcs-b' };

/** Welfare's deps on a table: the real fund store (a new one each call, as another Lambda instance would have). */
export const depsOn = (db: Db): WelfareDeps => ({
  units,
  members: {
    async get(caller, id) {
      const unitId = MEMBERS[id];
      if (!unitId || (caller.unitId !== null && !within(caller.unitId, unitId)))
        throw notFound({ vi: 'đoàn viên', en: 'member' }, id);
      return {
        id,
        fullName: `Đoàn viên ${id}`,
        gender: 'female',
        dateOfBirth: '1980-01-01',
        cardNumber: null,
        joinDate: '2005-01-01',
        unitId,
        status: 'active',
        history: [{ from: '2005-01-01', to: null, unitId, status: 'active' }],
        version: 1,
      } as DirectoryMember;
    },
  },
  funds: createFundStore(db),
  drives: createDriveStore(db),
  loans: createLoanStore(db),
  visits: createVisitStore(db),
  bloodDrives: createBloodDriveStore(db),
  savings: createSavingsLists(db),
  cases: createCaseStore(db),
  dues: createDuesStandings(db),
});

export const ctxAt = (iso: string, unitId: string | null = 'upper'): WriteContext => ({
  actor: { id: 'desk-1', roles: ['welfare-officer'], unitId },
  correlationId: randomUUID(),
  now: () => new Date(iso),
  newId: randomUUID,
});
export const callerAt = (iso: string, unitId: string | null = 'upper'): Caller => ({
  unitId,
  write: ctxAt(iso, unitId),
});

export const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? `${e.kind}:${e.code}` : `unexpected: ${String(e)}`),
  );
