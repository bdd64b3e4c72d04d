import {
  budgetParams,
  budgetSchema,
  chartOfAccountsSchema,
  createPostingBody,
  defineRoute,
  LEDGER_POSTING_REQUESTS,
  ledgerBalancesSchema,
  lockPeriodBody,
  periodParams,
  periodsQuery,
  periodsSchema,
  postingPage,
  postingSchema,
  postingsQuery,
  putBudgetBody,
  reopenPeriodBody,
  reversePostingBody,
  type SubscriptionDefinition,
  unitIdParams,
  unitPostingParams,
  voucherPage,
  vouchersQuery,
} from '@congdoan/contracts';
import { authProblems, FINANCE_READERS, FINANCE_WRITERS, problem } from './route-parts.ts';

const POSTING_RULES =
  'Rules: at least two lines; each line has exactly one positive side (debit or credit) in whole đồng, at most 10^13, on an account of the chart (GET /v1/finance/accounts); total debits equal total credits. ' +
  'The date is not after today in Vietnam, not before 2013-01-01, and not in a locked month (422 period-locked). Cash (111) and bank (112) never go below zero (422 money-balance-negative), and the books’ turnover stays within 2^53 − 1 (422 ledger-amount-out-of-range). ' +
  'A receipt voucher (phiếu thu) must debit cash 111 or bank 112 and takes the next number PT-<year>-NNNNNN of the unit; a payment voucher (phiếu chi) must credit 111 or 112 and takes PC-<year>-NNNNNN. ' +
  'Numbers have no gaps: one is taken only when its posting commits, and each year starts again at 000001. Postings are immutable; a mistake is corrected by a reversal.';

const noUnit = problem('No such unit in the caller’s subtree');

/** The ledger: chart of accounts, balances, postings, reversals, vouchers and budgets (docs/finance-ledger.md). */
export const ledgerRoutes = [
  defineRoute({
    operationId: 'getChartOfAccounts',
    method: 'GET',
    path: '/v1/finance/accounts',
    summary: 'The chart of accounts (hệ thống tài khoản) and the budget categories',
    description:
      'Every unit keeps the same chart. Each account has its type, its normal side and, for income and spending accounts, the budget category its movements count against.',
    roles: FINANCE_READERS,
    responses: { 200: { description: 'The chart', schema: chartOfAccountsSchema }, ...authProblems },
  }),
  defineRoute({
    operationId: 'getLedgerBalances',
    method: 'GET',
    path: '/v1/finance/units/{id}/ledger/balances',
    summary: 'Every account’s turnover and balance, and the trial balance (bảng cân đối tài khoản)',
    description:
      'A balance is debit minus credit. The trial balance totals debit balances and credit balances, and debit and credit turnover; both pairs are equal when the books balance.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams },
    responses: {
      200: { description: 'The balances', schema: ledgerBalancesSchema },
      ...authProblems,
      404: noUnit,
    },
  }),
  defineRoute({
    operationId: 'listLedgerPostings',
    method: 'GET',
    path: '/v1/finance/units/{id}/ledger/postings',
    summary: 'A unit’s postings (sổ nhật ký), by accounting date',
    description:
      'Filter by `period` (YYYY-MM) or by `from` and `to` (days, inclusive); newest first unless `order=asc`. Pages follow `nextCursor`.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: postingsQuery },
    responses: {
      200: { description: 'A page of postings', schema: postingPage },
      ...authProblems,
      404: noUnit,
    },
  }),
  defineRoute({
    operationId: 'getLedgerPosting',
    method: 'GET',
    path: '/v1/finance/units/{id}/ledger/postings/{postingId}',
    summary: 'Read a posting, with the id of its reversal once reversed',
    roles: FINANCE_READERS,
    request: { params: unitPostingParams },
    responses: {
      200: { description: 'The posting', schema: postingSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or no such posting in its ledger'),
    },
  }),
  defineRoute({
    operationId: 'createLedgerPosting',
    method: 'POST',
    path: '/v1/finance/units/{id}/ledger/postings',
    summary: 'Record a posting by hand (bút toán thủ công), e.g. spending with a payment voucher',
    description: POSTING_RULES,
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: createPostingBody },
    responses: {
      201: { description: 'The posting', schema: postingSchema, headers: ['Location'] },
      ...authProblems,
      404: noUnit,
      409: problem('The unit’s books are closed'),
      422: problem(
        'The posting breaks a rule (every problem is listed), its month is locked, it would take cash or bank below zero, or the books past 2^53 − 1',
      ),
    },
  }),
  defineRoute({
    operationId: 'reverseLedgerPosting',
    method: 'POST',
    path: '/v1/finance/units/{id}/ledger/postings/{postingId}/reverse',
    summary: 'Reverse a posting (bút toán đảo): the same lines with debit and credit swapped',
    description:
      'The reversal’s id is the original’s followed by `~reversal`, so a posting is reversed once. It issues no voucher; the original voucher stays in its sequence, marked reversed.',
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: unitPostingParams, body: reversePostingBody },
    responses: {
      201: { description: 'The reversal', schema: postingSchema, headers: ['Location'] },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or no such posting in its ledger'),
      409: problem('The posting is already reversed, or the unit’s books are closed'),
      422: problem(
        'The posting is itself a reversal, the date is before the original’s or after today, its month is locked, or it would take cash or bank below zero',
      ),
    },
  }),
  defineRoute({
    operationId: 'listAccountingPeriods',
    method: 'GET',
    path: '/v1/finance/units/{id}/periods',
    summary:
      'A unit’s accounting periods of a year: which months are locked (khóa sổ), and who locked or reopened them',
    description:
      'The books are locked through a month (`lockedThrough`): that month and every month before it take no posting, collection or reversal. The history lists the year’s locks and reopenings, oldest first, with the note or reason.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: periodsQuery },
    responses: {
      200: { description: 'The year’s months and their history', schema: periodsSchema },
      ...authProblems,
      404: noUnit,
    },
  }),
  defineRoute({
    operationId: 'lockAccountingPeriod',
    method: 'POST',
    path: '/v1/finance/units/{id}/periods/{month}/lock',
    summary: 'Lock a unit’s books through an ended month (khóa sổ kế toán)',
    description:
      'Locks the month and every month before it: a posting, collection or reversal dated in them is then refused with 422 period-locked. Announced by AccountingPeriodLocked.',
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: periodParams, body: lockPeriodBody },
    responses: {
      200: { description: 'The year’s months and their history', schema: periodsSchema },
      ...authProblems,
      404: noUnit,
      409: problem('The month is already locked, or the unit’s books are closed'),
      422: problem('The month has not ended yet'),
    },
  }),
  defineRoute({
    operationId: 'reopenAccountingPeriod',
    method: 'POST',
    path: '/v1/finance/units/{id}/periods/{month}/reopen',
    summary: 'Reopen a locked month of a unit’s books, with a reason (admin only)',
    description:
      'Reopens the month and every later month; the books stay locked through the month before. The reason is kept in the audit and the periods’ history; AccountingPeriodReopened announces it.',
    roles: ['admin'],
    idempotent: true,
    request: { params: periodParams, body: reopenPeriodBody },
    responses: {
      200: { description: 'The year’s months and their history', schema: periodsSchema },
      ...authProblems,
      404: noUnit,
      409: problem('The month is not locked, or the unit’s books are closed'),
    },
  }),
  defineRoute({
    operationId: 'listVouchers',
    method: 'GET',
    path: '/v1/finance/units/{id}/vouchers',
    summary: 'A unit’s receipt or payment vouchers of a year, in number order',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: vouchersQuery },
    responses: {
      200: { description: 'A page of vouchers', schema: voucherPage },
      ...authProblems,
      404: noUnit,
    },
  }),
  defineRoute({
    operationId: 'getBudget',
    method: 'GET',
    path: '/v1/finance/units/{id}/budgets/{year}',
    summary: 'A unit’s budget (dự toán) for a year, with the year’s actuals and the variance per category',
    description:
      'Actuals are the year’s movements on each category’s account: income as credits minus debits, spending as debits minus credits. Variance is actual minus planned; usedBasisPoints is actual / planned in basis points, rounded to the nearest, half up. A budget not yet set answers version 0 with every category planned at 0.',
    roles: FINANCE_READERS,
    request: { params: budgetParams },
    responses: {
      200: { description: 'The budget and its actuals', schema: budgetSchema, headers: ['ETag'] },
      ...authProblems,
      404: noUnit,
    },
  }),
  defineRoute({
    operationId: 'putBudget',
    method: 'PUT',
    path: '/v1/finance/units/{id}/budgets/{year}',
    summary: 'Set a unit’s whole budget for a year',
    description:
      'Replaces every category (one left out is planned at 0). Send If-Match with the ETag read (W/"0" while none is set) so a concurrent change is not overwritten.',
    roles: FINANCE_WRITERS,
    conditional: true,
    request: { params: budgetParams, body: putBudgetBody },
    responses: {
      200: { description: 'The budget and its actuals', schema: budgetSchema, headers: ['ETag'] },
      ...authProblems,
      404: noUnit,
      412: problem('If-Match does not match the current version'),
      422: problem('The total is too large to compute exactly'),
    },
  }),
] as const;

/** Postings other services ask for (`LedgerPostingRequested`), posted once and answered with an event. */
export const ledgerSubscriptions: readonly SubscriptionDefinition[] = [
  {
    name: 'finance-ledger-postings',
    description:
      'Records the postings welfare, emulation and inspection request, once per request, and answers LedgerPosted or LedgerPostingRejected.',
    pattern: {
      source: LEDGER_POSTING_REQUESTS.map((e) => e.source),
      'detail-type': ['LedgerPostingRequested'],
    },
    handler: { file: 'postings', export: 'onPostingRequested' },
  },
];
