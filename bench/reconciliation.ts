/**
 * `npm run bench -- reconciliation`: the monthly finance reconciliation on DynamoDB
 * Local, for 100 and then 1,000 CĐCS. The data is written straight into the stores'
 * items (BatchWriteItem, with each store's own keys); the run goes through the real
 * code: the schedule's entry point (listing the CĐCS, writing the run and fanning
 * out one message per unit) and the queued worker's entry point, fed SQS-shaped
 * batches of 10 with 5 batches in flight, as the subscription's queue settings say.
 * bench/README.md says what each figure means.
 *
 *   BENCH_RECON_SIZES=100,1000    the numbers of CĐCS, in order (each adds units to the last)
 *   BENCH_RECON_MEMBERS=4         members per CĐCS
 */
import { randomUUID } from 'node:crypto';
import { type BusEvent, type Month, ReconciliationRequested } from '@congdoan/contracts';
import { type Db, queryAll } from '@congdoan/ddb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { DUES_KIND, duesMonthKey } from '../services/finance/src/adapters/dues-keys.ts';
import { levyMonthKey } from '../services/finance/src/adapters/levy-keys.ts';
import { LEVY_KIND } from '../services/finance/src/adapters/levy-store.ts';
import { runKey } from '../services/finance/src/adapters/reconciliation-keys.ts';
import { DEFAULT_POLICY_VERSIONS } from '../services/finance/src/domain/policy/defaults.ts';
import { createPolicy } from '../services/finance/src/domain/policy/policy.ts';
import { profileItem, rosterItem } from './finance-items.ts';
import { table } from './stats.ts';
import { batchWrite, byOperation, onDynamoDbLocal, since, snapshot, total } from './support.ts';

const SIZES = (process.env.BENCH_RECON_SIZES ?? '100,1000').split(',').map(Number);
const MEMBERS = Number(process.env.BENCH_RECON_MEMBERS ?? 4);
const TABLE = 'bench-finance';
const MONTH = '2025-08' as Month;
const FUNDING = 'self-funded' as const;
/** The subscription's queue settings (services/finance/src/reconciliation-routes.ts). */
const BATCH_SIZE = 10;
const MAX_CONCURRENCY = 5;
/** One unit in ten gets a member who paid nothing: the run must find those, and only those. */
const PLANT_EVERY = 10;

// ---------------------------------------------------------------------------
// Data: each CĐCS's profile (with the CĐCS index), its roster, the month's dues and levy.

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);

function unitItems(unitId: string, n: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [profileItem(unitId, n, FUNDING)];
  const paid: Record<string, number> = {};
  for (let m = 0; m < MEMBERS; m++) {
    const memberId = `${unitId}-m${m}`;
    const duesSalary = 5_000_000 + m * 750_000;
    items.push(rosterItem(unitId, m, duesSalary));
    const planted = n % PLANT_EVERY === 0 && m === 0;
    if (!planted) paid[memberId] = policy.dues({ month: MONTH, fundingType: FUNDING, duesSalary }).amount;
  }
  const collected = Object.values(paid).reduce((t, a) => t + a, 0);
  const split = policy.duesSplit(MONTH, collected);
  items.push({
    ...duesMonthKey(unitId, MONTH),
    kind: DUES_KIND.month,
    unitId,
    month: MONTH,
    collected,
    grassrootsCollected: split.grassroots.amount,
    upperCollected: split.upper.amount,
    remitted: split.upper.amount,
    paid,
    collections: 1,
    remittances: 1,
    version: 2,
  });
  const payroll = MEMBERS * 6_000_000;
  const due = policy.levy(MONTH, FUNDING, payroll).amount;
  const share = policy.levySplit(MONTH, due).grassroots.amount;
  items.push({
    ...levyMonthKey(unitId, MONTH),
    kind: LEVY_KIND.month,
    unitId,
    month: MONTH,
    declaration: {
      payroll,
      headcount: MEMBERS,
      note: null,
      fundingType: FUNDING,
      declaredAt: '2025-09-05T02:00:00.000Z',
      declaredBy: 'bench',
      version: 1,
    },
    version: 1,
    corrections: [],
    payments: [{ paymentId: `${unitId}-p`, date: '2025-09-20', amount: due, late: false, source: 'manual' }],
    penaltyPayments: [],
    allocations: [{ allocationId: `${unitId}-a`, date: '2025-09-25', amount: share }],
    paid: due,
    penaltyPaid: 0,
    allocated: share,
  });
  return items;
}

// ---------------------------------------------------------------------------
// The run: the schedule's entry point, then the worker's, batch by batch.

function sqsBatch(messages: BusEvent[]): SQSEvent {
  return {
    Records: messages.map(
      (event): SQSRecord => ({
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: JSON.stringify(event),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'events.amazonaws.com',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:bench-finance-reconciliation-worker-queue',
        awsRegion: 'ap-southeast-1',
      }),
    ),
  };
}

/** The run's messages, rebuilt from its unit markers (one Query): what the bus would hand the queue. */
async function messagesOf(db: Db, runId: string, asOf: string): Promise<BusEvent[]> {
  const markers = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
    ExpressionAttributeValues: { ':pk': runKey(runId).pk, ':unit': 'UNIT#' },
  });
  return markers.map((item) => ({
    version: '0',
    id: randomUUID(),
    source: ReconciliationRequested.source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'ap-southeast-1',
    resources: [],
    'detail-type': ReconciliationRequested.detailType,
    detail: {
      metadata: {
        eventId: randomUUID(),
        eventVersion: 1,
        occurredAt: new Date().toISOString(),
        correlationId: runId,
        actor: { id: 'system:finance-monthly-reconciliation', roles: [], unitId: null },
      },
      data: { runId, unitId: String(item.unitId), month: MONTH, asOf },
    },
  }));
}

interface SizeFigures {
  label: string;
  units: number;
  fanOutSeconds: number;
  fanOutCalls: Map<string, number>;
  workSeconds: number;
  workCalls: Map<string, number>;
  discrepancies: number;
  unitsWithDiscrepancies: number;
  failedRecords: number;
}

async function runOnce(db: Db, units: number, label: string): Promise<SizeFigures> {
  const { onMonthlySchedule, onReconciliationRequested } = await import(
    '../services/finance/src/handlers/reconciliation.ts'
  );
  let before = snapshot();
  let started = performance.now();
  const run = await onMonthlySchedule({ scheduledTime: new Date().toISOString(), month: MONTH });
  const fanOutSeconds = (performance.now() - started) / 1000;
  const fanOutCalls = since(before);
  if (run.units.total !== units) throw new Error(`the run queued ${run.units.total} units, not ${units}`);

  const messages = await messagesOf(db, run.id, run.asOf);
  const batches: BusEvent[][] = [];
  for (let i = 0; i < messages.length; i += BATCH_SIZE) batches.push(messages.slice(i, i + BATCH_SIZE));
  let failedRecords = 0;
  before = snapshot();
  started = performance.now();
  const lane = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const response = await onReconciliationRequested(sqsBatch(batch));
      failedRecords += response?.batchItemFailures.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: MAX_CONCURRENCY }, lane));
  const workSeconds = (performance.now() - started) / 1000;
  const workCalls = since(before);

  const { readRun } = await import('../services/finance/src/app/reconciliation/read.ts');
  const { financeDeps } = await import('../services/finance/src/handlers/deps.ts');
  const done = await readRun(financeDeps(), { unitId: null, roles: ['admin'] }, run.id);
  if (done.status !== 'completed' || done.units.done !== units) {
    throw new Error(`the run did not complete: ${JSON.stringify(done)}`);
  }
  return {
    label,
    units,
    fanOutSeconds,
    fanOutCalls,
    workSeconds,
    workCalls,
    discrepancies: done.discrepancies,
    unitsWithDiscrepancies: done.units.withDiscrepancies,
    failedRecords,
  };
}

export async function reconciliationBench(): Promise<void> {
  await onDynamoDbLocal('finance', TABLE, 'ap-southeast-1', async (db) => {
    const figures: SizeFigures[] = [];
    let created = 0;
    for (const size of SIZES) {
      const seedStarted = performance.now();
      const items: Record<string, unknown>[] = [];
      for (; created < size; created++) items.push(...unitItems(`bench-cdcs-${created}`, created));
      await batchWrite(db, items, 8);
      console.log(
        `seeded ${size} CĐCS (${items.length} items with BatchWriteItem) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
      );
      if (figures.length === 0) {
        // The first run warms the JIT and DynamoDB Local; the same month again replaces every report unchanged.
        figures.push(await runOnce(db, size, `${size.toLocaleString('en')} (cold)`));
        figures.push(await runOnce(db, size, `${size.toLocaleString('en')} (again, unchanged)`));
      } else {
        figures.push(await runOnce(db, size, size.toLocaleString('en')));
      }
    }

    console.log(
      `\nMonthly reconciliation of ${MONTH}, ${MEMBERS} members per CĐCS, worker batches of ${BATCH_SIZE}, ${MAX_CONCURRENCY} in flight (DynamoDB Local, in memory)\n`,
    );
    console.log(
      table([
        ['CĐCS', 'fan-out s', 'calls/unit', 'worker s', 'units/s', 'calls/unit', 'worker calls per unit', 'found'],
        ...figures.map((f) => [
          f.label,
          f.fanOutSeconds.toFixed(2),
          (total(f.fanOutCalls) / f.units).toFixed(2),
          f.workSeconds.toFixed(2),
          `${(f.units / f.workSeconds).toFixed(0)} /s`,
          (total(f.workCalls) / f.units).toFixed(2),
          byOperation(f.workCalls, f.units, 2),
          `${f.discrepancies} in ${f.unitsWithDiscrepancies} units`,
        ]),
      ]),
    );
    const [small, large] = [figures[1] ?? figures[0]!, figures.at(-1)!];
    if (large.units > small.units) {
      const ratio = large.workSeconds / small.workSeconds;
      console.log(
        `\n${large.units / small.units}× the units took ${ratio.toFixed(1)}× the worker time; calls per unit ${(total(small.workCalls) / small.units).toFixed(2)} → ${(total(large.workCalls) / large.units).toFixed(2)}.`,
      );
    }
    const failed = figures.reduce((t, f) => t + f.failedRecords, 0);
    if (failed > 0) console.log(`${failed} records failed and would have been redelivered.`);
  });
}
