import { type Db, systemContext, type WriteContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { createPolicyStore } from '../../src/adapters/policy-store.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { outbox } from '../reconciliation/support.ts';

/**
 * Lương cơ sở has one source of truth, finance's policy: each version finance holds is
 * announced (`BaseSalaryVersionRecorded`) in the outbox, the shipped ones once each, an added one
 * in the transaction that records it; no other rule is announced.
 */
let db: Db;
const admin: WriteContext = { ...systemContext('test'), actor: { id: 'admin-1', roles: ['admin'], unitId: null } };
const announced = async () => (await outbox(db)).filter((e) => e.detailType === 'BaseSalaryVersionRecorded');

beforeAll(async () => {
  db = await freshTable('finance');
});

describe('base-salary versions announced', () => {
  it('announces each shipped version once, however often the announcer runs', async () => {
    const store = createPolicyStore(db, { cacheMs: 0 });
    const shipped = DEFAULT_POLICY_VERSIONS.filter((v) => v.parameter === 'base-salary');
    expect(await store.announceDefaults(systemContext('announcer'))).toEqual(shipped.map((v) => v.id));
    expect(await store.announceDefaults(systemContext('announcer'))).toEqual([]);
    const events = await announced();
    const byDay = events
      .map((e) => e.data)
      .sort((a, b) => String(a.effectiveFrom).localeCompare(String(b.effectiveFrom)));
    expect(byDay).toEqual(
      shipped.map((v) => ({
        versionId: v.id,
        effectiveFrom: v.effectiveFrom,
        amount: v.value,
        source: v.source,
        certainty: v.certainty,
        origin: 'default',
        version: 1,
      })),
    );
    expect(events.find((e) => e.data.effectiveFrom === '2024-07-01')?.data.amount).toBe(2_340_000);
  });

  it('announces an added base-salary version with it, and no other rule', async () => {
    const store = createPolicyStore(db, { cacheMs: 0 });
    const before = (await announced()).length;
    await store.addVersion(
      {
        parameter: 'levy-penalty-rate',
        appliesTo: null,
        effectiveFrom: '2027-01-01',
        value: 3,
        source: 'NĐ giả định/2027/NĐ-CP',
        certainty: 'likely',
      },
      admin,
    );
    expect(await announced()).toHaveLength(before);
    await store.addVersion(
      {
        parameter: 'base-salary',
        appliesTo: null,
        effectiveFrom: '2027-01-01',
        value: 2_800_000,
        source: 'NĐ giả định/2027/NĐ-CP',
        certainty: 'likely',
      },
      admin,
    );
    const after = await announced();
    expect(after).toHaveLength(before + 1);
    expect(after.find((e) => e.data.versionId === 'base-salary@2027-01-01#all')?.data).toEqual({
      versionId: 'base-salary@2027-01-01#all',
      effectiveFrom: '2027-01-01',
      amount: 2_800_000,
      source: 'NĐ giả định/2027/NĐ-CP',
      certainty: 'likely',
      origin: 'added',
      version: 1,
    });
  });
});
