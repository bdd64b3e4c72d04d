import { DomainError, type Month, unprocessable } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { beforeAll, describe, expect, it } from 'vitest';
import { createReconciliationStore } from '../../src/adapters/reconciliation-store.ts';
import { createCdcsDirectory } from '../../src/adapters/reconciliation-units.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';
import type { ReconciliationDeps } from '../../src/app/reconciliation/ports.ts';
import { listReports, readReport, readRun } from '../../src/app/reconciliation/read.ts';
import { startReconciliation } from '../../src/app/reconciliation/start.ts';
import { type ReconcileMessage, reconcileUnit } from '../../src/app/reconciliation/worker.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import type { Policy } from '../../src/domain/policy/types.ts';
import type { DuesMonthFigures, LedgerCheck, LevyMonthFigures } from '../../src/domain/reconciliation/sources.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit } from '../support/units.ts';
import { duesFigures, duesOf, ledgerCheck, levyFigures, MONTH } from './fixtures.ts';
import { at, eventsOfRun } from './support.ts';

let db: Db;
let deps: ReconciliationDeps;
const policy = createPolicy(DEFAULT_POLICY_VERSIONS);
const loadPolicy = async (): Promise<Policy> => policy;

/** The figures each unit's readers return: the test plants discrepancies by changing them. */
const figures = new Map<string, { dues: DuesMonthFigures; levy: LevyMonthFigures; ledger: LedgerCheck }>();
const plant = (unitId: string, f: Partial<{ dues: DuesMonthFigures; levy: LevyMonthFigures; ledger: LedgerCheck }>) =>
  figures.set(unitId, {
    dues: duesFigures(unitId),
    levy: levyFigures(unitId),
    ledger: ledgerCheck(unitId),
    ...figures.get(unitId),
    ...f,
  });
/** Calls to the readers, to check a redelivery reads nothing. */
let reads = 0;

const NOW = '2025-09-10T03:00:00.000Z';
const admin = (iso = NOW) => ({ unitId: null, subject: 'admin-1', write: at(iso) });
let province: string;
let upper: string;
let otherUpper: string;
let a: string;
let b: string;
let c: string;
let d: string;
let runSeq = 0;

beforeAll(async () => {
  db = await financeTable();
  deps = {
    store: createReconciliationStore(db),
    cdcs: createCdcsDirectory(db),
    profiles: createUnitProfileStore(db),
    directory: directoryLookup(db),
    sources: {
      async dues(unitId) {
        reads++;
        return figures.get(unitId)!.dues;
      },
      async levy(unitId) {
        reads++;
        return figures.get(unitId)!.levy;
      },
      async ledger(unitId) {
        reads++;
        return figures.get(unitId)!.ledger;
      },
    },
    loadPolicy,
  };
  province = (await seedUnit(db, { level: 'province', parentId: null })).id;
  upper = (await seedUnit(db, { level: 'upper', parentId: province })).id;
  otherUpper = (await seedUnit(db, { level: 'upper', parentId: province })).id;
  a = (await seedUnit(db, { level: 'grassroots', parentId: upper })).id;
  b = (await seedUnit(db, { level: 'grassroots', parentId: upper })).id;
  c = (await seedUnit(db, { level: 'grassroots', parentId: upper, fundingType: 'self-funded' })).id;
  d = (await seedUnit(db, { level: 'grassroots', parentId: otherUpper })).id;
  // A: every figure matches.
  plant(a, {});
  // B: member m2 paid nothing this month.
  plant(b, { dues: duesFigures(b, { collectedByMember: { m1: duesOf(6_000_000) } }) });
  // C (self-funded, owes the levy from 1/7/2025): paid 1.000.000 without a declaration, nothing
  // allocated back of it, and an account off by 100.000.
  plant(c, {
    levy: levyFigures(c, { payroll: null, paid: 1_000_000, allocated: 0 }),
    ledger: ledgerCheck(c, [
      { account: '112', balance: 5_000_000, sumOfPostings: 4_900_000 },
      { account: '421', balance: -5_000_000 },
    ]),
  });
  plant(d, {});
});

/** The run's `ReconciliationRequested` messages, from the outbox. */
const messagesOf = async (runId: string) =>
  (await eventsOfRun(db, runId, 'ReconciliationRequested')) as unknown as ReconcileMessage[];

/** Starts a run and delivers its messages to the worker, as the queued subscription would. */
async function runFor(unitIds: string[], options: { deliverTwice?: boolean } = {}) {
  const runId = `run-test-${++runSeq}`;
  const { run } = await startReconciliation(deps, admin(), { month: MONTH, unitIds, runId, trigger: 'request' });
  const requested = await messagesOf(runId);
  for (const m of requested) {
    await reconcileUnit(deps, m, loadPolicy, at(NOW));
    if (options.deliverTwice) await reconcileUnit(deps, m, loadPolicy, at(NOW));
  }
  return { runId, started: run, requested };
}

const report = (unitId: string) => deps.store.getReport(unitId, MONTH);
const kinds = async (unitId: string) =>
  ((await report(unitId))?.discrepancies ?? []).map((x) => `${x.kind}:${x.subject}`);

describe('a reconciliation run on DynamoDB Local', () => {
  it('fans out one message per unit and finds the planted discrepancies, and only those', async () => {
    const { runId, started, requested } = await runFor([a, b, c]);
    expect(started).toMatchObject({ id: runId, status: 'running', units: { total: 3, done: 0 } });
    expect(requested.map((r) => r.unitId).sort()).toEqual([a, b, c].sort());
    expect(requested.every((r) => r.month === MONTH && r.asOf === '2025-09-10')).toBe(true);

    expect(await kinds(a)).toEqual([]);
    expect(await kinds(b)).toEqual(['dues-member:m2', 'dues-total:unit']);
    expect(await kinds(c)).toEqual(['levy-declaration-missing:unit', 'levy-allocation:unit', 'ledger-account:112']);

    const [missing, allocation] = (await report(c))!.discrepancies;
    expect(missing!.expected.rules.map((r) => r.parameter)).toContain('levy-liable');
    expect(missing!.actual).toBe(1_000_000);
    expect(allocation).toMatchObject({ expected: { amount: 750_000 }, actual: 0, difference: -750_000 });
    const m2 = (await report(b))!.discrepancies[0]!;
    expect(m2).toMatchObject({ expected: { amount: duesOf(8_000_000) }, actual: 0, difference: -duesOf(8_000_000) });

    expect(await readRun(deps, { unitId: null, roles: ['admin'] }, runId)).toMatchObject({
      status: 'completed',
      units: { total: 3, done: 3, failed: 0, withDiscrepancies: 2 },
      discrepancies: 5,
    });
    const completed = await eventsOfRun(db, runId, 'ReconciliationCompleted');
    expect(completed.map((e) => e.unitId).sort()).toEqual([a, b, c].sort());
    const found = await eventsOfRun(db, runId, 'DiscrepancyFound');
    expect(found.map((e) => `${e.kind}:${e.subject}`).sort()).toEqual(
      [
        'dues-member:m2',
        'dues-total:unit',
        'levy-declaration-missing:unit',
        'levy-allocation:unit',
        'ledger-account:112',
      ].sort(),
    );
    // No formula (which shows dues salaries) and no name in the events: ids and amounts only.
    expect(JSON.stringify(found)).not.toContain('8000000');
  });

  it('re-running the period replaces the reports and emits nothing for unchanged discrepancies', async () => {
    const before = (await report(b))!;
    const { runId } = await runFor([a, b, c]);
    const after = (await report(b))!;
    expect(after.runId).toBe(runId);
    expect(after.version).toBe(before.version + 1);
    expect(after.fingerprints).toEqual(before.fingerprints);
    expect(await eventsOfRun(db, runId, 'ReconciliationCompleted')).toEqual([]);
    expect(await eventsOfRun(db, runId, 'DiscrepancyFound')).toEqual([]);
    expect(await readRun(deps, { unitId: null, roles: ['admin'] }, runId)).toMatchObject({
      status: 'completed',
      units: { done: 3 },
      discrepancies: 5,
    });
  });

  it('a changed discrepancy emits a new event; a fixed one disappears from the report', async () => {
    // B's member m2 now paid half; C filed its declaration and paid, and its books were repaired.
    plant(b, { dues: duesFigures(b, { collectedByMember: { m1: duesOf(6_000_000), m2: 20_000 } }) });
    plant(c, { levy: levyFigures(c), ledger: ledgerCheck(c) });
    const { runId } = await runFor([a, b, c]);
    expect(await kinds(b)).toEqual(['dues-member:m2', 'dues-total:unit']);
    expect(await kinds(c)).toEqual([]);
    const found = await eventsOfRun(db, runId, 'DiscrepancyFound');
    expect(found.map((e) => [e.unitId, e.kind, e.actual])).toEqual(
      expect.arrayContaining([
        [b, 'dues-member', 20_000],
        [b, 'dues-total', duesOf(6_000_000) + 20_000],
      ]),
    );
    expect(found).toHaveLength(2);
    const completed = await eventsOfRun(db, runId, 'ReconciliationCompleted');
    expect(completed.map((e) => [e.unitId, e.added, e.resolved, e.discrepancies]).sort()).toEqual(
      [
        [b, 2, 2, 2],
        [c, 0, 3, 0],
      ].sort(),
    );
  });

  it('a redelivered message changes nothing, read or written', async () => {
    plant(b, { dues: duesFigures(b, { collectedByMember: { m1: 1_000 } }) });
    const { runId, requested } = await runFor([b], { deliverTwice: true });
    const run = await readRun(deps, { unitId: null, roles: ['admin'] }, runId);
    expect(run.units).toMatchObject({ total: 1, done: 1 });
    expect(await eventsOfRun(db, runId, 'ReconciliationCompleted')).toHaveLength(1);
    const version = (await report(b))!.version;
    const readsBefore = reads;
    const m = requested[0]!;
    expect(await reconcileUnit(deps, m, loadPolicy, at(NOW))).toEqual({ outcome: 'duplicate' });
    expect(reads).toBe(readsBefore);
    expect((await report(b))!.version).toBe(version);
  });

  it('two deliveries of one message at once: one writes, the other is a duplicate', async () => {
    plant(b, { dues: duesFigures(b, { collectedByMember: { m1: 2_000 } }) });
    const runId = `run-test-${++runSeq}`;
    await startReconciliation(deps, admin(), { month: MONTH, unitIds: [b], runId, trigger: 'request' });
    const [m] = await messagesOf(runId);
    const outcomes = await Promise.all([
      reconcileUnit(deps, m!, loadPolicy, at(NOW)),
      reconcileUnit(deps, m!, loadPolicy, at(NOW)),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'saved']);
    expect((await readRun(deps, { unitId: null, roles: ['admin'] }, runId)).units.done).toBe(1);
    expect(await eventsOfRun(db, runId, 'ReconciliationCompleted')).toHaveLength(1);
  });

  it('announces every new discrepancy of a large unit across transactions, each once', async () => {
    const big = (await seedUnit(db, { level: 'grassroots', parentId: upper })).id;
    const salaries = Object.fromEntries(Array.from({ length: 230 }, (_, i) => [`m${i}`, 5_000_000 + i * 1_000]));
    plant(big, { dues: duesFigures(big, { salaries, collectedByMember: {}, collected: 0 }) });
    const { runId } = await runFor([big], { deliverTwice: true });
    const stored = (await report(big))!;
    expect(stored.discrepancies).toHaveLength(231);
    expect(stored.pending).toEqual([]);
    const found = await eventsOfRun(db, runId, 'DiscrepancyFound');
    expect(found).toHaveLength(231);
    expect(new Set(found.map((e) => e.fingerprint)).size).toBe(231);
  });

  it('a worker dying between the report and its remaining announcements: the redelivery finishes them', async () => {
    const big = (await seedUnit(db, { level: 'grassroots', parentId: upper })).id;
    const salaries = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`m${i}`, 5_000_000 + i * 1_000]));
    plant(big, { dues: duesFigures(big, { salaries, collectedByMember: {}, collected: 0 }) });
    const runId = `run-test-${++runSeq}`;
    await startReconciliation(deps, admin(), { month: MONTH, unitIds: [big], runId, trigger: 'request' });
    const [m] = await messagesOf(runId);
    const dying: ReconciliationDeps = {
      ...deps,
      store: {
        ...deps.store,
        announce: async () => {
          throw new Error('the Lambda timed out');
        },
      },
    };
    await expect(reconcileUnit(dying, m!, loadPolicy, at(NOW))).rejects.toThrow('timed out');
    expect((await report(big))!.pending.length).toBe(121 - 95);
    expect(await eventsOfRun(db, runId, 'DiscrepancyFound')).toHaveLength(95);
    expect(await reconcileUnit(deps, m!, loadPolicy, at(NOW))).toEqual({ outcome: 'duplicate' });
    expect((await report(big))!.pending).toEqual([]);
    const found = await eventsOfRun(db, runId, 'DiscrepancyFound');
    expect(new Set(found.map((e) => e.fingerprint)).size).toBe(121);
    expect(found).toHaveLength(121);
  });

  it('records a unit the policy cannot reconcile as failed, and the run completes with the failure named', async () => {
    const failing = async (): Promise<Policy> => ({
      ...policy,
      levyDeadline: () => {
        throw unprocessable('no-rule', { vi: 'Không có quy định', en: 'No rule' });
      },
    });
    const runId = `run-test-${++runSeq}`;
    await startReconciliation(deps, admin(), { month: MONTH, unitIds: [a], runId, trigger: 'request' });
    const [m] = await messagesOf(runId);
    expect(await reconcileUnit(deps, m!, failing, at(NOW))).toEqual({ outcome: 'failed', code: 'no-rule' });
    expect(await reconcileUnit(deps, m!, loadPolicy, at(NOW))).toEqual({ outcome: 'duplicate' });
    const run = await readRun(deps, { unitId: null, roles: ['admin'] }, runId);
    expect(run).toMatchObject({ status: 'completed-with-failures', units: { total: 1, done: 0, failed: 1 } });
    expect(run.failures).toEqual([
      { unitId: a, code: 'no-rule', message: { vi: 'Không có quy định', en: 'No rule' }, attempts: 1, at: NOW },
    ]);
  });

  it('a retried trigger resumes its run without queueing a unit twice', async () => {
    const runId = `run-test-${++runSeq}`;
    const first = await startReconciliation(deps, admin(), {
      month: MONTH,
      unitIds: [a, b],
      runId,
      trigger: 'request',
    });
    const again = await startReconciliation(deps, admin(), {
      month: MONTH,
      unitIds: [a, b],
      runId,
      trigger: 'request',
    });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.run.units.total).toBe(2);
    expect(await eventsOfRun(db, runId, 'ReconciliationRequested')).toHaveLength(2);
  });
});

describe('who may run and read', () => {
  const accountant = (unitId: string) => ({ unitId, subject: 'acc-1', write: at(NOW) });

  it('an accountant reconciles only inside their subtree: another upper’s CĐCS answers 404', async () => {
    const runId = `run-test-${++runSeq}`;
    await expect(
      startReconciliation(deps, accountant(upper), { month: MONTH, unitIds: [a, d], runId, trigger: 'request' }),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect(await deps.store.getRun(runId)).toBeUndefined();
  });

  it('without unitIds, a run covers the CĐCS of the caller’s subtree, found through the profiles’ index', async () => {
    const runId = `run-test-${++runSeq}`;
    await startReconciliation(deps, accountant(upper), { month: MONTH, runId, trigger: 'request' });
    const queued = (await eventsOfRun(db, runId, 'ReconciliationRequested')).map((e) => e.unitId);
    expect(queued).toContain(a);
    expect(queued).toContain(c);
    expect(queued).not.toContain(d);
    // The run is visible to callers above it, not to another upper's.
    await expect(readRun(deps, { unitId: province, roles: ['accountant'] }, runId)).resolves.toMatchObject({
      id: runId,
    });
    await expect(readRun(deps, { unitId: otherUpper, roles: ['accountant'] }, runId)).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('refuses a month not yet begun and a unit that is not a CĐCS', async () => {
    await expect(
      startReconciliation(deps, admin(), { month: '2025-10', unitIds: [a], runId: 'x1', trigger: 'request' }),
    ).rejects.toMatchObject({ kind: 'unprocessable', code: 'month-in-future' });
    await expect(
      startReconciliation(deps, admin(), { month: MONTH, unitIds: [upper], runId: 'x2', trigger: 'request' }),
    ).rejects.toMatchObject({ kind: 'unprocessable', code: 'not-a-cdcs' });
  });

  it('reads a report with formulas and rules, hiding dues salaries from an inspector; 404 before a first run', async () => {
    const full = await readReport(deps, { unitId: upper, roles: ['accountant'] }, b, MONTH);
    expect(full.masked).toBe(false);
    expect(full.discrepancies[0]!.expected.formula).toContain('×');
    const inspector = await readReport(deps, { unitId: null, roles: ['inspector'] }, b, MONTH);
    expect(inspector.masked).toBe(true);
    const member = inspector.discrepancies.find((x) => x.kind === 'dues-member')!;
    expect(member.expected.formula).not.toMatch(/\d{7}/);
    expect(member.expected.rules.length).toBeGreaterThan(0);
    await expect(readReport(deps, { unitId: null, roles: ['admin'] }, d, MONTH)).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(readReport(deps, { unitId: otherUpper, roles: ['admin'] }, b, MONTH)).rejects.toBeInstanceOf(
      DomainError,
    );
  });

  it('lists a unit’s reports of a year by month', async () => {
    plant(a, { dues: duesFigures(a, {}, '2025-07' as Month) });
    const runId = `run-test-${++runSeq}`;
    await startReconciliation(deps, admin(), { month: '2025-07', unitIds: [a], runId, trigger: 'request' });
    for (const m of await messagesOf(runId)) await reconcileUnit(deps, m, loadPolicy, at(NOW));
    const items = await listReports(deps, { unitId: null, roles: ['officer'] }, a, 2025);
    expect(items.map((r) => r.month)).toEqual(['2025-07', '2025-08']);
    expect(await listReports(deps, { unitId: null, roles: ['officer'] }, a, 2024)).toEqual([]);
  });
});

describe('the CĐCS index', () => {
  it('lists active CĐCS and those dissolved on or after a day, never other levels', async () => {
    const gone = (
      await seedUnit(db, {
        level: 'grassroots',
        parentId: upper,
        status: 'dissolved',
        updatedAt: '2025-08-20T02:00:00.000Z',
      })
    ).id;
    const longGone = (
      await seedUnit(db, {
        level: 'grassroots',
        parentId: upper,
        status: 'dissolved',
        updatedAt: '2025-05-31T02:00:00.000Z',
      })
    ).id;
    const ids = await deps.cdcs.list('2025-08-01');
    expect(ids).toEqual(expect.arrayContaining([a, b, c, d, gone]));
    expect(ids).not.toContain(longGone);
    expect(ids).not.toContain(upper);
    expect(ids).not.toContain(province);
  });
});
