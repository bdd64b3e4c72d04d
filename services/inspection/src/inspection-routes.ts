import {
  conclusionBody,
  defineRoute,
  fieldworkBody,
  findingsBody,
  followUpBody,
  formTeamBody,
  inspectionIdParams,
  inspectionSchema,
  openInspectionBody,
  recommendationIdParams,
  recommendationListQuery,
  recommendationPage,
  recommendationSchema,
  recommendationsBody,
  unitIdParams,
} from '@congdoan/contracts';
import type { z } from 'zod';
import { common, INSPECTORS, problem, READERS } from './route-parts.ts';

const inspected = { description: 'The inspection', schema: inspectionSchema, headers: ['ETag'] };
const stepProblems = {
  ...common,
  404: problem('No such inspection in the caller’s subtree'),
  409: problem('The step is not legal at the inspection’s stage (illegal-transition, with the reason)'),
  412: problem('If-Match does not match the current version'),
};

const step = <const Id extends string, const Path extends string, B extends z.ZodType>(
  operationId: Id,
  path: Path,
  summary: string,
  body: B,
  extra: Record<number, ReturnType<typeof problem>> = {},
) =>
  defineRoute({
    operationId,
    method: 'POST',
    path,
    summary,
    roles: INSPECTORS,
    conditional: true,
    request: { params: inspectionIdParams, body },
    responses: { 200: inspected, ...stepProblems, ...extra },
  });

/** Inspections (decision → team → fieldwork → findings → conclusion → recommendations) and their recommendations. */
export const inspectionRoutes = [
  defineRoute({
    operationId: 'openInspection',
    method: 'POST',
    path: '/v1/inspection/inspections',
    summary: 'Open an inspection by its decision',
    description:
      'The decision (number, date, scope, period) of the inspecting unit’s UBKT on a unit below it, optionally on the case it came from (an anonymous report, a denunciation or a petition). A finance inspection opens with the inspected unit’s finance picture for the period, from finance’s reconciliation events.',
    roles: INSPECTORS,
    idempotent: true,
    request: { body: openInspectionBody },
    responses: {
      201: { ...inspected, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit, plan item or case in the caller’s subtree'),
      422: problem('The inspected unit is not below the inspecting unit, or the case is a complaint'),
    },
  }),
  defineRoute({
    operationId: 'getInspection',
    method: 'GET',
    path: '/v1/inspection/inspections/{id}',
    summary: 'Read an inspection',
    roles: READERS,
    request: { params: inspectionIdParams },
    responses: { 200: inspected, ...common, 404: problem('No such inspection in the caller’s subtree') },
  }),
  step('formInspectionTeam', '/v1/inspection/inspections/{id}/team', 'Form the inspection team', formTeamBody, {
    422: problem('A member of the inspected unit, or on no UBKT and not named invited, or not an active member'),
  }),
  step(
    'recordInspectionFieldwork',
    '/v1/inspection/inspections/{id}/fieldwork',
    'Record the fieldwork',
    fieldworkBody,
    {
      422: problem('The dates are out of order'),
    },
  ),
  step('recordInspectionFindings', '/v1/inspection/inspections/{id}/findings', 'Record findings', findingsBody),
  step('concludeInspection', '/v1/inspection/inspections/{id}/conclusion', 'Conclude the inspection', conclusionBody, {
    422: problem('The conclusion is dated before the fieldwork ended'),
  }),
  step(
    'makeInspectionRecommendations',
    '/v1/inspection/inspections/{id}/recommendations',
    'Make recommendations on the conclusion',
    recommendationsBody,
    { 422: problem('A deadline before the conclusion') },
  ),
  defineRoute({
    operationId: 'listUnitRecommendations',
    method: 'GET',
    path: '/v1/inspection/units/{id}/recommendations',
    summary: 'The recommendations made to a unit, by status then deadline',
    roles: READERS,
    request: { params: unitIdParams, query: recommendationListQuery },
    responses: {
      200: { description: 'A page of recommendations', schema: recommendationPage },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getRecommendation',
    method: 'GET',
    path: '/v1/inspection/recommendations/{id}',
    summary: 'Read a recommendation with its follow-up notes',
    roles: READERS,
    request: { params: recommendationIdParams },
    responses: {
      200: { description: 'The recommendation', schema: recommendationSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such recommendation in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'followUpRecommendation',
    method: 'POST',
    path: '/v1/inspection/recommendations/{id}/follow-ups',
    summary: 'Add a follow-up note, moving the status to in progress or done',
    roles: READERS,
    conditional: true,
    request: { params: recommendationIdParams, body: followUpBody },
    responses: {
      200: { description: 'The recommendation', schema: recommendationSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such recommendation in the caller’s subtree'),
      409: problem('The recommendation is done'),
      412: problem('If-Match does not match the current version'),
    },
  }),
] as const;
