import { randomBytes, randomUUID } from 'node:crypto';
import { InMemoryNoticeStore, loadCalendar } from '@congdoan/calendar';
import { type DirectoryMember, DomainError, notFound } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { createCaseStore } from '../../src/adapters/case-store.ts';
import { createDisciplineStore } from '../../src/adapters/discipline-store.ts';
import { createFinanceStore } from '../../src/adapters/finance-store.ts';
import { createInspectionStore } from '../../src/adapters/inspection-store.ts';
import { localIdentityCipher } from '../../src/adapters/local-identity-cipher.ts';
import { createPlanStore } from '../../src/adapters/plan-store.ts';
import { createRecommendationStore } from '../../src/adapters/recommendation-store.ts';
import { createRoster } from '../../src/adapters/roster.ts';
import { createOfficeStore, createSeatStore } from '../../src/adapters/seat-store.ts';
import { CASE_CLASSES, type CaseFigures, type CaseYearFigures } from '../../src/app/case-ports.ts';
import type { InspectionDeps, Units } from '../../src/app/ports.ts';

/**
 * The organisation tree and member directory the integration tests give inspection's use
 * cases in memory (their projections have their own tests):
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
export const within = (ancestor: string, unit: string) => {
  for (let u: string | null | undefined = unit; u; u = PARENT[u]) if (u === ancestor) return true;
  return false;
};
export const units: Units = {
  async assertInScope(caller, unitId) {
    if (!(unitId in PARENT) || (caller.unitId !== null && !within(caller.unitId, unitId)))
      throw notFound({ vi: 'đơn vị', en: 'unit' }, unitId);
  },
  isWithin: async (a, u) => within(a, u),
  within: async (a, us) => new Set(us.filter((u) => within(a, u))),
  async chainOf(unitId) {
    const chain: string[] = [];
    for (let u: string | null | undefined = unitId; u; u = PARENT[u]) chain.push(u);
    return chain;
  },
  async visible(caller, found, unitOf, what, id) {
    if (!found || (caller.unitId !== null && !within(caller.unitId, unitOf(found)))) throw notFound(what, id);
    return found;
  },
};
export const member = (id: string, unitId: string): DirectoryMember =>
  ({
    id,
    fullName: `Trần Văn ${id}`,
    gender: 'male',
    dateOfBirth: '1980-01-01',
    cardNumber: null,
    joinDate: '2005-01-01',
    unitId,
    status: 'active',
    history: [{ from: '2005-01-01', to: null, unitId, status: 'active' }],
    version: 1,
  }) as DirectoryMember;
export const at = (iso: string): WriteContext => ({
  actor: { id: 'ubkt-1', roles: ['inspector'], unitId: 'upper' },
  correlationId: randomUUID(),
  now: () => new Date(iso),
  newId: randomUUID,
});
/** What a synchronous rule answers: 'ok', or the domain error's kind and code. */
export const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? `${e.kind}:${e.code}` : String(e);
  }
};
export const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DomainError ? `${e.kind}:${e.code}` : `unexpected: ${String(e)}`),
  );

/** A year of no cases at all. */
export const noCases = (): CaseYearFigures =>
  Object.fromEntries(
    CASE_CLASSES.map((c) => [
      c,
      { received: 0, accepted: 0, refused: 0, transferred: 0, resolvedOnTime: 0, resolvedLate: 0, open: 0 },
    ]),
  ) as CaseYearFigures;

/** Case figures in memory, by handling unit and year (a unit-year not given had no cases). */
export const caseFiguresOf = (figures: Record<string, CaseYearFigures> = {}): CaseFigures => ({
  yearFigures: async (unitId, year) => figures[`${unitId}/${year}`] ?? noCases(),
});

/** Inspection's deps on a table: the real stores, with the tree and these members in memory. */
export const depsOn = (
  db: Db,
  members: readonly DirectoryMember[],
  /** The annual report's case figures, when a test gives them in memory rather than through cases. */
  figures?: CaseFigures,
): InspectionDeps => ({
  units,
  members: {
    async get(caller, id) {
      const m = members.find((x) => x.id === id);
      if (!m || (caller.unitId !== null && !within(caller.unitId, m.unitId)))
        throw notFound({ vi: 'đoàn viên', en: 'member' }, id);
      return m;
    },
  },
  seats: createSeatStore(db),
  plans: createPlanStore(db),
  inspections: createInspectionStore(db),
  recommendations: createRecommendationStore(db),
  finance: createFinanceStore(db),
  discipline: createDisciplineStore(db),
  cases: figures ? Object.assign(createCaseStore(db), { yearFigures: figures.yearFigures }) : createCaseStore(db),
  roster: createRoster(db),
  calendar: { current: () => loadCalendar(new InMemoryNoticeStore()) },
  identityCipher: localIdentityCipher(randomBytes(32)),
  offices: createOfficeStore(db),
});
