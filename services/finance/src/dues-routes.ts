import {
  collectDuesBody,
  DuesCollected,
  defineRoute,
  duesArrearsSchema,
  duesCollectionSchema,
  duesMonthParams,
  duesMonthSheetSchema,
  duesRangeQuery,
  duesRateResolutionBody,
  duesRateResolutionListSchema,
  duesRateResolutionSchema,
  duesRemittanceListQuery,
  duesRemittanceListSchema,
  duesRemittanceSchema,
  MEMBER_EVENTS,
  memberDuesSchema,
  memberIdParams,
  ReconciliationRequested,
  remitDuesBody,
  type SubscriptionDefinition,
  unitIdParams,
} from '@congdoan/contracts';
import { authProblems, FINANCE_READERS, FINANCE_WRITERS, problem } from './route-parts.ts';

const MONTH_RULE =
  'The month rule: a member owes month M to the unit they are active in on the first day of M, on the dues salary in force that day; a member admitted or re-admitted during M owes M to the admitting unit on the salary at admission; a member suspended on the first day of M owes nothing for M (a suspension starting later in M still owes M, a reinstatement after the 1st owes from M+1); a transfer dated after the 1st of M leaves M with the unit they left and the new unit collects from M+1; an exit dated after the 1st of M still owes M. A change dated on the 1st counts for that month. Dues per member = policy rate × dues salary, capped at the policy cap × lương cơ sở of the month, rounded to the nearest đồng (half up), with the unit’s funding type in force on the month’s first day and, where the CĐCS set a higher rate by resolution that the policy allows, that rate (docs/finance-dues.md).';

/** Who may record a CĐCS's dues-rate resolution: its officers and those who keep its money. */
const RESOLUTION_WRITERS = ['admin', 'accountant', 'officer'] as const;

const SALARY_MASK =
  ' Roles that do not see salaries (inspector) get the amounts with `duesSalary` null and the formula without the salary.';

/**
 * Dues (đoàn phí): the roster projected from membership's member events, each
 * month's dues per member, collections, arrears, and remittances of the upper
 * share. Routes with a literal last segment come before `/dues/{month}` so a
 * router that tries routes in order picks them first.
 */
export const duesRoutes = [
  defineRoute({
    operationId: 'listDuesRateResolutions',
    method: 'GET',
    path: '/v1/finance/units/{id}/dues-rate-resolutions',
    summary: 'A CĐCS’s own dues rates by resolution, oldest first',
    description:
      'Each resolution with its number, day, first month, rate in basis points (null: the end of the rate before) and the last month it governs (`effectiveUntil`, null while it still does). Read from the unit’s finance profile: one Get.',
    roles: FINANCE_READERS,
    request: { params: unitIdParams },
    responses: {
      200: { description: 'The resolutions', schema: duesRateResolutionListSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it'),
    },
  }),
  defineRoute({
    operationId: 'recordDuesRateResolution',
    method: 'POST',
    path: '/v1/finance/units/{id}/dues-rate-resolutions',
    summary: 'Record a CĐCS’s own dues rate by resolution (nghị quyết), or its end',
    description:
      'From `effectiveFrom` (a month) until the next resolution, the CĐCS’s dues are `rateBp` × dues salary instead of the policy rate, where the policy allows a CĐCS its own rate (`dues-unit-rate-allowed`, from 1/7/2025 under QĐ 61/QĐ-TLĐ) and only while it is higher; the cap still applies. Every dues figure of those months (month sheet, arrears, member statement, collections, reconciliation, dashboard) uses it, and its formula names the resolution, e.g. `1,5% × 5.200.000 = 78.000 (Nghị quyết 05/NQ-CĐCS, QĐ 61/QĐ-TLĐ (29/7/2025))`. `rateBp: null` ends the rate in force. Append-only: the first month must be after the first month of the unit’s latest resolution (409). Refused with 422: a unit that is not a grassroots union, a resolution dated after today, a first month in which the policy does not allow a CĐCS its own rate or a rate not above the policy’s rate for that month (the problem names the rule), no funding type in force, or nothing to end. With an Idempotency-Key, a retried request is answered from the first.',
    roles: RESOLUTION_WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: duesRateResolutionBody },
    responses: {
      201: { description: 'The resolution as recorded', schema: duesRateResolutionSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it'),
      409: problem('The first month is not after the first month of the unit’s latest resolution'),
      422: problem(
        'Not a grassroots union, a date after today, a month or rate the policy does not allow (the rule is named), no funding type, or nothing to end',
      ),
    },
  }),
  defineRoute({
    operationId: 'getDuesArrears',
    method: 'GET',
    path: '/v1/finance/units/{id}/dues/arrears',
    summary: 'A unit’s dues arrears over a period, per member and in total',
    description: `For each member, each month from \`from\` to \`to\` (at most 60): expected (roster × policy), paid and outstanding, and the balance over the period (expected − paid: an advance paid on one month counts against another). Listed: members with a balance above 0, and members flagged for removal. \`monthsWithoutDues\` counts back from \`to\` the consecutive months the member owed here and paid nothing at all for (a month not owed ends the count); \`removalCandidate\` is true when it reaches the policy’s \`dues-removal-months\` in force for \`to\` (a parameter: the Điều lệ’s N is unsure, 6 or 12). ${MONTH_RULE}`,
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: duesRangeQuery },
    responses: {
      200: { description: 'The arrears', schema: duesArrearsSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it'),
      422: problem('More than 60 months, no policy rule for a month, or the unit has no funding type'),
    },
  }),
  defineRoute({
    operationId: 'listDuesRemittances',
    method: 'GET',
    path: '/v1/finance/units/{id}/dues/remittances',
    summary: 'A unit’s remittances of the upper dues share, for the dues months of a year',
    roles: FINANCE_READERS,
    request: { params: unitIdParams, query: duesRemittanceListQuery },
    responses: {
      200: { description: 'The remittances, oldest first, and their total', schema: duesRemittanceListSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it'),
    },
  }),
  defineRoute({
    operationId: 'remitDues',
    method: 'POST',
    path: '/v1/finance/units/{id}/dues/remittances',
    summary: 'Remit a month’s upper dues share to the upper level (nộp đoàn phí lên cấp trên)',
    description:
      'In ONE transaction: the remittance, a payment voucher (phiếu chi) at the CĐCS (Dr 3361 Phải nộp cấp trên / Cr 112, or 111 for cash) and a receipt voucher (phiếu thu) at its upper level, the unit’s parent (Dr 112, or 111 for cash / Cr 5114 Thu đoàn phí cấp dưới nộp lên). The amount may not exceed the upper share collected for the month and not yet remitted, even under concurrency. With an Idempotency-Key, a retried request is answered from the first.',
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: remitDuesBody },
    responses: {
      201: { description: 'The remittance', schema: duesRemittanceSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it or of its upper level'),
      409: problem('The books of the unit or of its upper level are closed'),
      422: problem(
        'More than the upper share still to remit, an amount not above 0, a date after today, or no upper level',
      ),
    },
  }),
  defineRoute({
    operationId: 'collectDues',
    method: 'POST',
    path: '/v1/finance/units/{id}/dues/{month}/collections',
    summary: 'Record dues collected for a month: per member lines, or a batch for the whole unit',
    description: `Either \`lines\` (\`memberId\`, \`amount\` in whole đồng) or \`batch: true\`, which collects, for every member who owes the month here, what they still owe. One collection is one receipt voucher (phiếu thu), written in ONE transaction with its ledger posting: Dr 111 (cash) or 112 (bank) the total; Cr 5111 the CĐCS share and Cr 3361 the upper share, from the policy’s dues split applied to the month’s running total (so the upper shares of a month add up to the split of its total, rounded once to the nearest đồng, half up). Refused with 422 (nothing written): a member who does not owe the month in this unit, an amount not above 0 or above 10,000,000 đồng, a member twice, a date after today, and — unless \`allowAdvance: true\` — a month not yet begun or a line above what the member still owes for the month; with \`allowAdvance\` the excess is kept on that month as an advance (at most 12 months ahead). Concurrent collections serialise on the month: none is lost and voucher numbers have no gaps. With an Idempotency-Key, a retried request is answered from the first. ${MONTH_RULE}`,
    roles: FINANCE_WRITERS,
    idempotent: true,
    request: { params: duesMonthParams, body: collectDuesBody },
    responses: {
      201: { description: 'The collection, with its split and voucher number', schema: duesCollectionSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it'),
      409: problem('The unit’s books are closed'),
      422: problem('A rule of the collection is broken; the problem says which members'),
    },
  }),
  defineRoute({
    operationId: 'getDuesMonth',
    method: 'GET',
    path: '/v1/finance/units/{id}/dues/{month}',
    summary: 'A unit’s dues sheet for a month',
    description: `Every member owing the month here with expected (amount, formula and policy rules), collected, outstanding and any advance; anyone paid for the month here who no longer owes it here (\`owes: false\`); totals; the split of what was collected (CĐCS and upper share); remitted and still to remit; the month’s collections and remittances. ${MONTH_RULE}${SALARY_MASK}`,
    roles: FINANCE_READERS,
    request: { params: duesMonthParams },
    responses: {
      200: { description: 'The month sheet', schema: duesMonthSheetSchema },
      ...authProblems,
      404: problem('No such unit in the caller’s subtree, or finance has not heard of it'),
      422: problem('No policy rule for the month, or the unit has no funding type'),
    },
  }),
  defineRoute({
    operationId: 'getMemberDues',
    method: 'GET',
    path: '/v1/finance/members/{id}/dues',
    summary: 'A member’s dues month by month: owed where, expected, paid, balance',
    description: `For each month from \`from\` to \`to\` (at most 60): the unit owed the month under the month rule, the expected amount with its formula, what was paid for it and the balance. Visible when a unit of the member’s history lies in the caller’s subtree (404 otherwise); months owed to a unit outside it show the unit but no amounts, and payments count only in units inside it. ${MONTH_RULE}${SALARY_MASK}`,
    roles: FINANCE_READERS,
    request: { params: memberIdParams, query: duesRangeQuery },
    responses: {
      200: { description: 'The member’s months', schema: memberDuesSchema },
      ...authProblems,
      404: problem('No such member on a dues roster in the caller’s subtree'),
      422: problem('More than 60 months, no policy rule for a month, or a unit has no funding type'),
    },
  }),
] as const;

export const duesSubscriptions: readonly SubscriptionDefinition[] = [
  {
    name: 'finance-dues-roster',
    description:
      'Keeps the dues roster from membership’s member events: one change per member version, the member’s dated history rebuilt from all of them (so duplicates and late events change nothing wrong), and per unit the members who ever belonged to it with their spans there.',
    pattern: { source: ['congdoan.membership'], 'detail-type': MEMBER_EVENTS.map((e) => e.detailType) },
    handler: { file: 'roster', export: 'onMemberChanged' },
  },
  {
    name: 'finance-dues-standing',
    description:
      'Recomputes the dues standing of a CĐCS’s members after a collection and monthly (with the reconciliation’s message for the unit), and announces each change once (MemberDuesStandingChanged).',
    pattern: {
      source: [DuesCollected.source],
      'detail-type': [DuesCollected.detailType, ReconciliationRequested.detailType],
    },
    handler: { file: 'standing', export: 'onDuesStandingTrigger' },
    // One unit per invocation, so the largest CĐCS has the function's whole time (a first run
    // there may announce every member); one cut short is redelivered and writes only what is
    // left. A monthly run sends one message per CĐCS: three units at once.
    queue: { batchSize: 1, maxConcurrency: 3 },
  },
];
