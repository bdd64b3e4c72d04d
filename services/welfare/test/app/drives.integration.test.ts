import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createDrive, driveProgress, pledge, receiveAgainstPledge } from '../../src/app/drives.ts';
import { createFund, getFund, listMovements } from '../../src/app/funds.ts';
import { callerAt, depsOn, outcome } from './world.ts';

/**
 * Drives on DynamoDB Local: pledges of units and members of the subtree, receipts against them
 * into the fund, and the progress per unit read from counters kept in each write's transaction:
 *
 *   province ─ upper ─ cdcs-a
 *                    └ cdcs-b
 */
let db: Db;
const NOW = '2026-03-10T03:00:00.000Z';

beforeAll(async () => {
  db = await freshTable('welfare');
});

async function driveOfUpper() {
  const deps = depsOn(db);
  const fund = await createFund(deps, callerAt(NOW), 'upper', { kind: 'housing', name: 'Quỹ Mái ấm Công đoàn' });
  const drive = await createDrive(deps, callerAt(NOW), fund.id, {
    name: 'Mái ấm Công đoàn 2026',
    target: 10_000_000,
    from: '2026-03-01',
    to: '2026-06-30',
  });
  return { fund, drive };
}

describe('a fundraising drive', () => {
  it('counts pledges and receipts per unit of its subtree, and names the units that gave nothing', async () => {
    const deps = depsOn(db);
    const { fund, drive } = await driveOfUpper();
    const fromA = await pledge(deps, callerAt(NOW), drive.id, {
      pledger: { kind: 'unit', unitId: 'cdcs-a' },
      amount: 420_000,
    });
    const fromLan = await pledge(deps, callerAt(NOW), drive.id, {
      pledger: { kind: 'member', memberId: 'lan-b' },
      amount: 200_000,
    });
    expect(fromLan).toMatchObject({ unitId: 'cdcs-b', received: 0, date: '2026-03-10' });
    const got = await receiveAgainstPledge(deps, callerAt(NOW), drive.id, {
      pledgeId: fromA.id,
      method: 'cash',
      amount: 420_000,
    });
    expect(got.pledge.received).toBe(420_000);
    expect(got.movement).toMatchObject({ type: 'receipt', amount: 420_000, memo: 'Mái ấm Công đoàn 2026' });

    const progress = await driveProgress(deps, { unitId: 'upper' }, drive.id);
    expect(progress.drive).toMatchObject({ pledged: 620_000, received: 420_000, pledgeCount: 2 });
    expect(progress.units.map((u) => [u.unitId, u.pledged, u.received, u.givenNothing])).toEqual([
      ['upper', 0, 0, true],
      ['cdcs-a', 420_000, 420_000, false],
      ['cdcs-b', 200_000, 0, true],
    ]);
    expect(progress.givenNothing).toBe(2);
    // The receipt is the fund's: its balance and a movement asking finance to post it.
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ balance: 420_000, received: 420_000 });
    expect((await listMovements(deps, { unitId: null }, fund.id, { limit: 5 })).items).toHaveLength(1);
  });

  it('keeps its counters exact under concurrent receipts', async () => {
    const { fund, drive } = await driveOfUpper();
    const p = await pledge(depsOn(db), callerAt(NOW), drive.id, {
      pledger: { kind: 'member', memberId: 'ha-a' },
      amount: 1_000_000,
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        outcome(
          receiveAgainstPledge(depsOn(db), callerAt(NOW), drive.id, { pledgeId: p.id, method: 'bank', amount: 50_000 }),
        ),
      ),
    );
    expect(results.every((r) => r === 'ok')).toBe(true);
    const progress = await driveProgress(depsOn(db), { unitId: null }, drive.id);
    expect(progress.drive.received).toBe(500_000);
    expect(progress.units.find((u) => u.unitId === 'cdcs-a')).toMatchObject({ pledged: 1_000_000, received: 500_000 });
    expect(await getFund(depsOn(db), { unitId: null }, fund.id)).toMatchObject({ balance: 500_000, movementCount: 10 });
  });

  it('refuses a pledge outside its period or its subtree, and hides itself outside the caller’s', async () => {
    const deps = depsOn(db);
    const { drive } = await driveOfUpper();
    expect(
      await outcome(
        pledge(deps, callerAt(NOW), drive.id, {
          pledger: { kind: 'unit', unitId: 'cdcs-a' },
          amount: 1,
          date: '2026-07-01',
        }),
      ),
    ).toBe('unprocessable:outside-drive-period');
    expect(
      await outcome(
        pledge(deps, callerAt(NOW, null), drive.id, { pledger: { kind: 'unit', unitId: 'province' }, amount: 1 }),
      ),
    ).toBe('unprocessable:pledger-outside-drive');
    expect(
      await outcome(
        receiveAgainstPledge(deps, callerAt(NOW), drive.id, { pledgeId: 'no-such-pledge', method: 'cash', amount: 1 }),
      ),
    ).toBe('not-found:not-found');
    expect(await outcome(driveProgress(deps, { unitId: 'cdcs-a' }, drive.id))).toBe('not-found:not-found');
    expect(await outcome(driveProgress(deps, { unitId: 'cdcs-a' }, 'no-such-drive'))).toBe('not-found:not-found');
  });
});
