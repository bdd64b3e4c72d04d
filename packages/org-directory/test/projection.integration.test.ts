import { tableEnvVar, UnitCreated, UnitMerged, UnitUpdated } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { busEvent } from '../../../test/support/bus-events.ts';
import { unitState } from '../../../test/support/states.ts';
import { freshTable } from '../../../test/support/tables.ts';
import { createOrgDirectoryHandler } from '../src/handler.ts';
import { directoryLookup } from '../src/projection.ts';

/** The directory mounted in a service of its own (emulation, which reads these days for its ratings). */
let db: Db;
let deliver: ReturnType<typeof createOrgDirectoryHandler>;

beforeAll(async () => {
  db = await freshTable('emulation');
  process.env[tableEnvVar('emulation')] = db.tableName;
  deliver = createOrgDirectoryHandler('emulation');
});

const send = <D>(definition: { source: string; detailType: string }, data: D) =>
  deliver(busEvent(definition.source, definition.detailType, data));

describe('the organisation directory keeps a unit’s founding and last merger days', () => {
  it('from UnitCreated, UnitUpdated and UnitMerged; an event from before the fields reads as not known', async () => {
    const lookup = directoryLookup(db);
    // Published before membership carried foundedOn or lastMerger: still applied, the days unknown.
    const old = unitState({ code: 'OLD-1' });
    await send(UnitCreated, { unit: old });
    expect(await lookup.getUnit(old.id)).toMatchObject({ foundedOn: null, lastMergerOn: null, version: 1 });

    const unit = unitState({ code: 'CDCS-1', foundedOn: '2025-03-01', lastMerger: null });
    await send(UnitCreated, { unit });
    expect(await lookup.getUnit(unit.id)).toMatchObject({ foundedOn: '2025-03-01', lastMergerOn: null });

    const corrected = { ...unit, foundedOn: '2024-11-15', version: 2 };
    await send(UnitUpdated, { unit: corrected, changed: ['foundedOn'] });
    const merger = { absorbedUnitId: old.id, date: '2026-09-01', decisionNumber: '12/QĐ-LĐLĐ' };
    const merged = { ...corrected, lastMerger: merger, version: 3 };
    await send(UnitMerged, { unit: merged, absorbedUnitId: old.id, date: '2026-09-01' });
    expect(await lookup.getUnit(unit.id)).toMatchObject({
      foundedOn: '2024-11-15',
      lastMergerOn: '2026-09-01',
      version: 3,
    });

    // A late, older delivery changes nothing.
    await send(UnitUpdated, { unit: corrected, changed: ['foundedOn'] });
    expect(await lookup.getUnit(unit.id)).toMatchObject({ lastMergerOn: '2026-09-01', version: 3 });
  });
});
