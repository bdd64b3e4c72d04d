import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createBloodDrive, getBloodDrive, listBloodDrives, recordDonation } from '../../src/app/blood-drives.ts';
import { callerAt, depsOn, MEMBERS, outcome } from './world.ts';

/**
 * Blood-donation drives on DynamoDB Local: donors of the drive's subtree, once each, the
 * drive's totals kept in each donation's transaction (exact under concurrency), and scope.
 */
let db: Db;
const NOW = '2026-03-15T03:00:00.000Z';
const DONORS = Array.from({ length: 12 }, (_, i) => `donor-${i + 1}`);

beforeAll(async () => {
  db = await freshTable('welfare');
  for (const [i, d] of DONORS.entries()) MEMBERS[d] = i % 2 === 0 ? 'cdcs-a' : 'cdcs-b';
});

const drive = (unitId = 'upper', date = '2026-03-14') =>
  createBloodDrive(depsOn(db), callerAt(NOW), unitId, {
    name: 'Ngày hội hiến máu tình nguyện',
    date,
    place: 'Hội trường Công đoàn Viên chức tỉnh',
  });

describe('a blood-donation drive', () => {
  it('records its donors with units and recognition, totals kept in each donation’s transaction', async () => {
    const deps = depsOn(db);
    const held = await drive();
    expect(held).toMatchObject({ unitId: 'upper', donors: 0, units: 0 });
    await recordDonation(deps, callerAt(NOW), held.id, { memberId: 'ha-a', units: 1, recognition: 'certificate' });
    await recordDonation(deps, callerAt(NOW), held.id, { memberId: 'lan-b', units: 2, recognition: 'none' });
    const read = await getBloodDrive(deps, { unitId: 'upper' }, held.id);
    expect(read).toMatchObject({ donors: 2, units: 3 });
    expect(read.donations.map((d) => [d.memberId, d.units, d.recognition]).sort()).toEqual([
      ['ha-a', 1, 'certificate'],
      ['lan-b', 2, 'none'],
    ]);
  });

  it('counts each of twelve concurrent donors once, and a member a second time not at all', async () => {
    const held = await drive();
    const results = await Promise.all(
      [...DONORS, 'donor-1', 'donor-2'].map((memberId) =>
        outcome(recordDonation(depsOn(db), callerAt(NOW), held.id, { memberId, units: 1, recognition: 'none' })),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(12);
    expect(results.filter((r) => r === 'conflict:donor-already-recorded')).toHaveLength(2);
    const read = await getBloodDrive(depsOn(db), { unitId: null }, held.id);
    expect(read).toMatchObject({ donors: 12, units: 12 });
    expect(read.donations).toHaveLength(12);
  });

  it('takes donors of its subtree from its day on, and is seen within the caller’s subtree', async () => {
    const deps = depsOn(db);
    const ofA = await drive('cdcs-a');
    expect(
      await outcome(recordDonation(deps, callerAt(NOW), ofA.id, { memberId: 'lan-b', units: 1, recognition: 'none' })),
    ).toBe('unprocessable:donor-outside-drive');
    const tomorrow = await drive('upper', '2026-03-16');
    expect(
      await outcome(
        recordDonation(deps, callerAt(NOW), tomorrow.id, { memberId: 'ha-a', units: 1, recognition: 'none' }),
      ),
    ).toBe('unprocessable:blood-drive-not-yet-held');
    expect(await outcome(getBloodDrive(deps, { unitId: 'cdcs-b' }, ofA.id))).toBe('not-found:not-found');
    expect(await outcome(getBloodDrive(deps, { unitId: 'cdcs-a' }, tomorrow.id))).toBe('not-found:not-found');
    expect(
      await outcome(
        createBloodDrive(deps, callerAt(NOW, 'cdcs-b'), 'cdcs-a', {
          name: 'Hiến máu',
          date: '2026-03-15',
          place: 'Trụ sở',
        }),
      ),
    ).toBe('not-found:not-found');
    const list = await listBloodDrives(deps, { unitId: 'upper' }, 'cdcs-a');
    expect(list.items.map((d) => d.id)).toEqual([ofA.id]);
  });
});
