import {
  createFundBody,
  defineRoute,
  fundIdParams,
  fundList,
  fundMovementList,
  fundMovementSchema,
  fundSchema,
  movementListQuery,
  recordMovementBody,
  unitIdParams,
} from '@congdoan/contracts';
import { common, DESK, problem, READERS } from './route-parts.ts';

/** A unit's welfare funds and the money moving through them (issue 12, item 1). */
export const fundRoutes = [
  defineRoute({
    operationId: 'createWelfareFund',
    method: 'POST',
    path: '/v1/welfare/units/{id}/funds',
    summary: 'Open a welfare fund of a unit',
    description:
      'A fund of a kind (Mái ấm Công đoàn, hardship, visits, Tết, women’s savings), empty, posting to its kind’s account of finance’s chart; caps per support-case type may replace the policy’s for this fund.',
    roles: DESK,
    idempotent: true,
    request: { params: unitIdParams, body: createFundBody },
    responses: {
      201: { description: 'The fund', schema: fundSchema, headers: ['Location'] },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'listWelfareFunds',
    method: 'GET',
    path: '/v1/welfare/units/{id}/funds',
    summary: 'A unit’s welfare funds, each with its balance',
    roles: READERS,
    request: { params: unitIdParams },
    responses: {
      200: { description: 'The funds, oldest first', schema: fundList },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getWelfareFund',
    method: 'GET',
    path: '/v1/welfare/funds/{id}',
    summary: 'Read a fund with its balance and totals',
    roles: READERS,
    request: { params: fundIdParams },
    responses: {
      200: { description: 'The fund', schema: fundSchema },
      ...common,
      404: problem('No such fund in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'listWelfareFundMovements',
    method: 'GET',
    path: '/v1/welfare/funds/{id}/movements',
    summary: 'A fund’s movements, newest first, each with finance’s answer to its posting',
    roles: READERS,
    request: { params: fundIdParams, query: movementListQuery },
    responses: {
      200: { description: 'A page of movements', schema: fundMovementList },
      ...common,
      404: problem('No such fund in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'recordWelfareFundMovement',
    method: 'POST',
    path: '/v1/welfare/funds/{id}/movements',
    summary: 'Record a receipt, an allocation from the budget, or a disbursement',
    description:
      'Changes the fund’s balance and asks finance to post it (WelfareLedgerPostingRequested) in one transaction. A disbursement the balance cannot cover is refused with 409 naming the balance, even under concurrency; a disbursement for a support-case type stays within its cap per occasion.',
    roles: DESK,
    idempotent: true,
    request: { params: fundIdParams, body: recordMovementBody },
    responses: {
      201: { description: 'The movement, its posting pending', schema: fundMovementSchema },
      ...common,
      404: problem('No such fund in the caller’s subtree'),
      409: problem('The fund’s balance does not cover the disbursement'),
      422: problem('Above the cap per occasion of the support-case type'),
    },
  }),
] as const;
