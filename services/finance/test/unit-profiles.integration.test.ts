import { type BusEvent, type Unit, UnitCreated, UnitMoved, UnitUpdated } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { createOrgDirectoryHandler, directoryLookup, isInScope } from '@congdoan/org-directory';
import { beforeAll, describe, expect, it } from 'vitest';
import { membershipEvent } from './support/events.ts';
import { financeTable } from './support/tables.ts';
import { unit as anyUnit } from './support/units.ts';

let db: Db;
let onUnitChanged: (event: BusEvent) => Promise<void>;
let directory: (event: BusEvent) => Promise<void>;

beforeAll(async () => {
  db = await financeTable();
  ({ onUnitChanged } = await import('../src/handlers/events.ts'));
  directory = createOrgDirectoryHandler('finance');
});

const at = '2026-11-22T03:00:00.000Z';

/** A CĐCS of a partly budget-funded agency, unless `overrides` say otherwise. */
const unit = (overrides: Partial<Unit> = {}): Unit =>
  anyUnit({
    code: 'LHH-BG',
    name: 'CĐCS Liên hiệp các Hội KH&KT tỉnh Bắc Giang',
    parentId: 'upper-1',
    agency: {
      name: 'Liên hiệp các Hội KH&KT tỉnh Bắc Giang',
      taxId: '2400123456',
      fundingType: 'state-budget-partial',
    },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });

const busEvent = (detailType: string, data: unknown): BusEvent => membershipEvent(detailType, data, at);

async function profile(id: string) {
  const { createUnitProfileStore } = await import('../src/adapters/unit-profile-store.ts');
  return createUnitProfileStore(db).get(id);
}

describe('finance unit profiles from membership events', () => {
  it('keeps the agency’s tax ID and funding type from UnitCreated', async () => {
    const u = unit();
    await onUnitChanged(busEvent(UnitCreated.detailType, { unit: u }));
    expect(await profile(u.id)).toMatchObject({
      unitId: u.id,
      taxId: '2400123456',
      fundingType: 'state-budget-partial',
      sourceVersion: 1,
    });
  });

  it('applies a rename and ignores an older event arriving late', async () => {
    const u = unit();
    const renamed = { ...u, name: 'Tên mới', version: 2 };
    await onUnitChanged(busEvent(UnitCreated.detailType, { unit: u }));
    await onUnitChanged(busEvent(UnitUpdated.detailType, { unit: renamed, changed: ['name'] }));
    await onUnitChanged(busEvent(UnitCreated.detailType, { unit: u }));
    expect(await profile(u.id)).toMatchObject({ name: 'Tên mới', sourceVersion: 2 });
  });

  it('changes nothing when the same event is delivered twice', async () => {
    const u = unit();
    const event = busEvent(UnitCreated.detailType, { unit: u });
    await onUnitChanged(event);
    const first = await profile(u.id);
    await onUnitChanged(event);
    expect(await profile(u.id)).toEqual(first);
  });

  it('rejects an event whose data breaks its schema, so it is retried and dead-lettered, never half-applied', async () => {
    await expect(onUnitChanged(busEvent(UnitCreated.detailType, { unit: { id: 'x' } }))).rejects.toThrow();
  });
});

describe('the organisation directory mounted in finance', () => {
  it('follows a move for scope checks', async () => {
    const root = unit({ level: 'province', parentId: null, agency: null });
    const a = unit({ level: 'upper', parentId: root.id, agency: null });
    const b = unit({ level: 'upper', parentId: root.id, agency: null });
    const c = unit({ parentId: a.id });
    for (const u of [root, a, b, c]) await directory(busEvent(UnitCreated.detailType, { unit: u }));
    const lookup = directoryLookup(db);
    expect(await isInScope(lookup, a.id, c.id)).toBe(true);
    await directory(
      busEvent(UnitMoved.detailType, {
        unit: { ...c, parentId: b.id, version: 2 },
        fromParentId: a.id,
        toParentId: b.id,
      }),
    );
    expect(await isInScope(lookup, a.id, c.id)).toBe(false);
    expect(await isInScope(lookup, b.id, c.id)).toBe(true);
    expect(await isInScope(lookup, null, c.id)).toBe(true);
    expect(await isInScope(lookup, null, 'unknown')).toBe(false);
  });
});
