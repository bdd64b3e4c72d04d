import { randomUUID } from 'node:crypto';
import type { Problem } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EventInput,
  header,
  httpEvent,
  jsonOf,
  lambdaContext,
  problemOf,
} from '../../../../packages/http-kit/test/support.ts';
import { createPolicyStore } from '../../src/adapters/policy-store.ts';
import { policyHandlers } from '../../src/handlers/http/policy.ts';
import { manifest } from '../../src/manifest.ts';
import { policyRoutes } from '../../src/policy-routes.ts';
import { claimsFor } from '../support/http.ts';
import { financeTable } from '../support/tables.ts';
import { putInDirectory, unit } from '../support/units.ts';

let db: Db;
let handler: (event: ReturnType<typeof httpEvent>, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

beforeAll(async () => {
  db = await financeTable();
  // The policy routes on the real HTTP stack (auth, validation, idempotency, problem+json).
  handler = createHttpHandler({ service: 'finance', routes: policyRoutes, db: () => db, handlers: policyHandlers });
});

const claims = (roles: string[], unitId = '*') => claimsFor(roles, unitId, `user-${roles.join('-')}-${unitId}`);

type Res = APIGatewayProxyStructuredResultV2 & { statusCode: number };
const call = async (input: EventInput) => (await handler(httpEvent(input), lambdaContext())) as Res;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
const body = (res: Res) => jsonOf(res) as any;

const newVersion = {
  parameter: 'levy-penalty-rate',
  appliesTo: null,
  effectiveFrom: '2027-01-01',
  value: 1_300,
  source: 'NĐ giả định/2026/NĐ-CP Art. 38',
  certainty: 'likely',
  note: 'A later penalty rate, for the test.',
};

describe('policy routes through the finance HTTP stack', () => {
  it('are in the finance manifest with product-unique operation ids', () => {
    const ids = manifest.routes.map((r) => r.operationId);
    for (const route of policyRoutes) expect(ids.filter((id) => id === route.operationId)).toHaveLength(1);
  });

  it('list every version with source, certainty and effective range, filtered by parameter', async () => {
    const res = await call({
      path: '/v1/finance/policy',
      query: { parameter: 'base-salary' },
      claims: claims(['accountant'], 'unit-1'),
    });
    expect(res.statusCode).toBe(200);
    expect(body(res).items).toEqual([
      expect.objectContaining({ value: 1_490_000, effectiveUntil: '2023-06-30', source: 'NĐ 38/2019/NĐ-CP' }),
      expect.objectContaining({ value: 1_800_000, effectiveUntil: '2024-06-30', certainty: 'likely' }),
      expect.objectContaining({ value: 2_340_000, effectiveUntil: '2026-06-30', certainty: 'sure' }),
      expect.objectContaining({ value: 2_530_000, effectiveUntil: null, source: 'NĐ 161/2026 (reported)' }),
    ]);
    const all = await call({ path: '/v1/finance/policy', claims: claims(['welfare-officer']) });
    expect(all.statusCode).toBe(200);
    const parameters = new Set(body(all).items.map((v: { parameter: string }) => v.parameter));
    expect(parameters.size).toBe(12);
    const unsure = body(all).items.filter((v: { certainty: string }) => v.certainty === 'unsure');
    expect(unsure.map((v: { id: string }) => v.id)).toContain('dues-rate@2025-07-01#state-budget-full');

    expect((await call({ path: '/v1/finance/policy', claims: claims(['member']) })).statusCode).toBe(403);
    expect(
      (await call({ path: '/v1/finance/policy', query: { parameter: 'nope' }, claims: claims(['admin']) })).statusCode,
    ).toBe(400);
  });

  it('compute one member’s dues with the formula, the rules and the split', async () => {
    const res = await call({
      path: '/v1/finance/policy/dues',
      query: { month: '2025-07', fundingType: 'state-budget-partial', duesSalary: '5200000' },
      claims: claims(['emulation-officer']),
    });
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({
      month: '2025-07',
      duesSalary: 5_200_000,
      unitRateBp: null,
      dues: { amount: 26_000, formula: '0,5% × 5.200.000 = 26.000 (QĐ 61/QĐ-TLĐ (29/7/2025))' },
      split: { upper: { amount: 7_800 }, grassroots: { amount: 18_200 } },
    });
    const capped = body(
      await call({
        path: '/v1/finance/policy/dues',
        query: { month: '2023-06', fundingType: 'self-funded', duesSalary: '30000000' },
        claims: claims(['officer']),
      }),
    );
    expect(capped.dues.amount).toBe(149_000);
    expect(capped.dues.formula).toBe(
      'min(1% × 30.000.000, 10% × 1.490.000) = 149.000 (QĐ 1908/QĐ-TLĐ (2016); NĐ 38/2019/NĐ-CP)',
    );
    // No dues split before 2023: the dues are computed, the split is null.
    const early = body(
      await call({
        path: '/v1/finance/policy/dues',
        query: { month: '2022-05', fundingType: 'self-funded', duesSalary: '5000000' },
        claims: claims(['officer']),
      }),
    );
    expect(early).toMatchObject({ dues: { amount: 50_000 }, split: null });
  });

  it('answer 422 in Vietnamese or English when no rule governs the month, 400 for bad input', async () => {
    const query = { month: '2019-06', fundingType: 'self-funded', duesSalary: '5000000' };
    const vi = await call({ path: '/v1/finance/policy/dues', query, claims: claims(['accountant']) });
    expect(vi.statusCode).toBe(422);
    expect(problemOf(vi).detail).toContain('lương cơ sở');
    const en = await call({
      path: '/v1/finance/policy/dues',
      query,
      headers: { 'Accept-Language': 'en' },
      claims: claims(['accountant']),
    });
    expect(problemOf(en).detail).toContain('no rule for the statutory base salary');
    const bad = await call({
      path: '/v1/finance/policy/dues',
      query: { month: '2025-7', fundingType: 'kind', duesSalary: '1.5' },
      claims: claims(['accountant']),
    });
    expect(bad.statusCode).toBe(400);
    expect((problemOf(bad) as Problem & { errors?: unknown[] }).errors).toHaveLength(3);
  });

  it('compute the levy with its deadline and split, and none for units paid 100% from the state budget', async () => {
    const res = await call({
      path: '/v1/finance/policy/levy',
      query: { month: '2026-04', fundingType: 'self-funded', payroll: '100000001' },
      claims: claims(['inspector']),
    });
    expect(res.statusCode).toBe(200);
    expect(body(res)).toMatchObject({
      levy: { liable: true, amount: 2_000_000, formula: '2% × 100.000.001 = 2.000.000 (Luật Công đoàn 2024 Art. 29)' },
      split: { upper: { amount: 500_000 }, grassroots: { amount: 1_500_000 } },
      deadline: {
        deadline: '2026-05-31',
        unpaidFrom: '2026-07-31',
        rules: [{ source: 'NĐ 105/2026/NĐ-CP' }, { parameter: 'levy-unpaid-after-days' }],
      },
    });
    const exempt = body(
      await call({
        path: '/v1/finance/policy/levy',
        query: { month: '2025-07', fundingType: 'state-budget-full', payroll: '100000000' },
        claims: claims(['accountant']),
      }),
    );
    expect(exempt.levy).toMatchObject({ liable: false, amount: 0 });
    expect(exempt.split.upper.amount).toBe(0);
  });

  it('let a whole-tree admin add a version once (201, idempotent, then 409), and use it at once', async () => {
    const key = randomUUID();
    const add = (idempotencyKey: string, b: object = newVersion) =>
      call({
        method: 'POST',
        path: '/v1/finance/policy/versions',
        headers: { 'Idempotency-Key': idempotencyKey },
        body: b,
        claims: claims(['admin']),
      });
    const created = await add(key);
    expect(created.statusCode).toBe(201);
    expect(body(created)).toMatchObject({
      id: 'levy-penalty-rate@2027-01-01#all',
      origin: 'added',
      effectiveUntil: null,
      source: newVersion.source,
    });
    const replay = await add(key);
    expect(replay.statusCode).toBe(201);
    expect(header(replay, 'idempotent-replayed')).toBe('true');
    const again = await add(randomUUID());
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).detail).toContain('2027-01-01');

    const listed = body(
      await call({ path: '/v1/finance/policy', query: { parameter: 'levy-penalty-rate' }, claims: claims(['admin']) }),
    );
    expect(listed.items.map((v: { effectiveUntil: string | null }) => v.effectiveUntil)).toEqual(['2026-12-31', null]);

    // This instance computes with it at once: December 2026's levy is first late on 1/2/2027.
    const policy = await createPolicyStore(db).load();
    expect(policy.levyPenalty('2026-12', 0, 1_000_000, '2027-02-01')).toMatchObject({ amount: 130_000 });
    expect(policy.levyPenalty('2026-10', 0, 1_000_000, '2027-02-01')).toMatchObject({ amount: 120_000 });
  });

  it('refuse invalid values with 422, bad shapes with 400, other roles and branch admins with 403', async () => {
    const post = (b: object, c = claims(['admin'])) =>
      call({ method: 'POST', path: '/v1/finance/policy/versions', body: b, claims: c });
    const split = await post({
      parameter: 'levy-split',
      appliesTo: null,
      effectiveFrom: '2027-01-01',
      value: { grassrootsBp: 8_000, upperBp: 2_500 },
      source: 'QĐ giả định',
      certainty: 'unsure',
    });
    expect(split.statusCode).toBe(422);
    expect(problemOf(split).detail).toContain('10000');
    const rate = await post({ ...newVersion, effectiveFrom: '2028-01-01', value: 10_001 });
    expect(rate.statusCode).toBe(422);
    expect((await post({ ...newVersion, value: '12%' })).statusCode).toBe(400);
    expect((await post({ ...newVersion, source: undefined })).statusCode).toBe(400);
    expect((await post({ ...newVersion, effectiveFrom: '2028-02-01' }, claims(['accountant']))).statusCode).toBe(403);

    // An admin of a branch may not change the whole organisation's rules; the admin of the top unit may.
    const top = randomUUID();
    const branch = randomUUID();
    await putInDirectory(
      db,
      unit({ id: top, level: 'province', parentId: null }),
      unit({ id: branch, level: 'upper', parentId: top }),
    );
    const byBranch = await post({ ...newVersion, effectiveFrom: '2028-02-01' }, claims(['admin'], branch));
    expect(byBranch.statusCode).toBe(403);
    const byTop = await post({ ...newVersion, effectiveFrom: '2028-02-01' }, claims(['admin'], top));
    expect(byTop.statusCode).toBe(201);
  });
});
