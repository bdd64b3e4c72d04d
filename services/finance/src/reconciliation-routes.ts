import {
  defineRoute,
  ReconciliationRequested,
  reconciliationReportListSchema,
  reconciliationReportSchema,
  reconciliationRunParams,
  reconciliationRunSchema,
  type ScheduleDefinition,
  type SubscriptionDefinition,
  startReconciliationBody,
  unitIdParams,
  unitReconciliationParams,
  unitReconciliationsQuery,
} from '@congdoan/contracts';
import { authProblems, FINANCE_READERS, FINANCE_WRITERS, problem } from './route-parts.ts';

/** The monthly reconciliation of each CĐCS (docs/finance-reconciliation.md). */
export const reconciliationRoutes = [
  defineRoute({
    operationId: 'startReconciliation',
    method: 'POST',
    path: '/v1/finance/reconciliations',
    summary: 'Reconcile a month for the CĐCS of the caller’s subtree, or the ones named',
    description:
      'Starts a run in the background and answers 202 with it: one message per CĐCS, each reconciled by the finance reconciliation worker, which replaces the unit’s report for the month. Compares dues expected (roster × policy) with collected, per member and in total; the upper share with what was remitted; the levy declared with what was paid, and a missing declaration where the agency owes the levy; allocations due with those made; each ledger account’s balance with its postings, and the trial balance. Re-running a month replaces its reports and announces only discrepancies that are new. With an Idempotency-Key, a retried request resumes the same run.',
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { body: startReconciliationBody },
    responses: {
      202: { description: 'The run, started', schema: reconciliationRunSchema, headers: ['Location'] },
      200: {
        description: 'The run this same request started earlier',
        schema: reconciliationRunSchema,
        headers: ['Location'],
      },
      ...authProblems,
      404: problem('A named unit is not in the caller’s subtree, or finance has not heard of it'),
      409: problem('The run id exists for another month'),
      422: problem('The month has not started, or a named unit is not a CĐCS'),
    },
  }),
  defineRoute({
    operationId: 'getReconciliationRun',
    method: 'GET',
    path: '/v1/finance/reconciliations/{runId}',
    summary: 'Follow a reconciliation run: units done, failed, and discrepancies found',
    description:
      'A run that has not progressed for two minutes shows `stalledSince`, when it last progressed: finance’s sweeper takes it over a minute after its last progress, and it completes without anyone acting.',
    roles: FINANCE_READERS,
    request: { params: reconciliationRunParams },
    responses: {
      200: { description: 'The run', schema: reconciliationRunSchema },
      ...authProblems,
      404: problem('No such run in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getUnitReconciliation',
    method: 'GET',
    path: '/v1/finance/units/{id}/reconciliations/{month}',
    summary: 'A CĐCS’s reconciliation report for a month',
    description:
      'Each discrepancy with the expected figure (its amount, the formula and the policy versions that produced it), the recorded figure and the difference, next to the month’s totals. A member’s dues formula shows their dues salary and is withheld from roles that do not see salaries.',
    roles: FINANCE_READERS,
    request: { params: unitReconciliationParams },
    responses: {
      200: { description: 'The report', schema: reconciliationReportSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or the month was never reconciled'),
    },
  }),
  defineRoute({
    operationId: 'listUnitReconciliations',
    method: 'GET',
    path: '/v1/finance/units/{id}/reconciliations',
    summary: 'A CĐCS’s reconciliation reports of a year, by month, with counts and totals',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: unitReconciliationsQuery },
    responses: {
      200: { description: 'The reports of the year', schema: reconciliationReportListSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
] as const;

export const reconciliationSubscriptions: readonly SubscriptionDefinition[] = [
  {
    name: 'finance-reconciliation-worker',
    description:
      'Reconciles one CĐCS for one month of a run and replaces its report; a redelivered message changes nothing.',
    pattern: { source: [ReconciliationRequested.source], 'detail-type': [ReconciliationRequested.detailType] },
    handler: { file: 'reconciliation', export: 'onReconciliationRequested' },
    // Ten units per invocation, five invocations at once: a run of a thousand CĐCS
    // never has more than five transactions raising its counters together.
    queue: { batchSize: 10, maxConcurrency: 5 },
  },
];

export const reconciliationSchedules: readonly ScheduleDefinition[] = [
  {
    name: 'finance-monthly-reconciliation',
    description:
      'Reconciles the previous month for every CĐCS at 02:00 on the 5th (Vietnam): the month has closed, members’ dues for it have been collected and the CĐCS have remitted the upper share.',
    cron: 'cron(0 2 5 * ? *)',
    timezone: 'Asia/Ho_Chi_Minh',
    handler: { file: 'reconciliation', export: 'onMonthlySchedule' },
  },
];
