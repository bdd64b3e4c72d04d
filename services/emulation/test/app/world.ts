import { randomUUID } from 'node:crypto';
import { type DirectoryMember, DomainError, notFound, type UnitLevel } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { createBaseSalaries } from '../../src/adapters/base-salary-store.ts';
import { createBlocStore } from '../../src/adapters/bloc-store.ts';
import { createInitiativeStore } from '../../src/adapters/initiative-store.ts';
import { createUnitMergers } from '../../src/adapters/merger-store.ts';
import { createMovementStore, createRegistrationStore } from '../../src/adapters/movement-store.ts';
import { createAwardStore, createNominationStore, createQuotaStore } from '../../src/adapters/nomination-store.ts';
import { createPolicyVersions, createRatingCriteriaStore } from '../../src/adapters/policy-store.ts';
import { createRatingStore } from '../../src/adapters/rating-store.ts';
import { createHonourRolls, createStatsStore } from '../../src/adapters/stats-store.ts';
import { createSubjectRecords } from '../../src/adapters/subject-records.ts';
import type { Units } from '../../src/app/movement-ports.ts';
import type { Caller, EmulationDeps } from '../../src/app/ports.ts';

/**
 * The organisation tree and member directory the integration tests give emulation's use cases
 * in memory (the directories have their own tests):
 *
 *   province ─ upper ─ cdcs-a ─ section-a
 *                    └ cdcs-b
 */
export const PARENT: Record<string, string | null> = {
  province: null,
  upper: 'province',
  'cdcs-a': 'upper',
  'section-a': 'cdcs-a',
  'cdcs-b': 'upper',
};
/** Each unit's level in the tree. */
export const LEVEL: Record<string, UnitLevel> = {
  province: 'province',
  upper: 'upper',
  'cdcs-a': 'grassroots',
  'section-a': 'section',
  'cdcs-b': 'grassroots',
};
export const within = (ancestor: string, unit: string) => {
  for (let u: string | null | undefined = unit; u; u = PARENT[u]) if (u === ancestor) return true;
  return false;
};
/** Founding and last merger days the rating tests give units (membership's); absent: not known. */
export const OPERATION: Record<string, { foundedOn: string | null; lastMergerOn: string | null }> = {};
export const units: Units = {
  async assertInScope(caller, unitId) {
    if (!(unitId in PARENT) || (caller.unitId !== null && !within(caller.unitId, unitId)))
      throw notFound({ vi: 'đơn vị', en: 'unit' }, unitId);
  },
  isWithin: async (a, u) => within(a, u),
  nameOf: async (unitId) => (unitId in PARENT ? `Đơn vị ${unitId}` : undefined),
  async chain(unitId) {
    const chain: string[] = [];
    for (let u: string | null | undefined = unitId; u; u = PARENT[u]) chain.push(u);
    return chain;
  },
  operationOf: async (unitId) =>
    unitId in PARENT ? (OPERATION[unitId] ?? { foundedOn: null, lastMergerOn: null }) : undefined,
  childrenOf: async (unitId) =>
    Object.entries(PARENT)
      .filter(([, parent]) => parent === unitId)
      .map(([id]) => ({ id, name: `Đơn vị ${id}` })),
  levelOf: async (unitId) => LEVEL[unitId],
  subtree: async (unitId) => Object.keys(PARENT).filter((u) => within(unitId, u)),
  async visible(caller, found, unitOf, what, id) {
    if (!found || (caller.unitId !== null && !within(caller.unitId, unitOf(found)))) throw notFound(what, id);
    return found;
  },
};
export const member = (id: string, unitId: string, from = '2005-01-01'): DirectoryMember =>
  ({
    id,
    fullName: `Trần Văn ${id}`,
    gender: 'male',
    dateOfBirth: '1980-01-01',
    cardNumber: null,
    joinDate: from,
    unitId,
    status: 'active',
    history: [{ from, to: null, unitId, status: 'active' }],
    version: 1,
  }) as DirectoryMember;
export const at = (iso: string, unitId: string | null = 'upper'): WriteContext => ({
  actor: { id: 'officer-1', roles: ['emulation-officer'], unitId: unitId ?? '*' },
  correlationId: randomUUID(),
  now: () => new Date(iso),
  newId: randomUUID,
});
export const as = (unitId: string | null, iso = '2026-03-10T03:00:00Z'): Caller => ({ unitId, write: at(iso, unitId) });
export const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? `${e.kind}:${e.code}` : `unexpected: ${String(e)}`),
  );

/** Emulation's deps on a table: the real stores, with the tree and these members in memory. */
export const depsOn = (db: Db, members: readonly DirectoryMember[]): EmulationDeps => ({
  units,
  members: {
    async get(caller, id) {
      const m = members.find((x) => x.id === id);
      if (!m || (caller.unitId !== null && !within(caller.unitId, m.unitId)))
        throw notFound({ vi: 'đoàn viên', en: 'member' }, id);
      return m;
    },
  },
  subjects: createSubjectRecords(db),
  movements: createMovementStore(db),
  registrations: createRegistrationStore(db),
  awards: createAwardStore(db),
  nominations: createNominationStore(db),
  initiatives: createInitiativeStore(db),
  ratings: createRatingStore(db),
  quotas: createQuotaStore(db),
  baseSalaries: createBaseSalaries(db),
  stats: createStatsStore(db),
  honourRolls: createHonourRolls(db),
  policy: createPolicyVersions(db, { cacheMs: 0 }),
  ratingCriteria: createRatingCriteriaStore(db),
  blocs: createBlocStore(db),
  mergers: createUnitMergers(db),
});

/** Lương cơ sở from 1/7/2024 as finance announces it (`BaseSalaryVersionRecorded`), for the prizes of decisions. */
export const BASE_SALARY_2024 = {
  versionId: 'base-salary@2024-07-01#all',
  effectiveFrom: '2024-07-01',
  amount: 2_340_000,
  source: 'NĐ 73/2024/NĐ-CP',
  certainty: 'sure' as const,
  version: 1,
};
