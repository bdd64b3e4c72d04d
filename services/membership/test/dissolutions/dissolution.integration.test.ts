import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { UnitMerged } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyItem, freshTable } from '../../../../test/support/tables.ts';
import { createDissolutionStore } from '../../src/adapters/dissolution-store.ts';
import { createImportStore } from '../../src/adapters/import-store.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createStatsStore } from '../../src/adapters/stats-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import {
  type DissolutionDeps,
  dissolutionView,
  requestDissolution,
  runDissolution,
} from '../../src/app/dissolutions/dissolution.ts';
import { applyForMembership } from '../../src/app/members/lifecycle.ts';
import { upsertMemberByCccd } from '../../src/app/members/upsert.ts';
import { statisticsReport } from '../../src/app/statistics/report.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { sweepMembershipJobs } from '../../src/handlers/schedules.ts';
import { person, writeContext } from '../support/members.ts';

let db: Db;
let deps: DissolutionDeps;
const admin = () => ({ unitId: null, write: writeContext(new Date('2025-07-01T03:00:00Z')) });
let upper: string;
let seq = 0;

async function cdcsWith(members: number, applicants = 0) {
  const unit = await createUnit(deps, admin(), {
    code: `C${++seq}`,
    name: `CĐCS ${seq}`,
    level: 'grassroots',
    parentId: upper,
    agency: { name: `Cơ quan ${seq}`, taxId: `24${String(seq).padStart(8, '0')}`, fundingType: 'state-budget-full' },
  });
  for (let i = 0; i < members; i++) {
    await upsertMemberByCccd(deps, admin(), unit.id, {
      ...person({ fullName: `Đoàn viên ${i}` }),
      joinDate: '2018-01-01',
    });
  }
  for (let i = 0; i < applicants; i++)
    await applyForMembership(deps, admin(), unit.id, person({ fullName: `Người nộp đơn ${i}` }));
  return unit.id;
}

/** Every audit record of one kind for members of a unit: one per member per action, or something ran twice. */
async function auditActions(memberIds: string[], action: string) {
  let n = 0;
  for (const id of memberIds) {
    const out = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#member#${id}` },
      }),
    );
    n += (out.Items ?? []).filter((i) => i.action === action).length;
  }
  return n;
}

beforeAll(async () => {
  db = await freshTable('membership');
  deps = {
    units: createUnitStore(db),
    members: createMemberStore(db),
    dissolutions: createDissolutionStore(db),
  };
  const province = await createUnit(deps, admin(), { code: 'P', name: 'LĐLĐ', level: 'province' });
  upper = (await createUnit(deps, admin(), { code: 'U', name: 'CĐVC', level: 'upper', parentId: province.id })).id;
});

describe('dissolving a CĐCS with its members (KL 157-KL/TW, 2025)', () => {
  it('is queued again by the sweeper once it stops progressing, shown stalled meanwhile, the stall signalled once', async () => {
    const unitId = await cdcsWith(3);
    const { job } = await requestDissolution(deps, admin(), unitId, {
      mode: 'exit',
      date: '2025-06-30',
      reason: 'Sắp xếp',
    });
    // A run starts, and its process is killed before it handles anyone.
    const at = new Date('2025-07-01T03:00:00Z');
    const running = await deps.dissolutions.setStatus(job, { status: 'running', attempts: 1 }, writeContext(at));
    const later = (ms: number) => writeContext(new Date(at.getTime() + ms));
    const sweep = async (ms: number) =>
      (await sweepMembershipJobs(db, { ...deps, imports: createImportStore(db) }, later(ms))).resumed
        .filter((j) => j.kind === 'dissolution')
        .map((j) => j.id);

    expect(await sweep(30_000)).not.toContain(unitId);
    expect(dissolutionView(running, new Date(at.getTime() + 30_000)).stalledSince).toBeNull();
    expect(dissolutionView(running, new Date(at.getTime() + 121_000)).stalledSince).toBe(at.toISOString());

    expect(await sweep(61_000)).toContain(unitId);
    expect(await deps.dissolutions.get(unitId)).toMatchObject({ status: 'queued', attempts: 1 });
    // Once per stall: the job queued again has a fresh lease.
    expect(await sweep(62_000)).not.toContain(unitId);
    // Its event is lost too: a lease later it is queued again, still the same stall, not signalled twice.
    expect(await sweep(125_000)).toContain(unitId);
    expect(dissolutionView((await deps.dissolutions.get(unitId))!, new Date(at.getTime() + 125_000))).toMatchObject({
      stalledSince: at.toISOString(),
    });
    expect(dissolutionView((await deps.dissolutions.get(unitId))!)).not.toHaveProperty('stallSignalledFor');
    const stalled = (await everyItem(db)).filter((i) => i.kind === 'outbox' && i.detailType === 'JobStalled');
    const mine = stalled.map((i) => JSON.parse(String(i.detail)).data).filter((d) => d.unitId === unitId);
    expect(mine).toEqual([
      { jobKind: 'dissolution', jobId: job.id, unitId, stalledSince: at.toISOString(), attempts: 1 },
    ]);

    const done = await runDissolution(deps, unitId, later(126_000));
    expect(done).toMatchObject({ status: 'succeeded', membersProcessed: 3, attempts: 2 });
    // A finished job leaves the lease index.
    expect(await sweep(3_600_000)).not.toContain(unitId);
  });

  it('exits every member, rejects applications and dissolves the unit; resumes after a crash halfway without acting twice', async () => {
    const unitId = await cdcsWith(12, 2);
    const ids = (await deps.members.listByUnit(unitId, {}, { limit: 100 })).items.map((m) => m.id);
    const { job, created } = await requestDissolution(deps, admin(), unitId, {
      mode: 'exit',
      date: '2025-06-30',
      reason: 'Kết luận 157-KL/TW',
    });
    expect(created).toBe(true);

    // The process dies after seven member changes.
    let saves = 0;
    const crashing: DissolutionDeps = {
      ...deps,
      members: {
        ...deps.members,
        save: async (...args) => {
          if (++saves > 7) throw new Error('Lambda timed out');
          return deps.members.save(...args);
        },
      },
    };
    await expect(runDissolution(crashing, unitId, admin().write)).rejects.toThrow('Lambda timed out');
    expect((await deps.dissolutions.get(unitId))?.status).toBe('running');

    const done = await runDissolution(deps, unitId, admin().write);
    expect(done).toMatchObject({
      id: job.id,
      status: 'succeeded',
      membersProcessed: 12,
      applicationsRejected: 2,
      attempts: 2,
    });
    expect(await auditActions(ids, 'exit')).toBe(12);
    expect(await auditActions(ids, 'reject')).toBe(2);
    const members = (await deps.members.listByUnit(unitId, {}, { limit: 100 })).items;
    expect(members.filter((m) => m.status === 'exited').every((m) => m.exit?.reason === 'unit-dissolved')).toBe(true);
    const unit = await deps.units.get(unitId);
    expect(unit).toMatchObject({ status: 'dissolved', memberCount: 0, dissolution: { effectiveDate: '2025-06-30' } });
    // History stays readable: the report as of before the dissolution still counts them.
    const stats = { ...deps, stats: createStatsStore(db) };
    expect(
      (await statisticsReport(stats, { unitId: null }, unitId, { asOf: '2025-06-29', today: '2025-07-01' })).totals
        .members,
    ).toBe(12);
    expect(
      (await statisticsReport(stats, { unitId: null }, unitId, { asOf: '2025-07-01', today: '2025-07-01' })).totals
        .members,
    ).toBe(0);
    // Running it once more changes nothing.
    expect((await runDissolution(deps, unitId, admin().write)).version).toBe(done.version);
  });

  it('merges: members transfer to the other CĐCS keeping their join date', async () => {
    const from = await cdcsWith(3);
    const into = await cdcsWith(1);
    await requestDissolution(deps, admin(), from, {
      mode: 'merge',
      mergeIntoUnitId: into,
      date: '2025-06-30',
      reason: 'Sáp nhập',
    });
    await runDissolution(deps, from, admin().write);
    const moved = (await deps.members.listByUnit(into, { status: 'active' }, { limit: 100 })).items;
    expect(moved).toHaveLength(4);
    expect(moved.every((m) => m.joinDate === '2018-01-01')).toBe(true);
    expect((await deps.units.get(into))?.memberCount).toBe(4);
  });

  it('records the merger on the absorbing unit (day, absorbed unit) and publishes UnitMerged with the UnitDissolved', async () => {
    const from = await cdcsWith(2);
    const into = await cdcsWith(1);
    const intoBefore = (await deps.units.get(into))!;
    expect(intoBefore.lastMerger).toBeNull();
    const request = {
      mode: 'merge' as const,
      mergeIntoUnitId: into,
      date: '2025-06-15',
      reason: 'Sáp nhập',
      decisionNumber: '45/QĐ-LĐLĐ',
    };
    await requestDissolution(deps, admin(), from, request);
    await runDissolution(deps, from, admin().write);
    const absorbing = (await deps.units.get(into))!;
    expect(absorbing).toMatchObject({
      status: 'active',
      memberCount: 3,
      lastMerger: { absorbedUnitId: from, date: '2025-06-15', decisionNumber: '45/QĐ-LĐLĐ' },
    });
    expect(absorbing.version).toBeGreaterThan(intoBefore.version);
    const published = (await everyItem(db))
      .filter((i) => i.kind === 'outbox' && (i.detailType === 'UnitMerged' || i.detailType === 'UnitDissolved'))
      .map((i) => ({ type: i.detailType, data: JSON.parse(String(i.detail)).data }));
    const merged = published.filter((e) => e.type === 'UnitMerged' && e.data.unit.id === into);
    expect(merged).toHaveLength(1);
    expect(UnitMerged.data.parse(merged[0]!.data)).toMatchObject({
      absorbedUnitId: from,
      date: '2025-06-15',
      unit: { id: into, version: absorbing.version, lastMerger: { date: '2025-06-15' } },
    });
    expect(published.filter((e) => e.type === 'UnitDissolved' && e.data.unit.id === from)).toHaveLength(1);

    // A run that died after the unit dissolved, before the job said so, runs again: the merger is not recorded twice.
    await deps.dissolutions.setStatus((await deps.dissolutions.get(from))!, { status: 'running' }, admin().write);
    expect(await runDissolution(deps, from, admin().write)).toMatchObject({ status: 'succeeded' });
    expect((await deps.units.get(into))!.version).toBe(absorbing.version);

    // A later merger into the same unit becomes its last; an earlier-dated one recorded after it does not.
    const later = await cdcsWith(0);
    await requestDissolution(deps, admin(), later, { ...request, date: '2025-06-20', decisionNumber: '46/QĐ-LĐLĐ' });
    await runDissolution(deps, later, admin().write);
    const earlier = await cdcsWith(0);
    await requestDissolution(deps, admin(), earlier, { ...request, date: '2025-01-10', decisionNumber: '47/QĐ-LĐLĐ' });
    await runDissolution(deps, earlier, admin().write);
    expect((await deps.units.get(into))!.lastMerger).toEqual({
      absorbedUnitId: later,
      date: '2025-06-20',
      decisionNumber: '46/QĐ-LĐLĐ',
    });
    expect((await deps.units.get(earlier))!.status).toBe('dissolved');
  });

  it('returns the same job for the same request, and refuses a different one', async () => {
    const unitId = await cdcsWith(1);
    const body = { mode: 'exit' as const, date: '2025-06-30', reason: 'KL 157' };
    const first = await requestDissolution(deps, admin(), unitId, body);
    const again = await requestDissolution(deps, admin(), unitId, body);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    await expect(requestDissolution(deps, admin(), unitId, { ...body, reason: 'khác' })).rejects.toMatchObject({
      code: 'dissolution-exists',
    });
  });

  it('refuses a unit that still has child units', async () => {
    await expect(
      requestDissolution(deps, admin(), upper, { mode: 'exit', date: '2025-06-30', reason: 'x' }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/unit-has-children|not-a-cdcs/),
    });
  });
});
