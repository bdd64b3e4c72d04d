import {
  appointmentIdParams,
  appointOfficerBody,
  closeCommitteeTermBody,
  committeeTermIdParams,
  committeeTermPage,
  committeeTermSchema,
  committeeTermWithOfficersSchema,
  createCommitteeTermBody,
  defineRoute,
  endAppointmentBody,
  officerAppointmentSchema,
  officersOnQuery,
  pageQuery,
  unitIdParams,
  unitOfficersSchema,
} from '@congdoan/contracts';
import { problem, READERS, unitsArea, WRITERS } from './route-parts.ts';

const common = {
  400: problem('Invalid input: every failing field is listed'),
  401: problem('Missing or invalid token'),
  403: problem('The token lacks the route’s scope, or the caller its role'),
};

const RULES =
  'Rules: an officer is an active member of the unit or of a unit above it; the appointment starts within its term. ' +
  'The account holder, the accountant and the treasurer may not sit on the inspection committee (UBKT) of the same unit at the same time, ' +
  'either way round (Điều lệ Công đoàn Việt Nam); this holds under concurrent requests. ' +
  'A person holds one of chair, vice-chair and committee member at a time, and no position twice at once. ' +
  'Policy parameters (certainty "likely", DOMAIN.md): one chair, women’s-affairs lead, account holder and treasurer at a time; ' +
  'at most 7 UBKT members at a CĐCS (and its sections and groups), 9 at the upper level.';

/** Committee terms (nhiệm kỳ) and officers (Ban chấp hành, UBKT, financial roles) of a unit. */
export const committeeRoutes = unitsArea([
  defineRoute({
    operationId: 'createCommitteeTerm',
    method: 'POST',
    path: '/v1/membership/units/{id}/terms',
    summary: 'Record a committee term (nhiệm kỳ) of a unit, with its congress (Đại hội) date',
    description:
      'A term covers the days from startDate up to, not including, endDate, so the next congress may open the next term on the day this one ends. A unit’s terms never overlap.',
    roles: WRITERS,
    idempotent: true,
    request: { params: unitIdParams, body: createCommitteeTermBody },
    responses: {
      201: { description: 'The term', schema: committeeTermSchema, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
      409: problem('The term overlaps another term of the unit, or the unit is dissolved'),
      422: problem('The end is not after the start, or the congress is after the start'),
    },
  }),
  defineRoute({
    operationId: 'listCommitteeTerms',
    method: 'GET',
    path: '/v1/membership/units/{id}/terms',
    summary: 'List a unit’s committee terms, the latest first',
    roles: READERS,
    request: { params: unitIdParams, query: pageQuery },
    responses: {
      200: { description: 'A page of terms', schema: committeeTermPage },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getCommitteeTerm',
    method: 'GET',
    path: '/v1/membership/terms/{id}',
    summary: 'Read a term with its officers on a day (today by default) and all its appointments',
    roles: READERS,
    request: { params: committeeTermIdParams, query: officersOnQuery },
    responses: {
      200: { description: 'The term', schema: committeeTermWithOfficersSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such term in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'closeCommitteeTerm',
    method: 'POST',
    path: '/v1/membership/terms/{id}/close',
    summary: 'Close a term before its planned end; its open appointments end with it',
    description:
      'For a unit dissolved or merged, or a committee dissolved. The date becomes the term’s end (the first day without it); each appointment still open ends that day with reason term-ended and its own event. Repeating the same date finishes an interrupted close.',
    roles: WRITERS,
    conditional: true,
    request: { params: committeeTermIdParams, body: closeCommitteeTermBody },
    responses: {
      200: { description: 'The closed term', schema: committeeTermSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such term in the caller’s subtree'),
      409: problem('The term already closed on another date'),
      412: problem('If-Match does not match the current version'),
      422: problem('The date is before the term’s start, or not before its planned end'),
    },
  }),
  defineRoute({
    operationId: 'appointOfficer',
    method: 'POST',
    path: '/v1/membership/terms/{id}/appointments',
    summary: 'Appoint a member to a position of a term, from a date, by a decision',
    description: RULES,
    roles: WRITERS,
    idempotent: true,
    request: { params: committeeTermIdParams, body: appointOfficerBody },
    responses: {
      201: { description: 'The appointment', schema: officerAppointmentSchema, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such term in the caller’s subtree'),
      409: problem(
        'The inspection committee excludes the person’s financial role (or the reverse), the person already holds the position or a committee seat, the position is full, the member is not active, or the unit is dissolved',
      ),
      422: problem('The member belongs neither to the unit nor to a unit above it, or the date lies outside the term'),
    },
  }),
  defineRoute({
    operationId: 'getAppointment',
    method: 'GET',
    path: '/v1/membership/appointments/{id}',
    summary: 'Read an appointment',
    roles: READERS,
    request: { params: appointmentIdParams },
    responses: {
      200: { description: 'The appointment', schema: officerAppointmentSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such appointment in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'endAppointment',
    method: 'POST',
    path: '/v1/membership/appointments/{id}/end',
    summary: 'End an appointment (thôi giữ chức vụ): the first day out of office and the reason',
    description:
      'The date may be the appointment’s first day (an appointment annulled before it began) and at most the term’s end.',
    roles: WRITERS,
    conditional: true,
    request: { params: appointmentIdParams, body: endAppointmentBody },
    responses: {
      200: { description: 'The ended appointment', schema: officerAppointmentSchema, headers: ['ETag'] },
      ...common,
      404: problem('No such appointment in the caller’s subtree'),
      409: problem('The appointment has already ended'),
      412: problem('If-Match does not match the current version'),
      422: problem('The date is before the appointment’s start or after the term’s end'),
    },
  }),
  defineRoute({
    operationId: 'listUnitOfficers',
    method: 'GET',
    path: '/v1/membership/units/{id}/officers',
    summary: 'A unit’s officers on a day (today by default): chair first, by position then name',
    roles: READERS,
    request: { params: unitIdParams, query: officersOnQuery },
    responses: {
      200: { description: 'The term in force that day and its officers', schema: unitOfficersSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
] as const);
