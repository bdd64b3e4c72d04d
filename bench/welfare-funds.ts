/**
 * `npm run bench -- welfare-funds`: disbursements from one welfare fund under contention
 * (docs/welfare.md), on DynamoDB Local in memory. The fund holds exactly enough for N
 * disbursements and gets N × 1.25 of them from W concurrent writers; the figure is its
 * throughput against a single conditional UpdateItem on one item (the floor of any design that
 * keeps a balance from going below zero) with the same writers in the same run: the ratio.
 * Two ways of writing the fund: each writer its own store (separate Lambda instances: DynamoDB's
 * transaction conflicts decide, retried), and one store shared (one instance: requests on the
 * fund take turns). It checks the outcome each time (exactly N succeed, balance 0) and counts
 * the DynamoDB calls per disbursement.
 *
 *   BENCH_FUND_DISBURSEMENTS=200   N
 *   BENCH_FUND_WRITERS=10          W
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { table } from './stats.ts';
import { byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const N = Number(process.env.BENCH_FUND_DISBURSEMENTS ?? 200);
const W = Number(process.env.BENCH_FUND_WRITERS ?? 10);
const AMOUNT = 1_000;
const ATTEMPTS = Math.round(N * 1.25);

interface Figures {
  label: string;
  ok: number;
  refused: number;
  seconds: number;
  calls: Map<string, number>;
}

/** Runs `attempts` tasks on `W` workers; counts successes and refusals (any other error fails the bench). */
async function contend(label: string, task: (i: number) => Promise<unknown>, isRefusal: (e: unknown) => boolean) {
  let next = 0;
  let ok = 0;
  let refused = 0;
  const before = snapshot();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: W }, async () => {
      while (next < ATTEMPTS) {
        const i = next++;
        try {
          await task(i);
          ok++;
        } catch (error) {
          if (!isRefusal(error)) throw error;
          refused++;
        }
      }
    }),
  );
  return { label, ok, refused, seconds: (performance.now() - started) / 1000, calls: since(before) } as Figures;
}

export async function welfareFundsBench(): Promise<void> {
  await onDynamoDbLocal('welfare', 'bench-welfare-funds', 'ap-southeast-1', async (db: Db) => {
    const { createFundStore } = await import('../services/welfare/src/adapters/fund-store.ts');
    const { createDriveStore } = await import('../services/welfare/src/adapters/drive-store.ts');
    const { createLoanStore } = await import('../services/welfare/src/adapters/loan-store.ts');
    const { createVisitStore } = await import('../services/welfare/src/adapters/visit-store.ts');
    const { createBloodDriveStore } = await import('../services/welfare/src/adapters/blood-drive-store.ts');
    const { createSavingsLists } = await import('../services/welfare/src/adapters/savings-lists.ts');
    const { createCaseStore } = await import('../services/welfare/src/adapters/case-store.ts');
    const { createDuesStandings } = await import('../services/welfare/src/adapters/dues-store.ts');
    const { createFund, getFund, recordMovement } = await import('../services/welfare/src/app/funds.ts');
    const { systemContext } = await import('@congdoan/ddb');
    const units = {
      assertInScope: async () => {},
      visible: async <T>(_c: unknown, found: T | undefined) => {
        if (!found) throw new Error('no fund');
        return found;
      },
      isWithin: async () => true,
      subtreeOf: async () => [],
      levelOf: async () => undefined,
    };
    const members = { get: async () => Promise.reject(new Error('no members in this bench')) };
    const depsWith = (funds = createFundStore(db)) => ({
      units,
      members,
      funds,
      drives: createDriveStore(db),
      loans: createLoanStore(db),
      visits: createVisitStore(db),
      bloodDrives: createBloodDriveStore(db),
      savings: createSavingsLists(db),
      cases: createCaseStore(db),
      dues: createDuesStandings(db),
    });
    const caller = { unitId: null, write: systemContext('bench-welfare-funds') };
    const insufficient = (e: unknown) => e instanceof DomainError && e.code === 'fund-balance-insufficient';

    const figures: Figures[] = [];
    // The floor: one conditional UpdateItem on one item.
    const floorKey = { pk: 'BENCH#floor', sk: 'BALANCE' };
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: floorKey,
        UpdateExpression: 'SET balance = :b',
        ExpressionAttributeValues: { ':b': N * AMOUNT },
      }),
    );
    figures.push(
      await contend(
        'one conditional UpdateItem on one item',
        () =>
          db.client.send(
            new UpdateCommand({
              TableName: db.tableName,
              Key: floorKey,
              UpdateExpression: 'SET balance = balance - :a',
              ConditionExpression: 'balance >= :a',
              ExpressionAttributeValues: { ':a': AMOUNT },
            }),
          ),
        (e) => e instanceof Error && e.name === 'ConditionalCheckFailedException',
      ),
    );

    for (const shared of [false, true]) {
      const deps = depsWith();
      const fund = await createFund(deps, caller, 'bench-unit', { kind: 'hardship', name: 'Quỹ bench' });
      await recordMovement(deps, caller, fund.id, { type: 'allocation', amount: N * AMOUNT, memo: 'Trích' });
      const perWriter = Array.from({ length: W }, () => depsWith());
      const f = await contend(
        shared ? 'disbursements, one store (one instance: turns)' : 'disbursements, a store per writer (conflicts)',
        (i) =>
          recordMovement(shared ? deps : perWriter[i % W]!, caller, fund.id, {
            type: 'disbursement',
            method: 'cash',
            amount: AMOUNT,
            memo: `Chi ${i}`,
          }),
        insufficient,
      );
      const after = await getFund(deps, caller, fund.id);
      if (f.ok !== N || after.balance !== 0) {
        throw new Error(`${f.label}: ${f.ok} succeeded and the balance is ${after.balance}, not ${N} and 0`);
      }
      figures.push(f);
    }

    const floor = figures[0]!;
    const rate = (f: Figures) => (f.ok + f.refused) / f.seconds;
    console.log(
      `\nDisbursements from one welfare fund: ${ATTEMPTS} attempts from ${W} writers against a balance for exactly ${N} (DynamoDB Local, in memory)\n`,
    );
    console.log(
      table([
        [
          'writes',
          'succeeded',
          'refused',
          's',
          'attempts/s',
          'vs one UpdateItem',
          'calls per attempt',
          'by operation (per attempt)',
        ],
        ...figures.map((f) => [
          f.label,
          String(f.ok),
          String(f.refused),
          f.seconds.toFixed(2),
          rate(f).toFixed(0),
          `${(rate(f) / rate(floor)).toFixed(2)}×`,
          (total(f.calls) / ATTEMPTS).toFixed(2),
          byOperation(f.calls, ATTEMPTS),
        ]),
      ]),
    );

    await caseStepCalls(depsWith(), caller);
  });
}

/**
 * The DynamoDB calls of each step of a support case (issue 12, item 3), one case walked from
 * its draft to its closing by one store: what each step reads and writes, in the same run.
 */
async function caseStepCalls(
  base: import('../services/welfare/src/app/ports.ts').WelfareDeps,
  caller: import('../services/welfare/src/app/ports.ts').Caller,
) {
  const cases = await import('../services/welfare/src/app/cases.ts');
  const { createFund, recordMovement } = await import('../services/welfare/src/app/funds.ts');
  const member = {
    id: 'bench-member',
    fullName: 'Đoàn viên bench',
    gender: 'female' as const,
    dateOfBirth: '1980-01-01',
    cardNumber: null,
    joinDate: '2005-01-01',
    unitId: 'bench-unit',
    status: 'active' as const,
    history: [{ from: '2005-01-01', to: null, unitId: 'bench-unit', status: 'active' as const }],
    version: 1,
  };
  // One member, active, and every unit at the province's level (so one approval suffices).
  const deps = {
    ...base,
    members: { get: async () => member },
    units: { ...base.units, levelOf: async () => 'province' as const },
  };
  const fund = await createFund(deps, caller, 'bench-unit', { kind: 'hardship', name: 'Quỹ bench' });
  await recordMovement(deps, caller, fund.id, { type: 'allocation', amount: 10_000_000, memo: 'Trích' });
  const as = { ...caller, seesPersonal: true };
  const rows: string[][] = [];
  const measure = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const before = snapshot();
    const out = await run();
    const calls = since(before);
    rows.push([step, String(total(calls)), byOperation(calls)]);
    return out;
  };
  const c = await measure('open (draft)', () =>
    cases.openCase(deps, as, {
      fundId: fund.id,
      memberId: member.id,
      type: 'illness',
      amount: 1_000_000,
      incidentDate: '2026-01-10',
      summary: 'Nằm viện',
      method: 'cash',
    }),
  );
  await measure('submit', () => cases.submitCase(deps, as, c.id, {}));
  await measure('verify', () => cases.verifyCase(deps, as, c.id, { documents: ['application', 'hospital-papers'] }));
  await measure('approve', () => cases.approveCase(deps, as, c.id, {}));
  await measure('disburse', () => cases.disburseCase(deps, as, c.id, {}));
  await measure('close', () => cases.closeCase(deps, as, c.id, {}));
  await measure('read (with its posting)', () => cases.getCase(deps, as, c.id));
  console.log('\nDynamoDB calls per support-case step (one case, DynamoDB Local)\n');
  console.log(table([['step', 'calls', 'by operation'], ...rows]));
}
