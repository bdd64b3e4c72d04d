import {
  createLoanBody,
  defineRoute,
  fundIdParams,
  loanIdParams,
  loanSchema,
  repaymentBody,
  repaymentSchema,
} from '@congdoan/contracts';
import { common, DESK, problem, READERS } from './route-parts.ts';

/** The women's savings fund's loans and repayments (issue 12, item 1); deposits are the fund's movements. */
export const loanRoutes = [
  defineRoute({
    operationId: 'lendFromWelfareFund',
    method: 'POST',
    path: '/v1/welfare/funds/{id}/loans',
    summary: 'Lend interest-free from a women’s savings fund to a member, on a monthly schedule',
    description:
      'To an active member of the fund’s unit or a unit below it, at most one open loan per member of the fund. The amount is split into monthly instalments of whole đồng, the remainder on the last. Paid out of the fund on condition its balance covers it (409 naming the balance), and posted Nợ 1388, Có 111/112.',
    roles: DESK,
    idempotent: true,
    request: { params: fundIdParams, body: createLoanBody },
    responses: {
      201: { description: 'The loan with its schedule', schema: loanSchema, headers: ['Location'] },
      ...common,
      404: problem('No such fund, or member, in the caller’s subtree'),
      409: problem('The fund’s balance does not cover the loan, or the member has an open loan'),
      422: problem('Not a savings fund; the member is not active or not in the fund’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'repayWelfareLoan',
    method: 'POST',
    path: '/v1/welfare/loans/{id}/repayments',
    summary: 'Record a repayment of a savings-fund loan',
    description:
      'Applied to the schedule’s instalments in order; the loan closes when repaid. Posted Nợ 111/112, Có 1388. More than is outstanding is refused.',
    roles: DESK,
    idempotent: true,
    request: { params: loanIdParams, body: repaymentBody },
    responses: {
      201: { description: 'The repayment’s movement and the loan after it', schema: repaymentSchema },
      ...common,
      404: problem('No such loan in the caller’s subtree'),
      422: problem('More than the loan’s outstanding'),
    },
  }),
  defineRoute({
    operationId: 'getWelfareLoan',
    method: 'GET',
    path: '/v1/welfare/loans/{id}',
    summary: 'Read a savings-fund loan: its schedule, what is repaid, and whether it is overdue today',
    roles: READERS,
    request: { params: loanIdParams },
    responses: {
      200: { description: 'The loan', schema: loanSchema },
      ...common,
      404: problem('No such loan in the caller’s subtree'),
    },
  }),
] as const;
