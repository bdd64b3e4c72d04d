import { randomUUID } from 'node:crypto';
import { DisciplineDecided, type EventData, UnitMerged } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { recordInspectionFact } from '../../src/app/inspection-facts.ts';
import { nominationEligibility, proposeNomination, recordAward } from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { mergedInto, recordUnitMerger } from '../../src/app/unit-mergers.ts';
import { as, at, depsOn, PARENT } from './world.ts';

/**
 * Units merged into a collective as eligibility facts, on DynamoDB Local: membership's
 * `UnitMerged` events (checked against its contract) are applied as the subscription
 * `emulation-unit-mergers` does, every merger kept, once, in any order of delivery; a
 * collective's Bằng khen then counts the titles of the units merged into it.
 */
let db: Db;
let deps: EmulationDeps;
const TODAY = '2026-03-10';
const ctx = () => at(`${TODAY}T03:00:00Z`);
// Units absorbed by the world's CĐCS, in the tree while they were active.
for (const id of ['cdcs-x', 'cdcs-y', 'cdcs-z', 'cdcs-w']) PARENT[id] = 'upper';

/** `UnitMerged` as membership publishes it: `unit` is the absorbing unit, its last merger set. */
function unitMerged(unitId: string, absorbedUnitId: string, date: string): EventData<typeof UnitMerged> {
  return UnitMerged.data.parse({
    unit: {
      id: unitId,
      code: unitId.toUpperCase(),
      name: `Đơn vị ${unitId}`,
      level: 'grassroots',
      parentId: 'upper',
      agency: null,
      status: 'active',
      childCount: 0,
      memberCount: 10,
      dissolution: null,
      foundedOn: '2000-01-01',
      lastMerger: { absorbedUnitId, date, decisionNumber: '9/QĐ-CĐ' },
      version: 3,
      createdAt: '2020-01-01T00:00:00Z',
      updatedAt: `${date}T00:00:00Z`,
    },
    absorbedUnitId,
    date,
  });
}
const ttldxs = (unitId: string, year: number) =>
  recordAward(deps, as('upper'), {
    titleCode: 'tap-the-lao-dong-xuat-sac',
    year,
    recipient: { kind: 'unit', unitId },
    decision: { number: `${year - 2000}/QĐ-LĐLĐ`, date: `${year}-12-20` },
  });
const chainOf = async (unitId: string) => {
  const n = await proposeNomination(deps, as('upper'), {
    proposingUnitId: 'upper',
    titleCode: 'bang-khen-tap-the',
    year: 2025,
    candidate: { kind: 'unit', unitId },
    achievements: 'Hai năm liền Tập thể lao động xuất sắc',
  });
  return async () =>
    (await nominationEligibility(deps, { unitId: 'upper' }, n.id, TODAY)).verdicts.find(
      (v) => v.rule === 'consecutive-titles',
    )!;
};

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, []);
});

describe('a collective’s chain through the units merged into it', () => {
  it('counts an absorbed unit’s title once UnitMerged arrives, naming it and the merger day; redelivery changes nothing', async () => {
    await ttldxs('cdcs-x', 2024);
    await ttldxs('cdcs-a', 2025);
    const chain = await chainOf('cdcs-a');
    expect((await chain()).reason.vi).toBe(
      'Không đủ điều kiện: cần Tập thể lao động xuất sắc 2 năm liên tục 2024–2025: thiếu năm 2024 (Provincial rules 2025 (DOMAIN.md, Bằng khen provincial example)).',
    );

    const merged = unitMerged('cdcs-a', 'cdcs-x', '2025-07-01');
    expect(await recordUnitMerger(deps, merged, ctx())).toBe('applied');
    expect(await recordUnitMerger(deps, merged, ctx())).toBe('duplicate');
    const v = await chain();
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toBe(
      'Đạt Tập thể lao động xuất sắc 2 năm liên tục 2024–2025: 2024: Tập thể lao động xuất sắc của Đơn vị cdcs-x (sáp nhập vào đơn vị ngày 01/07/2025; QĐ 24/QĐ-LĐLĐ), 2025 (QĐ 25/QĐ-LĐLĐ, tại Đơn vị cdcs-a).',
    );
    expect(await deps.mergers.into('cdcs-a')).toEqual([
      { unitId: 'cdcs-a', absorbedUnitId: 'cdcs-x', date: '2025-07-01' },
    ]);
  });

  it('does not count the absorbed unit’s years its own reprimand reached into', async () => {
    const chain = await chainOf('cdcs-a');
    await recordInspectionFact(
      deps,
      {
        type: 'DisciplineDecided',
        eventId: randomUUID(),
        data: DisciplineDecided.data.parse({
          disciplineId: randomUUID(),
          version: 1,
          subject: { kind: 'unit', unitId: 'cdcs-x' },
          form: 'reprimand',
          decision: { number: '07/QĐ-UBKT', date: '2024-05-03' },
          issuerUnitId: 'upper',
          groundsSummary: 'Vi phạm Điều lệ',
          basis: null,
          lapsesOn: '2025-05-03',
        }),
      },
      ctx(),
    );
    const v = await chain();
    expect(v.outcome).toBe('fail');
    expect(v.reason.en).toBe(
      'Not eligible: needs Tập thể lao động xuất sắc 2 consecutive years 2024–2025: 2024 not counted because of the discipline of Đơn vị cdcs-x (merged into the unit on 2025-07-01; Luật TĐKT 2022; NĐ 152/2025 Điều 4) (Provincial rules 2025 (DOMAIN.md, Bằng khen provincial example)).',
    );
  });

  it('follows every merger, in any order of delivery: Y into Z, then Z into B, then W into B', async () => {
    await ttldxs('cdcs-y', 2024);
    await ttldxs('cdcs-b', 2025);
    const chain = await chainOf('cdcs-b');
    // The later mergers arrive first: Z (which holds nothing) into B, then W into B.
    await recordUnitMerger(deps, unitMerged('cdcs-b', 'cdcs-z', '2025-03-01'), ctx());
    await recordUnitMerger(deps, unitMerged('cdcs-b', 'cdcs-w', '2025-09-01'), ctx());
    expect((await chain()).outcome).toBe('fail');
    // Then the earliest: Y into Z. W, the last merger into B, supersedes nothing.
    await recordUnitMerger(deps, unitMerged('cdcs-z', 'cdcs-y', '2024-06-01'), ctx());
    const v = await chain();
    expect(v.outcome).toBe('pass');
    expect(v.reason.vi).toContain(
      '2024: Tập thể lao động xuất sắc của Đơn vị cdcs-y (sáp nhập vào Đơn vị cdcs-z ngày 01/06/2024; QĐ 24/QĐ-LĐLĐ)',
    );
    expect((await mergedInto(deps, 'cdcs-b')).map((m) => [m.unitId, m.mergedOn, m.countsBefore])).toEqual([
      ['cdcs-z', '2025-03-01', '2025-03-01'],
      ['cdcs-w', '2025-09-01', '2025-09-01'],
      ['cdcs-y', '2024-06-01', '2024-06-01'],
    ]);
  });
});
