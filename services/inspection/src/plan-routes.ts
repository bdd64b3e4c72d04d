import {
  addPlanItemsBody,
  approvePlanBody,
  completePlanItemBody,
  createPlanBody,
  defineRoute,
  planIdParams,
  planItemParams,
  planItemSchema,
  planList,
  planListQuery,
  planSchema,
  unitIdParams,
} from '@congdoan/contracts';
import { common, INSPECTORS, problem, READERS } from './route-parts.ts';

const planned = { description: 'The plan, with its progress', schema: planSchema, headers: ['ETag'] };

/** Annual inspection plans (kế hoạch kiểm tra, giám sát) of a unit's UBKT. */
export const planRoutes = [
  defineRoute({
    operationId: 'createInspectionPlan',
    method: 'POST',
    path: '/v1/inspection/units/{id}/plans',
    summary: 'Plan a unit’s inspection year',
    description:
      'A draft plan of the unit’s inspection committee: items each of a type (charter compliance, signs of violation, finance, supervision), a target (a unit below, or for supervision an employing agency by tax ID) and a planned month of the year.',
    roles: INSPECTORS,
    idempotent: true,
    request: { params: unitIdParams, body: createPlanBody },
    responses: {
      201: { ...planned, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit, or a target unit, in the caller’s subtree'),
      422: problem('A month outside the year, an agency target of another type than supervision, a target not below'),
    },
  }),
  defineRoute({
    operationId: 'listInspectionPlans',
    method: 'GET',
    path: '/v1/inspection/units/{id}/plans',
    summary: 'A unit’s inspection plans, of a year or all',
    roles: READERS,
    request: { params: unitIdParams, query: planListQuery },
    responses: {
      200: { description: 'The plans, newest year first, each with its progress', schema: planList },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getInspectionPlan',
    method: 'GET',
    path: '/v1/inspection/plans/{id}',
    summary: 'Read a plan with its progress, planned against done by type',
    roles: READERS,
    request: { params: planIdParams },
    responses: { 200: planned, ...common, 404: problem('No such plan in the caller’s subtree') },
  }),
  defineRoute({
    operationId: 'getInspectionPlanItem',
    method: 'GET',
    path: '/v1/inspection/plans/{id}/items/{itemId}',
    summary: 'Read one item of a plan',
    roles: READERS,
    request: { params: planItemParams },
    responses: {
      200: { description: 'The item', schema: planItemSchema },
      ...common,
      404: problem('No such plan or item in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'addInspectionPlanItems',
    method: 'POST',
    path: '/v1/inspection/plans/{id}/items',
    summary: 'Add items to a draft plan',
    roles: INSPECTORS,
    conditional: true,
    request: { params: planIdParams, body: addPlanItemsBody },
    responses: {
      200: planned,
      ...common,
      404: problem('No such plan, or a target unit, in the caller’s subtree'),
      409: problem('The plan is approved'),
      412: problem('If-Match does not match the current version'),
      422: problem('An item breaks the plan’s rules, or the plan would hold too many'),
    },
  }),
  defineRoute({
    operationId: 'approveInspectionPlan',
    method: 'POST',
    path: '/v1/inspection/plans/{id}/approval',
    summary: 'Approve a plan by decision',
    roles: INSPECTORS,
    conditional: true,
    request: { params: planIdParams, body: approvePlanBody },
    responses: {
      200: planned,
      ...common,
      404: problem('No such plan in the caller’s subtree'),
      409: problem('The plan is approved already'),
      412: problem('If-Match does not match the current version'),
    },
  }),
  defineRoute({
    operationId: 'completeInspectionPlanItem',
    method: 'POST',
    path: '/v1/inspection/plans/{id}/items/{itemId}/done',
    summary: 'Record a plan item done',
    description:
      'For work done without an inspection record of this service (a supervision of an employing agency); an inspection opened under an item records it done at its conclusion.',
    roles: INSPECTORS,
    conditional: true,
    request: { params: planItemParams, body: completePlanItemBody },
    responses: {
      200: planned,
      ...common,
      404: problem('No such plan or item in the caller’s subtree'),
      409: problem('The plan is not approved, or the item is done already'),
      412: problem('If-Match does not match the current version'),
    },
  }),
] as const;
