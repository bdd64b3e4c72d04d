import {
  acceptInitiativeBody,
  defineRoute,
  evaluateInitiativeBody,
  fileDownloadSchema,
  initiativeExportQuery,
  initiativeIdParams,
  initiativePage,
  initiativeSchema,
  markInitiativeSentBody,
  rejectInitiativeBody,
  submitInitiativeBody,
  unitIdParams,
  unitInitiativesQuery,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const initiative = { description: 'The initiative', schema: initiativeSchema, headers: ['ETag'] };
const missing = problem('No such initiative in the caller’s subtree');
const stepResponses = {
  200: initiative,
  ...common,
  404: missing,
  409: problem('The step does not follow from the initiative’s status, or its scores did not pass'),
  422: problem('A day out of range'),
};

/** Initiatives (sáng kiến): submission, the council's scores, acceptance or rejection. */
export const initiativeRoutes = [
  defineRoute({
    operationId: 'submitInitiative',
    method: 'POST',
    path: '/v1/emulation/initiatives',
    summary: 'Submit an initiative of a unit’s members',
    description:
      'One or more member authors of the unit’s subtree with their shares (summing to 100%), the field, a description, the day first applied (not after today) and the benefit: a value in đồng or a description.',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { body: submitInitiativeBody },
    responses: {
      201: { ...initiative, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit or member in the caller’s subtree'),
      422: problem('An author outside the unit’s subtree, or the day applied after today'),
    },
  }),
  defineRoute({
    operationId: 'getInitiative',
    method: 'GET',
    path: '/v1/emulation/initiatives/{id}',
    summary: 'Read an initiative',
    roles: EMULATION_STAFF,
    request: { params: initiativeIdParams },
    responses: { 200: initiative, ...common, 404: missing },
  }),
  defineRoute({
    operationId: 'listUnitInitiatives',
    method: 'GET',
    path: '/v1/emulation/units/{id}/initiatives',
    summary: 'A unit’s initiatives, by status then day applied',
    roles: EMULATION_STAFF,
    request: { params: unitIdParams, query: unitInitiativesQuery },
    responses: {
      200: { description: 'A page of initiatives', schema: initiativePage },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'evaluateInitiative',
    method: 'POST',
    path: '/v1/emulation/initiatives/{id}/evaluation',
    summary: 'The initiative council’s scores',
    description:
      'Newness, feasibility and effectiveness, each out of 100, on the council’s meeting day; they pass when each reaches and their sum reaches the thresholds in force that day (defaults 50 each and 210 in all: a parameter, unsure). Once, from submitted.',
    roles: EMULATION_STAFF,
    request: { params: initiativeIdParams, body: evaluateInitiativeBody },
    responses: stepResponses,
  }),
  defineRoute({
    operationId: 'acceptInitiative',
    method: 'POST',
    path: '/v1/emulation/initiatives/{id}/acceptance',
    summary: 'Accept an initiative whose scores passed',
    description:
      'At a scope (the unit, the province, national) with its recognition number and date. An accepted initiative backs one award only: a nomination spends it.',
    roles: EMULATION_STAFF,
    request: { params: initiativeIdParams, body: acceptInitiativeBody },
    responses: stepResponses,
  }),
  defineRoute({
    operationId: 'rejectInitiative',
    method: 'POST',
    path: '/v1/emulation/initiatives/{id}/rejection',
    summary: 'Reject an initiative',
    description: 'With the reason and the day, from submitted or evaluated.',
    roles: EMULATION_STAFF,
    request: { params: initiativeIdParams, body: rejectInitiativeBody },
    responses: stepResponses,
  }),
  defineRoute({
    operationId: 'exportUnitInitiatives',
    method: 'GET',
    path: '/v1/emulation/units/{id}/initiatives/export',
    summary:
      'The accepted initiatives of a unit’s subtree in the "1 triệu sáng kiến" portal’s layout, an .xlsx, base64 in JSON',
    description:
      'One row per accepted initiative of the unit and the units below it: title, authors with their shares, unit, field, summary, day first applied, benefit in đồng or in words, recognition scope, number and date, the day sent and the portal’s reference, our id (docs/emulation.md lists the columns and what the layout rests on: unsure). `sent=false` gives only those not sent yet, `sent=true` only those sent. Decode `base64` and save it as `filename`.',
    roles: EMULATION_STAFF,
    request: { params: unitIdParams, query: initiativeExportQuery },
    responses: {
      200: { description: 'The workbook', schema: fileDownloadSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'markInitiativeSent',
    method: 'POST',
    path: '/v1/emulation/initiatives/{id}/sent',
    summary: 'Mark an accepted initiative as sent to the national "1 triệu sáng kiến" portal',
    description:
      'Once, with the day (from its recognition to today) and the portal’s reference if it gave one; who marked it is recorded. The export’s `sent=false` leaves it out from then on.',
    roles: EMULATION_STAFF,
    request: { params: initiativeIdParams, body: markInitiativeSentBody },
    responses: {
      ...stepResponses,
      409: problem('The initiative is not accepted, or already marked as sent'),
    },
  }),
] as const;
