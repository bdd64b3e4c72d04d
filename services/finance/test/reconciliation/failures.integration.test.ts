import { randomUUID } from 'node:crypto';
import { NumberValue, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { QUEUE_MAX_RECEIVE_COUNT, ReconciliationRequested } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { QueuedBatchFailedError } from '@congdoan/http-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { busEvent } from '../../../../test/support/bus-events.ts';
import { unitProfileKey as profileKey } from '../../src/adapters/keys.ts';
import { balanceKey } from '../../src/adapters/ledger-keys.ts';
import { readRun } from '../../src/app/reconciliation/read.ts';
import { startReconciliation } from '../../src/app/reconciliation/start.ts';
import { buildFinanceDeps, type FinanceDeps } from '../../src/handlers/deps.ts';
import { sqsDelivery } from '../support/queue.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit } from '../support/units.ts';
import { at, eventsOfRun } from './support.ts';

/**
 * A unit that fails on every delivery (docs/finance-reconciliation.md,
 * "Failures"): its last receive records it failed with the reason, so the run
 * ends `completed-with-failures` naming it, instead of staying `running` while
 * the message sits in the dead letters.
 */

let db: Db;
let deps: FinanceDeps;
let onReconciliationRequested: typeof import('../../src/handlers/reconciliation.ts').onReconciliationRequested;

beforeAll(async () => {
  db = await financeTable();
  deps = buildFinanceDeps(db);
  ({ onReconciliationRequested } = await import('../../src/handlers/reconciliation.ts'));
});

const NOW = '2025-07-10T03:00:00.000Z';
const whole = { unitId: null, roles: ['admin' as const] };

/** The message as SQS hands it to the worker on its `receiveCount`-th receive. */
const delivery = (data: unknown, receiveCount: number) =>
  sqsDelivery(
    busEvent('congdoan.finance', ReconciliationRequested.detailType, data),
    receiveCount,
    'finance-reconciliation-worker',
  );

describe('units that fail permanently', () => {
  it('end the run completed-with-failures, naming each unit and the reason: at once, or on the last receive', async () => {
    const upper = await seedUnit(db, { level: 'upper' });
    const healthy = (await seedUnit(db, { parentId: upper.id })).id;
    const legacy = (await seedUnit(db, { parentId: upper.id })).id;
    const corrupt = (await seedUnit(db, { parentId: upper.id })).id;
    // A balance beyond 2^53 − 1, as books written before the ledger refused them could hold:
    // the document client reads it as a BigInt, and Number() would round it without a word.
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...balanceKey(legacy, '111'),
          kind: 'ledger-balance',
          unitId: legacy,
          account: '111',
          debit: NumberValue.from('10000000000000001'),
          credit: 0,
          balance: NumberValue.from('10000000000000001'),
        },
      }),
    );
    // A profile damaged by hand: reading it fails the same way on every delivery, with no domain error.
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: profileKey(corrupt),
        UpdateExpression: 'SET fundingHistory = :broken',
        ExpressionAttributeValues: { ':broken': 7 },
      }),
    );

    const runId = `run-failures-${randomUUID()}`;
    await startReconciliation(
      deps,
      { unitId: null, subject: 'admin-1', write: at(NOW) },
      { month: '2025-06', unitIds: [healthy, legacy, corrupt], runId, trigger: 'request' },
    );
    const messages = await eventsOfRun(db, runId, 'ReconciliationRequested');
    const forUnit = (unitId: string) => messages.find((m) => m.unitId === unitId)!;

    expect((await onReconciliationRequested(delivery(forUnit(healthy), 1)))?.batchItemFailures).toEqual([]);
    // The stored amount is refused when read: a domain error, recorded on the first delivery.
    expect((await onReconciliationRequested(delivery(forUnit(legacy), 1)))?.batchItemFailures).toEqual([]);
    for (let receive = 1; receive < QUEUE_MAX_RECEIVE_COUNT; receive++) {
      // A batch of one record that fails is a failed batch: SQS gives it back.
      await expect(onReconciliationRequested(delivery(forUnit(corrupt), receive))).rejects.toThrow(
        QueuedBatchFailedError,
      );
      expect((await readRun(deps, whole, runId)).status).toBe('running');
    }
    const last = await onReconciliationRequested(delivery(forUnit(corrupt), QUEUE_MAX_RECEIVE_COUNT));
    expect(last?.batchItemFailures).toEqual([]);

    const run = await readRun(deps, whole, runId);
    expect(run).toMatchObject({
      status: 'completed-with-failures',
      units: { total: 3, done: 1, failed: 2 },
    });
    const byUnit = new Map(run.failures.map((f) => [f.unitId, f]));
    expect(byUnit.get(legacy)).toMatchObject({ code: 'ledger-amount-out-of-range', attempts: 1 });
    expect(byUnit.get(legacy)!.message.en).toContain('of account 111 of 10000000000000001 đồng, beyond 2^53 − 1');
    expect(byUnit.get(corrupt)).toMatchObject({ code: 'unexpected-error', attempts: QUEUE_MAX_RECEIVE_COUNT });
    expect(byUnit.get(corrupt)!.message.en).toContain(`each of its ${QUEUE_MAX_RECEIVE_COUNT} attempts (TypeError)`);
    expect(byUnit.get(corrupt)!.message.vi).toContain('TypeError');
  }, 60_000);
});
