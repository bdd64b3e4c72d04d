import {
  booksClosingSchema,
  booksSchema,
  booksToCloseListSchema,
  closeBooksBody,
  dashboardQuery,
  dashboardSchema,
  defineRoute,
  disclosureSchema,
  fileDownloadSchema,
  reportYearParams,
  type SubscriptionDefinition,
  UnitDissolved,
  unitIdParams,
} from '@congdoan/contracts';
import { authProblems, FINANCE_READERS, problem } from './route-parts.ts';

const noUnit = problem('No such unit in the caller’s subtree, or finance has not heard of it yet');

/** Who may read a unit's disclosure: finance readers, and a member for their own unit (công khai to members). */
const DISCLOSURE_READERS = [...FINANCE_READERS, 'member'] as const;

const DISCLOSURE_DESCRIPTION =
  'The year’s income and spending by budget category (dự toán categories), each against the year’s budget with the variance (actual − budget) and the share used (basis points, nearest, a half rounding up), their totals and the surplus, cash (111) and bank (112) on 1 January and 31 December, and, for a dissolved unit closed that year, what it handed up. ' +
  'Each line states its rule: income = credits − debits, spending = debits − credits of the category’s account over the year’s periods, reversals deducted, the books-closing transfer into 421 excluded. ' +
  'Finance readers see any unit in their subtree; a member sees the disclosure of their own unit (the unit of their token) only. Works for a dissolved unit whose books are closed.';

/** Finance reports: the annual disclosure, the dashboard, and closing a dissolved unit’s books (docs/finance-reports.md). */
export const reportsRoutes = [
  defineRoute({
    operationId: 'getFinanceDisclosure',
    method: 'GET',
    path: '/v1/finance/units/{id}/disclosure/{year}',
    summary: 'The annual financial disclosure of a unit (công khai tài chính)',
    description: DISCLOSURE_DESCRIPTION,
    roles: DISCLOSURE_READERS,
    request: { params: reportYearParams },
    responses: { 200: { description: 'The disclosure', schema: disclosureSchema }, ...authProblems, 404: noUnit },
  }),
  defineRoute({
    operationId: 'exportFinanceDisclosure',
    method: 'GET',
    path: '/v1/finance/units/{id}/disclosure/{year}/export',
    summary: 'The same disclosure as an .xlsx (biểu công khai tài chính), base64 in JSON',
    description:
      'Vietnamese headings in the layout of a disclosure form, amounts in đồng with thousands separators, shares as percentages with two decimals. Decode `base64` and save it as `filename`.',
    roles: DISCLOSURE_READERS,
    request: { params: reportYearParams },
    responses: { 200: { description: 'The workbook', schema: fileDownloadSchema }, ...authProblems, 404: noUnit },
  }),
  defineRoute({
    operationId: 'getFinanceDashboard',
    method: 'GET',
    path: '/v1/finance/units/{id}/dashboard',
    summary: 'A unit’s finances for a month at a glance',
    description:
      'For a CĐCS: dues expected, collected and outstanding, the upper share due and remitted, and the levy due, paid, outstanding and its penalty, for the month and the year to date. For every unit: cash and bank today, the year’s budget use from January to the month, whether the books are closed, and the latest reconciliation report of the year up to the month. About ten DynamoDB calls whatever the number of members or months.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: dashboardQuery },
    responses: {
      200: { description: 'The dashboard', schema: dashboardSchema },
      ...authProblems,
      404: noUnit,
      422: problem('The CĐCS has members but no funding type on record, so its dues cannot be computed'),
    },
  }),
  defineRoute({
    operationId: 'closeFinanceBooks',
    method: 'POST',
    path: '/v1/finance/units/{id}/close-books',
    summary: 'Close the books of a dissolved unit and settle every balance to its upper level',
    description:
      'One transaction: at the unit, one posting (a payment voucher when money leaves) closes income and spending into 421, moves every other balance but the money to 3363 and pays cash and bank up against 3363; at the upper level, one posting (a receipt voucher when money arrives) debits 112 by the money and 3362 by the unit’s levy share it received and never allocated back (it keeps it), credits 5114 by the dues share the unit still owed and 5116 by the rest. The unit’s books are then closed: no posting is accepted afterwards, and everything stays readable. ' +
      'An administrator or accountant whose subtree holds the upper level may close; the unit must be dissolved. Every balance is guarded in the transaction, so a posting landing meanwhile makes the closing recompute.',
    roles: ['admin', 'accountant'],
    idempotent: true,
    request: { params: unitIdParams, body: closeBooksBody },
    responses: {
      201: { description: 'The closing, with both postings', schema: booksClosingSchema },
      ...authProblems,
      403: problem('The caller lacks the role, or their subtree does not hold the unit’s upper level'),
      404: noUnit,
      409: problem('The unit is not dissolved, its books are already closed, or its upper level’s books are closed'),
      422: problem('The date is in the future or before the unit’s last posting, or the unit has no upper level'),
    },
  }),
  defineRoute({
    operationId: 'getFinanceBooks',
    method: 'GET',
    path: '/v1/finance/units/{id}/books',
    summary: 'Whether a unit’s books are open or closed, with the closing and its settlement postings',
    roles: FINANCE_READERS,
    request: { params: unitIdParams },
    responses: { 200: { description: 'The books’ state', schema: booksSchema }, ...authProblems, 404: noUnit },
  }),
  defineRoute({
    operationId: 'listFinanceBooksToClose',
    method: 'GET',
    path: '/v1/finance/units/{id}/books-to-close',
    summary: 'The dissolved units below an upper level whose books are still to close',
    description:
      'Recorded from membership’s UnitDissolved event and removed by the closing. Money is never posted automatically: a person closes each.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams },
    responses: {
      200: { description: 'Oldest dissolution first', schema: booksToCloseListSchema },
      ...authProblems,
      404: noUnit,
    },
  }),
] as const;

export const reportsSubscriptions: readonly SubscriptionDefinition[] = [
  {
    name: 'finance-books-to-close',
    description:
      'Records a dissolved unit as having books to close, for its upper level’s list; posts no money (a person closes the books).',
    pattern: { source: ['congdoan.membership'], 'detail-type': [UnitDissolved.detailType] },
    handler: { file: 'closing', export: 'onUnitDissolved' },
  },
];
