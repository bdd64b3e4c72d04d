import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AddPolicyVersionInput } from '@congdoan/contracts';
import { auditPk, type Db, systemContext, type WriteContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { policyVersionKey } from '../../src/adapters/policy-keys.ts';
import { createPolicyStore } from '../../src/adapters/policy-store.ts';
import { listPolicyVersions } from '../../src/app/policy/list-policy.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { domainError } from '../support/errors.ts';

let db: Db;

beforeAll(async () => {
  db = await freshTable('finance');
});

function admin(name = 'admin-1'): WriteContext {
  return { ...systemContext('test'), actor: { id: name, roles: ['admin'], unitId: null } };
}

const baseSalary = (effectiveFrom: string, value: number): AddPolicyVersionInput => ({
  parameter: 'base-salary',
  appliesTo: null,
  effectiveFrom,
  value,
  source: 'NĐ giả định/2027/NĐ-CP',
  certainty: 'likely',
});

describe('the policy store on DynamoDB Local', () => {
  it('loads the defaults when nothing was added', async () => {
    const policy = await createPolicyStore(db).load({ fresh: true });
    expect(policy.dues({ month: '2026-07', fundingType: 'self-funded', duesSalary: 60_000_000 }).amount).toBe(253_000);
    const records = await createPolicyStore(db).list();
    expect(records).toHaveLength(DEFAULT_POLICY_VERSIONS.length);
    expect(records.every((r) => r.origin === 'default')).toBe(true);
  });

  it('appends a version that later months use and earlier months do not, audited', async () => {
    const store = createPolicyStore(db);
    const added = await store.addVersion(baseSalary('2027-01-01', 3_000_000), admin());
    expect(added).toMatchObject({ id: 'base-salary@2027-01-01#all', origin: 'added', addedBy: 'admin-1' });

    const policy = await store.load();
    expect(policy.dues({ month: '2027-01', fundingType: 'self-funded', duesSalary: 60_000_000 })).toMatchObject({
      amount: 300_000,
      rules: [
        { parameter: 'dues-rate' },
        { parameter: 'dues-cap' },
        { parameter: 'base-salary', versionId: 'base-salary@2027-01-01#all', source: 'NĐ giả định/2027/NĐ-CP' },
      ],
    });
    expect(policy.dues({ month: '2026-12', fundingType: 'self-funded', duesSalary: 60_000_000 }).amount).toBe(253_000);

    const views = await listPolicyVersions(store, 'base-salary');
    expect(views.map((v) => [v.effectiveFrom, v.effectiveUntil, v.origin])).toEqual([
      ['2019-07-01', '2023-06-30', 'default'],
      ['2023-07-01', '2024-06-30', 'default'],
      ['2024-07-01', '2026-06-30', 'default'],
      ['2026-07-01', '2026-12-31', 'default'],
      ['2027-01-01', null, 'added'],
    ]);

    const audit = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPk('policy-version', added.id) },
      }),
    );
    expect(audit.Items).toHaveLength(1);
    expect(audit.Items?.[0]).toMatchObject({
      action: 'added',
      actor: { id: 'admin-1' },
      before: null,
      after: { value: 3_000_000 },
    });
  });

  it('refuses a version not after the latest of its rule, so governed periods keep their rules', async () => {
    const store = createPolicyStore(db);
    // Against a default.
    const onDefault = await domainError(store.addVersion(baseSalary('2026-07-01', 2_600_000), admin()));
    expect(onDefault).toMatchObject({ kind: 'conflict', code: 'policy-version-not-after-latest' });
    expect(onDefault.detail.en).toContain('2026-07-01');
    // Against an added version (2027-01-01 from the test above).
    await expect(store.addVersion(baseSalary('2027-01-01', 3_100_000), admin())).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(store.addVersion(baseSalary('2026-12-01', 3_100_000), admin())).rejects.toMatchObject({
      kind: 'conflict',
    });
    // A retroactive dues rate for a funding type whose latest version is 1/7/2025.
    await expect(
      store.addVersion(
        {
          parameter: 'dues-rate',
          appliesTo: ['non-state'],
          effectiveFrom: '2025-06-01',
          value: { rateBp: 60, basis: 'social-insurance-salary' },
          source: 'QĐ giả định',
          certainty: 'likely',
        },
        admin(),
      ),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const later = await store.addVersion(baseSalary('2027-07-01', 3_200_000), admin());
    expect(later.effectiveFrom).toBe('2027-07-01');
  });

  it('refuses invalid values with 422', async () => {
    const store = createPolicyStore(db);
    const split = await domainError(
      store.addVersion(
        {
          parameter: 'dues-split',
          appliesTo: null,
          effectiveFrom: '2028-01-01',
          value: { grassrootsBp: 7_000, upperBp: 2_000 },
          source: 'QĐ giả định',
          certainty: 'likely',
        },
        admin(),
      ),
    );
    expect(split).toMatchObject({ kind: 'unprocessable', code: 'invalid-policy-version' });
    expect(split.detail.vi).toContain('cộng lại đúng 10000');
    const scoped = await domainError(
      store.addVersion({ ...baseSalary('2028-01-01', 3_000_000), appliesTo: ['non-state'] }, admin()),
    );
    expect(scoped.detail.en).toContain('appliesTo must be null');
    const badDay = await domainError(store.addVersion(baseSalary('2028-02-30', 3_000_000), admin()));
    expect(badDay.detail.en).toContain('not a valid day');
  });

  it('lets exactly one of concurrent adds of the same rule win', async () => {
    const store = createPolicyStore(db);
    const attempts = Array.from({ length: 12 }, (_, i) =>
      store.addVersion(
        {
          parameter: 'levy-penalty-rate',
          appliesTo: null,
          effectiveFrom: '2028-01-01',
          value: 1_200 + i,
          source: `NĐ giả định ${i}`,
          certainty: 'likely',
        },
        admin(`admin-${i}`),
      ),
    );
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict' });
    const stored = (await listPolicyVersions(store, 'levy-penalty-rate')).filter((v) => v.origin === 'added');
    expect(stored).toHaveLength(1);
  });

  it('lets one win when overlapping funding types are added at once', async () => {
    const store = createPolicyStore(db);
    const rate = (
      appliesTo: AddPolicyVersionInput['appliesTo'],
      rateBp: number,
      basis: 'social-insurance-salary' | 'take-home-pay' = 'social-insurance-salary',
    ): AddPolicyVersionInput => ({
      parameter: 'dues-rate',
      appliesTo,
      effectiveFrom: '2028-01-01',
      value: { rateBp, basis },
      source: 'QĐ giả định',
      certainty: 'likely',
    });
    const results = await Promise.allSettled([
      store.addVersion(rate(['self-funded'], 60), admin()),
      store.addVersion(rate(['state-budget-partial', 'self-funded'], 70), admin()),
      store.addVersion(rate(['self-funded', 'non-state'], 80), admin()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // A funding type none of them covered is still free.
    const soe = await store.addVersion(rate(['state-owned-enterprise'], 40, 'take-home-pay'), admin());
    expect(soe.id).toBe('dues-rate@2028-01-01#state-owned-enterprise');

    // A version for all funding types against one for some.
    const liable = (appliesTo: AddPolicyVersionInput['appliesTo']): AddPolicyVersionInput => ({
      parameter: 'levy-liable',
      appliesTo,
      effectiveFrom: '2028-01-01',
      value: true,
      source: 'Luật giả định',
      certainty: 'likely',
    });
    const both = await Promise.allSettled([
      store.addVersion(liable(null), admin()),
      store.addVersion(liable(['non-state']), admin()),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('keeps a loaded policy for 30 s per instance, unless asked for a fresh one, in one Query', async () => {
    let now = 1_000_000;
    const cached = await freshTable('finance');
    const store = createPolicyStore(cached, { clock: () => now });
    const july2027 = { month: '2027-07', fundingType: 'self-funded', duesSalary: 60_000_000 } as const;
    expect((await store.load()).dues(july2027).amount).toBe(253_000);

    // Another instance adds a version (written here directly, as this instance would not see it).
    await cached.client.send(
      new PutCommand({
        TableName: cached.tableName,
        Item: {
          ...policyVersionKey('base-salary@2027-07-01#all'),
          kind: 'policy-version',
          id: 'base-salary@2027-07-01#all',
          ...baseSalary('2027-07-01', 3_000_000),
          addedBy: 'other',
          addedAt: '2026-11-22T00:00:00.000Z',
        },
      }),
    );
    now += 29_000;
    expect((await store.load()).dues(july2027).amount).toBe(253_000);
    expect((await store.load({ fresh: true })).dues(july2027).amount).toBe(300_000);

    const uncached = createPolicyStore(cached, { cacheMs: 0 });
    const send = cached.client.send.bind(cached.client);
    let queries = 0;
    cached.client.send = ((command: unknown, ...rest: unknown[]) => {
      if (command instanceof QueryCommand) queries++;
      return (send as (...a: unknown[]) => unknown)(command, ...rest);
    }) as typeof cached.client.send;
    try {
      expect((await uncached.load()).dues(july2027).amount).toBe(300_000);
      expect(queries).toBe(1);
      now += 31_000;
      await store.load();
      expect(queries).toBe(2);
      await store.load();
      expect(queries).toBe(2);
    } finally {
      cached.client.send = send;
    }
  });
});
