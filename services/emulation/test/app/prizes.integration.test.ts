import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  decideNomination,
  getNomination,
  proposeNomination,
  receiveNomination,
  recordBaseSalary,
  recordPrizePosting,
  voteOnNomination,
} from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import type { BaseSalaryVersion } from '../../src/domain/prize.ts';
import { as, at, BASE_SALARY_2024, depsOn, member, outcome } from './world.ts';

/**
 * The prize of a decision on DynamoDB Local: lương cơ sở as finance announced it
 * (`BaseSalaryVersionRecorded`, applied as the subscription does) × the title's coefficient,
 * rounded up to the 10,000 đồng. Finance's own side (the announcement) is tested in finance and
 * end to end in `test/e2e/prizes.e2e.test.ts`.
 */
const NOW = '2026-07-02T03:00:00Z';
const V2024: BaseSalaryVersion = BASE_SALARY_2024;
const V2026: BaseSalaryVersion = {
  versionId: 'base-salary@2026-07-01#all',
  effectiveFrom: '2026-07-01',
  amount: 2_530_000,
  source: 'NĐ 161/2026 (reported)',
  certainty: 'likely',
  version: 1,
};
let db: Db;
let deps: EmulationDeps;
const members = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'].map((id) => member(id, 'cdcs-a'));

/** A Lao động tiên tiến (0.3 × lương cơ sở) nomination approved by the council on 2026-06-30. */
async function approved(memberId: string) {
  const n = await proposeNomination(deps, as('cdcs-a', '2026-06-29T03:00:00Z'), {
    proposingUnitId: 'cdcs-a',
    titleCode: 'lao-dong-tien-tien',
    year: 2025,
    candidate: { kind: 'member', memberId },
    absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
    achievements: 'Hoàn thành tốt nhiệm vụ năm 2025',
  });
  await receiveNomination(deps, as('upper', '2026-06-30T03:00:00Z'), n.id, {
    decidingUnitId: 'upper',
    on: '2026-06-30',
  });
  await voteOnNomination(deps, as('upper', '2026-06-30T03:00:00Z'), n.id, {
    members: 7,
    present: 7,
    yes: 7,
    on: '2026-06-30',
  });
  return n.id;
}
const decideOn = (id: string, date: string) =>
  decideNomination(deps, as('upper', NOW), id, { decidingUnitId: 'upper', decision: { number: '7/QĐ-LĐLĐ', date } });

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, members);
});

describe('the prize of a decision', () => {
  it('is refused, clearly, while no lương cơ sở is known for the day: never a made-up figure', async () => {
    const id = await approved('p-1');
    const refused = await decideOn(id, '2026-06-30').catch((e: Error) => e);
    expect(await outcome(Promise.reject(refused))).toBe('unprocessable:no-base-salary');
    expect((refused as Error).message).toContain('No lương cơ sở');
    expect((await getNomination(deps, { unitId: null }, id)).status).toBe('approved');
  });

  it('uses the version in force on the decision date, named with its source; a redelivery changes nothing', async () => {
    expect(await recordBaseSalary(deps, 'ev-2024', V2024, at(NOW))).toBe('applied');
    expect(await recordBaseSalary(deps, 'ev-2026', V2026, at(NOW))).toBe('applied');
    // The same event again, and another event with the same version of the day: nothing changes.
    expect(await recordBaseSalary(deps, 'ev-2026', { ...V2026, amount: 9_999_999 }, at(NOW))).toBe('duplicate');
    expect(await recordBaseSalary(deps, 'ev-2026-again', { ...V2026, amount: 9_999_999 }, at(NOW))).toBe('superseded');
    expect(await deps.baseSalaries.inForceOn('2026-06-30')).toEqual(V2024);
    expect(await deps.baseSalaries.inForceOn('2026-07-01')).toEqual(V2026);
    expect(await deps.baseSalaries.inForceOn('2024-06-30')).toBeUndefined();

    const before = await decideOn(await approved('p-2'), '2026-06-30');
    expect(before.decision!.prize).toMatchObject({
      amount: 710_000, // 0.3 × 2,340,000 = 702,000, rounded up to the 10,000 đồng
      coefficient: 0.3,
      baseSalary: { amount: 2_340_000, effectiveFrom: '2024-07-01', versionId: V2024.versionId, source: V2024.source },
      rounding: { step: 10_000, mode: 'up' },
    });
    expect(before.decision!.prize!.explanation.vi).toBe(
      `0,3 × 2.340.000 = 710.000 đồng (làm tròn lên đến 10.000 đồng; hệ số: ${before.decision!.prize!.coefficientSource}; lương cơ sở từ 01/07/2024: NĐ 73/2024/NĐ-CP).`,
    );
    const after = await decideOn(await approved('p-3'), '2026-07-01');
    expect(after.decision!.prize).toMatchObject({
      amount: 760_000, // 0.3 × 2,530,000 = 759,000, rounded up
      baseSalary: { amount: 2_530_000, effectiveFrom: '2026-07-01', source: 'NĐ 161/2026 (reported)' },
    });
    // Stored on the decision, as read back.
    expect((await getNomination(deps, { unitId: null }, after.id)).decision!.prize!.amount).toBe(760_000);
  });

  it('a higher version of a day replaces it, a lower one does not', async () => {
    const corrected = { ...V2026, amount: 2_600_000, version: 2 };
    expect(await recordBaseSalary(deps, 'ev-2026-v2', corrected, at(NOW))).toBe('applied');
    expect(await recordBaseSalary(deps, 'ev-2026-v1-late', V2026, at(NOW))).toBe('superseded');
    expect(await deps.baseSalaries.inForceOn('2026-12-31')).toEqual(corrected);
    const decided = await decideOn(await approved('p-4'), '2026-07-02');
    expect(decided.decision!.prize!.amount).toBe(780_000); // 0.3 × 2,600,000
  });

  it('records finance’s answer on the decision once: a refusal with its reason, then nothing changes it', async () => {
    const decided = await decideOn(await approved('p-5'), '2026-07-02');
    expect(decided.decision!.posting).toEqual({
      status: 'pending',
      requestId: `prize:${decided.id}`,
      postingId: null,
      voucherNumber: null,
      reason: null,
    });
    const reason = { code: 'money-balance-negative', vi: 'Không đủ tiền mặt', en: 'Not enough cash' };
    const rejected = { requestId: `prize:${decided.id}`, rejected: reason };
    expect(await recordPrizePosting(deps, rejected, at(NOW))).toBe('recorded');
    expect(await recordPrizePosting(deps, rejected, at(NOW))).toBe('ignored');
    const late = { requestId: `prize:${decided.id}`, posted: { postingId: 'p-1', voucherNumber: 'PC-1' } };
    expect(await recordPrizePosting(deps, late, at(NOW))).toBe('ignored');
    expect(await recordPrizePosting(deps, { ...late, requestId: 'movement-1' }, at(NOW))).toBe('ignored');
    const read = await getNomination(deps, { unitId: null }, decided.id);
    expect(read.decision!.posting).toMatchObject({ status: 'unposted', postingId: null, reason });
    expect(read.version).toBe(decided.version + 1);
  });
});
