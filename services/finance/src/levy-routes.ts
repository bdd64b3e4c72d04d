import {
  BankStatementImportRequested,
  bankLinePage,
  bankLineParams,
  bankLineSchema,
  bankLinesQuery,
  bankStatementBody,
  bankStatementPage,
  bankStatementParams,
  bankStatementSchema,
  bankStatementsQuery,
  bankStatementWithLinesSchema,
  confirmBankLineBody,
  confirmedBankLineSchema,
  defineRoute,
  ignoreBankLineBody,
  levyAllocationBody,
  levyAllocationParams,
  levyAllocationSchema,
  levyDeclarationBody,
  levyMonthParams,
  levyMonthSchema,
  levyPaymentBody,
  levyPaymentParams,
  levyPaymentSchema,
  levyYearQuery,
  levyYearSchema,
  type RouteDefinition,
  type SubscriptionDefinition,
  unitIdParams,
} from '@congdoan/contracts';
import { authProblems, FINANCE_READERS, FINANCE_WRITERS, problem } from './route-parts.ts';

const CDCS_404 = problem('No such grassroots union in the caller’s subtree');
const ACCOUNT_404 = problem('No such unit in the caller’s subtree');

const LEVY_RULES =
  'The levy is 2% of the payroll used for compulsory social insurance (policy `levy-rate`), owed where the agency is liable that month ' +
  '(policy `levy-liable`: from 1/7/2025 units paid 100% from the state budget owe none, certainty "likely"). Every figure names its rule. ' +
  'Amounts are whole đồng, rounded to the nearest đồng, half up.';

const PAYMENT_RULES =
  'Recorded at the upper level (the CĐCS’s parent) in one transaction with its receipt voucher: Dr 112; Cr 5112 the upper share, ' +
  'Cr 3362 the CĐCS share (policy `levy-split`, 25/75 by default, certainty "unsure"), Cr 5115 any penalty paid. ' +
  'A month’s part is late when the date is after the month’s deadline (policy `levy-deadline`: the last day of the following month).';

/** The employer levy (KPCĐ) of a CĐCS's agency, and the upper level's bank statements matched against it. */
export const levyRoutes = [
  defineRoute({
    operationId: 'putLevyDeclaration',
    method: 'PUT',
    path: '/v1/finance/units/{id}/levy/{month}/declaration',
    summary: 'Declare (or correct) a month’s social-insurance payroll of a CĐCS’s agency; answers the levy due',
    description: `${LEVY_RULES} Only a grassroots unit whose agency has a tax ID, and not a month still to come. A correction keeps the replaced figures in \`corrections\`; send the month’s \`version\` in If-Match to apply it only to that version. The funding type is the agency’s when first declared.`,
    roles: FINANCE_WRITERS,
    conditional: true,
    request: { params: levyMonthParams, body: levyDeclarationBody },
    responses: {
      200: { description: 'The month with its declaration and levy due', schema: levyMonthSchema, headers: ['ETag'] },
      ...authProblems,
      404: CDCS_404,
      412: problem('If-Match does not match the declaration’s version'),
      422: problem(
        'Not a grassroots unit, its agency has no tax ID or funding type, the month has not begun, or no rule covers it',
      ),
    },
  }),
  defineRoute({
    operationId: 'getLevyMonth',
    method: 'GET',
    path: '/v1/finance/units/{id}/levy/{month}',
    summary: 'Read one month of a CĐCS’s levy as of today (Vietnam)',
    roles: FINANCE_READERS,
    request: { params: levyMonthParams },
    responses: {
      200: { description: 'The month', schema: levyMonthSchema, headers: ['ETag'] },
      ...authProblems,
      404: CDCS_404,
      422: problem('Not a grassroots unit, or no rule covers the month'),
    },
  }),
  defineRoute({
    operationId: 'getLevyYear',
    method: 'GET',
    path: '/v1/finance/units/{id}/levy',
    summary:
      'A CĐCS’s levy for a year: per month payroll, due, paid on time and late, outstanding, deadline, status, penalty, allocation',
    description: `${LEVY_RULES} Penalty (policy \`levy-penalty-rate\`, NĐ 12/2022 Art. 38, 12% by default) on what was paid late plus what is still owed after the deadline, as of \`asOf\` (today in Vietnam by default); a month still owing on or after the unpaid threshold (60 days after the deadline, NĐ 105/2026) is \`unpaid\`.`,
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: levyYearQuery },
    responses: {
      200: { description: 'Twelve months and the year’s totals', schema: levyYearSchema },
      ...authProblems,
      404: CDCS_404,
      422: problem('Not a grassroots unit, or no rule covers the year'),
    },
  }),
  defineRoute({
    operationId: 'recordLevyPayment',
    method: 'POST',
    path: '/v1/finance/units/{id}/levy/payments',
    summary: 'Record a levy payment received by the upper level for a CĐCS’s agency (one or several months)',
    description: `${PAYMENT_RULES} The months’ amounts (and penalties) add up to the amount. Only callers whose subtree holds the upper level (403 otherwise).`,
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: levyPaymentBody },
    responses: {
      201: { description: 'The payment with its receipt voucher', schema: levyPaymentSchema, headers: ['Location'] },
      ...authProblems,
      404: CDCS_404,
      409: problem('The upper level’s books are closed'),
      422: problem(
        'The amounts do not add up, a month repeats or lies after the payment date, the date is in the future',
      ),
    },
  }),
  defineRoute({
    operationId: 'getLevyPayment',
    method: 'GET',
    path: '/v1/finance/units/{id}/levy/payments/{paymentId}',
    summary: 'Read a levy payment of a CĐCS',
    roles: FINANCE_READERS,
    request: { params: levyPaymentParams },
    responses: {
      200: { description: 'The payment', schema: levyPaymentSchema },
      ...authProblems,
      404: problem('No such payment of a grassroots union in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'allocateLevy',
    method: 'POST',
    path: '/v1/finance/units/{id}/levy/allocations',
    summary: 'Allocate part of a month’s levy back down to the CĐCS',
    description:
      'By the upper level’s accountants, in one transaction: a payment voucher at the upper level (Dr 3362 / Cr 112) and a receipt at the CĐCS (Dr 112 / Cr 5113). Refused beyond the CĐCS’s share of what was paid for the month (policy `levy-split`) minus what was already allocated, also under concurrent requests.',
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: levyAllocationBody },
    responses: {
      201: { description: 'The allocation with its two vouchers', schema: levyAllocationSchema, headers: ['Location'] },
      ...authProblems,
      404: CDCS_404,
      409: problem('The books of the upper level or of the CĐCS are closed'),
      422: problem('More than the CĐCS’s share still to allocate, or the date is in the future'),
    },
  }),
  defineRoute({
    operationId: 'getLevyAllocation',
    method: 'GET',
    path: '/v1/finance/units/{id}/levy/allocations/{allocationId}',
    summary: 'Read an allocation of levy to a CĐCS',
    roles: FINANCE_READERS,
    request: { params: levyAllocationParams },
    responses: {
      200: { description: 'The allocation', schema: levyAllocationSchema },
      ...authProblems,
      404: problem('No such allocation of a grassroots union in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'importBankStatement',
    method: 'POST',
    path: '/v1/finance/units/{id}/bank-statements',
    summary: 'Import a statement (CSV) of the upper level’s bank account and match its credits to levy payments',
    description:
      'Layout in docs/bank-statements.md: a header row with Ngày giao dịch (DD/MM/YYYY), Số tham chiếu, Nội dung, Ghi có, Ghi nợ, Số dư, optionally Tài khoản đối ứng, Tên đối ứng (or date, reference, description, credit, debit, balance); UTF-8, comma or semicolon separated. An invalid file answers 422 with every problem by row and column, and nothing is written. A credit is recorded as a levy payment only when its memo’s tax ID maps to exactly one CĐCS under this unit, the months are named and the amount fits (one month: any amount; several: exactly what each still owes); otherwise it waits for review with the reason. Lines already known (same account and bank reference) are counted as duplicates and change nothing. Lines are recorded in file order; what the request’s 5 s do not cover is recorded in the background (202).',
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: bankStatementBody },
    responses: {
      201: {
        description: 'The import, complete, with its summary and duplicates; GET the Location for its lines',
        schema: bankStatementSchema,
        headers: ['Location'],
      },
      202: {
        description:
          'The import, still `importing` past the request’s 5 s: the rest is recorded in the background (GET the Location until `complete`)',
        schema: bankStatementSchema,
        headers: ['Location'],
      },
      ...authProblems,
      404: ACCOUNT_404,
      409: problem('The unit’s books are closed: no statement can be imported into its account'),
      422: problem('The file is invalid (errors by row and column), not UTF-8, or the unit is not an upper level'),
    },
  }),
  defineRoute({
    operationId: 'listBankStatements',
    method: 'GET',
    path: '/v1/finance/units/{id}/bank-statements',
    summary: 'List the statements imported for a unit’s account, the latest first',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: bankStatementsQuery },
    responses: {
      200: { description: 'A page of imports', schema: bankStatementPage },
      ...authProblems,
      404: ACCOUNT_404,
    },
  }),
  defineRoute({
    operationId: 'getBankStatement',
    method: 'GET',
    path: '/v1/finance/units/{id}/bank-statements/{statementId}',
    summary: 'Read an import with its lines and summary (matched, review, ignored, duplicates)',
    roles: FINANCE_READERS,
    request: { params: bankStatementParams },
    responses: {
      200: { description: 'The import', schema: bankStatementWithLinesSchema },
      ...authProblems,
      404: problem('No such statement of a unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'listBankLines',
    method: 'GET',
    path: '/v1/finance/units/{id}/bank-lines',
    summary: 'List the account’s statement lines by status (review by default), oldest first',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: bankLinesQuery },
    responses: {
      200: { description: 'A page of lines', schema: bankLinePage },
      ...authProblems,
      404: ACCOUNT_404,
    },
  }),
  defineRoute({
    operationId: 'getBankLine',
    method: 'GET',
    path: '/v1/finance/units/{id}/bank-lines/{lineId}',
    summary: 'Read a statement line',
    roles: FINANCE_READERS,
    request: { params: bankLineParams },
    responses: {
      200: { description: 'The line', schema: bankLineSchema },
      ...authProblems,
      404: problem('No such line of a unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'confirmBankLine',
    method: 'POST',
    path: '/v1/finance/units/{id}/bank-lines/{lineId}/confirm',
    summary: 'Assign a credit under review to a CĐCS and months: it becomes a levy payment',
    description: `${PAYMENT_RULES} The months add up to the line’s credit; the CĐCS is directly under the account’s unit. A line already matched is refused with 409, also when two confirmations arrive at once (one payment).`,
    roles: FINANCE_WRITERS,
    request: { params: bankLineParams, body: confirmBankLineBody },
    responses: {
      200: { description: 'The matched line and its payment', schema: confirmedBankLineSchema },
      ...authProblems,
      404: problem('No such line, or no such CĐCS, in the caller’s subtree'),
      409: problem('The line is already matched, or the books are closed'),
      422: problem('A debit line, the months do not add up to the credit, or the CĐCS is not under this unit'),
    },
  }),
  defineRoute({
    operationId: 'ignoreBankLine',
    method: 'POST',
    path: '/v1/finance/units/{id}/bank-lines/{lineId}/ignore',
    summary: 'Set a statement line aside with a reason',
    roles: FINANCE_WRITERS,
    request: { params: bankLineParams, body: ignoreBankLineBody },
    responses: {
      200: { description: 'The ignored line', schema: bankLineSchema },
      ...authProblems,
      404: problem('No such line of a unit in the caller’s subtree'),
      409: problem('The line is already matched'),
    },
  }),
] as const satisfies readonly RouteDefinition[];

export const levySubscriptions: readonly SubscriptionDefinition[] = [
  {
    name: 'finance-bank-statement-import',
    description:
      'Records the lines a statement import left after its request’s time budget, 20 s at a time, each slice queuing the next; a redelivery handles no line twice.',
    pattern: {
      source: [BankStatementImportRequested.source],
      'detail-type': [BankStatementImportRequested.detailType],
    },
    handler: { file: 'bank-statements', export: 'onBankStatementImportRequested' },
  },
];
