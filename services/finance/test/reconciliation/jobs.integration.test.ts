import type { Db } from '@congdoan/ddb';
import { dueJobs } from '@congdoan/ddb';
import { directoryLookup } from '@congdoan/org-directory';
import { beforeAll, describe, expect, it } from 'vitest';
import { createReconciliationStore } from '../../src/adapters/reconciliation-store.ts';
import { createCdcsDirectory } from '../../src/adapters/reconciliation-units.ts';
import { createUnitProfileStore } from '../../src/adapters/unit-profile-store.ts';
import type { ReconciliationDeps, ReconciliationStore } from '../../src/app/reconciliation/ports.ts';
import { readRun } from '../../src/app/reconciliation/read.ts';
import { MAX_RUN_ATTEMPTS } from '../../src/app/reconciliation/resume.ts';
import { startReconciliation } from '../../src/app/reconciliation/start.ts';
import { type ReconcileMessage, reconcileUnit } from '../../src/app/reconciliation/worker.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { sweepFinanceJobs } from '../../src/handlers/schedules.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit } from '../support/units.ts';
import { duesFigures, ledgerCheck, levyFigures, MONTH } from './fixtures.ts';
import { at, eventsOfRun, outbox } from './support.ts';

/**
 * Reconciliation runs as background jobs (docs/finance-reconciliation.md, "Stalls"):
 * a run whose start or workers died is taken over by finance's sweeper once its lease
 * lapses, completes with nobody acting, and signals the stall once. Clocks are
 * injected: a minute passes between two lines.
 */

let db: Db;
let deps: ReconciliationDeps;
const policy = createPolicy(DEFAULT_POLICY_VERSIONS);
const loadPolicy = async () => policy;
let province: string;
let upper: string;
let runSeq = 0;

const T0 = Date.parse('2025-09-10T03:00:00.000Z');
/** The clock `seconds` after the run started. */
const after = (seconds: number) => at(new Date(T0 + seconds * 1000).toISOString());
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const whole = { unitId: null, roles: ['admin' as const] };

beforeAll(async () => {
  db = await financeTable();
  deps = {
    store: createReconciliationStore(db),
    cdcs: createCdcsDirectory(db),
    profiles: createUnitProfileStore(db),
    directory: directoryLookup(db),
    sources: {
      dues: async (unitId) => duesFigures(unitId),
      levy: async (unitId) => levyFigures(unitId),
      ledger: async (unitId) => ledgerCheck(unitId),
    },
    loadPolicy,
  };
  province = (await seedUnit(db, { level: 'province', parentId: null })).id;
  upper = (await seedUnit(db, { level: 'upper', parentId: province })).id;
});

const cdcs = async (n: number, parentId = upper) =>
  Promise.all(Array.from({ length: n }, async () => (await seedUnit(db, { level: 'grassroots', parentId })).id));

/** A store whose process is killed (SIGKILL) after writing the first unit's message: nothing releases the lease. */
const dyingStore = (store: ReconciliationStore): ReconciliationStore => ({
  ...store,
  async queueUnits(run, unitIds, holder, ctx) {
    await store.queueUnits(run, unitIds.slice(0, 1), holder, ctx);
    throw new Error('killed');
  },
});

const messagesOf = async (runId: string) =>
  (await eventsOfRun(db, runId, 'ReconciliationRequested')) as unknown as ReconcileMessage[];
const stallsOf = async (runId: string) =>
  (await outbox(db)).filter((e) => e.detailType === 'JobStalled' && e.data.jobId === runId).map((e) => e.data);
const sweep = (seconds: number) => sweepFinanceJobs(db, deps, after(seconds));
const resumedIds = async (seconds: number) => (await sweep(seconds)).resumed.map((j) => j.id);
/** Whether the run is on the lease index at all (any time). */
const onIndex = async (runId: string) =>
  (await dueJobs(db, new Date('2999-01-01T00:00:00.000Z'), 1000)).some(
    (j) => j.kind === 'reconciliation-run' && j.id === runId,
  );

describe('a reconciliation run whose start died while writing its messages', () => {
  it('is left to its live lease, then taken over by the sweeper, completes, signals one JobStalled and leaves the index', async () => {
    const units = await cdcs(3);
    const runId = `run-dead-start-${++runSeq}`;
    const accountant = { unitId: upper, subject: 'acc-1', write: after(0) };
    await expect(
      startReconciliation({ ...deps, store: dyingStore(deps.store) }, accountant, {
        month: MONTH,
        runId,
        trigger: 'request',
      }),
    ).rejects.toThrow('killed');
    expect(await readRun(deps, whole, runId, new Date(T0))).toMatchObject({
      status: 'queueing',
      units: { total: 1 },
      stalledSince: null,
    });
    expect(await onIndex(runId)).toBe(true);

    // While the lease is live the sweeper leaves the run alone.
    expect(await resumedIds(59)).not.toContain(runId);
    expect(await messagesOf(runId)).toHaveLength(1);

    // The lease lapsed: the sweeper takes the run over and writes the two messages still missing.
    expect(await resumedIds(61)).toContain(runId);
    const taken = await readRun(deps, whole, runId, new Date(T0 + 61_000));
    expect(taken).toMatchObject({ status: 'running', units: { total: 3, done: 0 } });
    const messages = await messagesOf(runId);
    expect(messages.map((m) => m.unitId).sort()).toEqual([...units].sort());
    // Once per stall: the next sweeps find the run's new lease live.
    expect(await resumedIds(61)).not.toContain(runId);
    expect(await resumedIds(100)).not.toContain(runId);
    expect(await stallsOf(runId)).toEqual([
      { jobKind: 'reconciliation-run', jobId: runId, unitId: upper, stalledSince: iso(0), attempts: 1 },
    ]);

    for (const m of messages) await reconcileUnit(deps, m, loadPolicy, after(70));
    const done = await readRun(deps, whole, runId, new Date(T0 + 3_600_000));
    expect(done).toMatchObject({ status: 'completed', units: { total: 3, done: 3 }, stalledSince: null });
    // A finished run leaves the lease index: no sweep ever finds it again.
    expect(await onIndex(runId)).toBe(false);
    expect(await resumedIds(3_600)).not.toContain(runId);
    expect(await stallsOf(runId)).toHaveLength(1);
  });

  it('a retried start leaves the run to the live lease, and takes over a lapsed one with one JobStalled', async () => {
    const units = await cdcs(2);
    const runId = `run-retried-${++runSeq}`;
    const start = (seconds: number, store = deps.store) =>
      startReconciliation(
        { ...deps, store },
        { unitId: null, subject: 'admin-1', write: after(seconds) },
        { month: MONTH, unitIds: units, runId, trigger: 'request' },
      );
    await expect(start(0, dyingStore(deps.store))).rejects.toThrow('killed');

    // The same Idempotency-Key again within the lease: the run as it is, nothing written twice.
    const early = await start(30);
    expect(early).toMatchObject({ created: false, run: { status: 'queueing', units: { total: 1 } } });
    expect(await messagesOf(runId)).toHaveLength(1);
    expect(await stallsOf(runId)).toEqual([]);

    const late = await start(61);
    expect(late).toMatchObject({ created: false, run: { status: 'running', units: { total: 2 } } });
    expect((await messagesOf(runId)).map((m) => m.unitId).sort()).toEqual([...units].sort());
    expect(await stallsOf(runId)).toEqual([
      { jobKind: 'reconciliation-run', jobId: runId, unitId: null, stalledSince: iso(0), attempts: 1 },
    ]);
    // The sweeper finds the run's lease live: it is not taken over twice.
    expect(await resumedIds(62)).not.toContain(runId);
    expect(await stallsOf(runId)).toHaveLength(1);
  });
});

describe('a reconciliation run whose unit messages were lost', () => {
  it('shows stalled, is written again for the pending units once a lease passed without progress, and completes', async () => {
    const [a, b, c] = await cdcs(3);
    const runId = `run-lost-${++runSeq}`;
    await startReconciliation(
      deps,
      { unitId: null, subject: 'admin-1', write: after(0) },
      { month: MONTH, unitIds: [a!, b!, c!], runId, trigger: 'request' },
    );
    const first = await messagesOf(runId);
    const forUnit = (unitId: string) => first.find((m) => m.unitId === unitId)!;
    // A is reconciled ten seconds in; the messages of B and C are lost (dead-lettered, a worker killed).
    await reconcileUnit(deps, forUnit(a!), loadPolicy, after(10));

    // The run progressed ten seconds in: its lease runs until seventy, and the sweeper moves its entry on.
    expect(await resumedIds(65)).not.toContain(runId);
    expect((await dueJobs(db, new Date(T0 + 65_000), 1000)).map((j) => j.id)).not.toContain(runId);
    expect((await dueJobs(db, new Date(T0 + 71_000), 1000)).map((j) => j.id)).toContain(runId);

    // Two minutes without progress: the API shows the run stalled since it last progressed.
    expect((await readRun(deps, whole, runId, new Date(T0 + 129_000))).stalledSince).toBeNull();
    expect(await readRun(deps, whole, runId, new Date(T0 + 131_000))).toMatchObject({
      status: 'running',
      units: { total: 3, done: 1 },
      stalledSince: iso(10),
    });

    expect(await resumedIds(131)).toContain(runId);
    // The pending units' messages are written again, the settled one's not.
    const all = await messagesOf(runId);
    expect(all.map((m) => m.unitId).sort()).toEqual([a!, b!, b!, c!, c!].sort());
    const requeued = [b!, c!].map((unitId) => ({ ...forUnit(unitId) }));
    expect(await resumedIds(131)).not.toContain(runId);
    expect(await stallsOf(runId)).toEqual([
      { jobKind: 'reconciliation-run', jobId: runId, unitId: null, stalledSince: iso(10), attempts: 1 },
    ]);

    for (const m of requeued) {
      expect(await reconcileUnit(deps, m, loadPolicy, after(140))).toMatchObject({ outcome: 'saved' });
    }
    // The lost messages turning up late change nothing.
    expect(await reconcileUnit(deps, forUnit(b!), loadPolicy, after(150))).toEqual({ outcome: 'duplicate' });
    expect(await readRun(deps, whole, runId, new Date(T0 + 3_600_000))).toMatchObject({
      status: 'completed',
      units: { total: 3, done: 3 },
      stalledSince: null,
    });
    expect(await onIndex(runId)).toBe(false);
    expect(await stallsOf(runId)).toHaveLength(1);
  });

  it('gives its pending units up as failed, with the reason, once it has stalled at every run of the job', async () => {
    const [a, b] = await cdcs(2);
    const runId = `run-given-up-${++runSeq}`;
    await startReconciliation(
      deps,
      { unitId: null, subject: 'admin-1', write: after(0) },
      { month: MONTH, unitIds: [a!, b!], runId, trigger: 'request' },
    );
    const [m] = (await messagesOf(runId)).filter((x) => x.unitId === a);
    await reconcileUnit(deps, m!, loadPolicy, after(1));
    // B's message is lost every time it is written: each lapse is a stall, taken over once.
    let seconds = 1;
    for (let run = 1; run < MAX_RUN_ATTEMPTS; run++) {
      seconds += 61;
      expect(await resumedIds(seconds)).toContain(runId);
      expect(await readRun(deps, whole, runId, new Date(T0 + seconds * 1000))).toMatchObject({ status: 'running' });
    }
    expect((await messagesOf(runId)).filter((x) => x.unitId === b)).toHaveLength(MAX_RUN_ATTEMPTS);

    seconds += 61;
    expect(await resumedIds(seconds)).toContain(runId);
    const run = await readRun(deps, whole, runId, new Date(T0 + seconds * 1000));
    expect(run).toMatchObject({
      status: 'completed-with-failures',
      units: { total: 2, done: 1, failed: 1 },
      stalledSince: null,
    });
    expect(run.failures).toEqual([
      expect.objectContaining({ unitId: b, code: 'reconciliation-stalled', attempts: MAX_RUN_ATTEMPTS }),
    ]);
    expect((await messagesOf(runId)).filter((x) => x.unitId === b)).toHaveLength(MAX_RUN_ATTEMPTS);
    // One JobStalled per stall, each naming the runs so far.
    expect((await stallsOf(runId)).map((d) => Number(d.attempts)).sort((x, y) => x - y)).toEqual(
      Array.from({ length: MAX_RUN_ATTEMPTS }, (_, i) => i + 1),
    );
    expect(await onIndex(runId)).toBe(false);
  });

  it('a run the sweeper finds settled (its last worker died before saying so) leaves the index', async () => {
    const [a] = await cdcs(1);
    const runId = `run-settled-${++runSeq}`;
    await startReconciliation(
      deps,
      { unitId: null, subject: 'admin-1', write: after(0) },
      { month: MONTH, unitIds: [a!], runId, trigger: 'request' },
    );
    const [m] = await messagesOf(runId);
    // The worker commits the unit and dies before it looks at the run.
    const silent: ReconciliationDeps = { ...deps, store: { ...deps.store, finishRun: async () => {} } };
    await reconcileUnit(silent, m!, loadPolicy, after(5));
    expect(await onIndex(runId)).toBe(true);

    const swept = await sweep(120);
    expect(swept.resumed.map((j) => j.id)).not.toContain(runId);
    expect(await onIndex(runId)).toBe(false);
    expect(await stallsOf(runId)).toEqual([]);
  });
});
