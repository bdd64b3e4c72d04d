import {
  confirmDeedsBody,
  defineRoute,
  launchMovementBody,
  movementIdParams,
  movementListSchema,
  movementRegistrationsQuery,
  movementSchema,
  registerBody,
  registrationIdParams,
  registrationPage,
  registrationSchema,
  registrationTotalsQuery,
  registrationTotalsSchema,
  unitIdParams,
  unitMovementsQuery,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const movement = { description: 'The movement', schema: movementSchema, headers: ['ETag'] };
const registration = { description: 'The registration', schema: registrationSchema, headers: ['ETag'] };
const missingMovement = problem('No such movement in the caller’s subtree, nor launched above it for it');
const missingRegistration = problem('No such registration in the caller’s subtree');

/** Movements and campaigns, registrations for them, deeds confirmed done, and the totals kept of them. */
export const movementRoutes = [
  defineRoute({
    operationId: 'launchMovement',
    method: 'POST',
    path: '/v1/emulation/movements',
    summary: 'Launch a movement (phong trào) or campaign for a unit’s subtree',
    description:
      'A unit launches it with a theme, a period, its criteria and a registration deadline (on or before the period’s end). The units and members of its subtree register for it.',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { body: launchMovementBody },
    responses: {
      201: { ...movement, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getMovement',
    method: 'GET',
    path: '/v1/emulation/movements/{id}',
    summary: 'Read a movement',
    description: 'Visible to the launching unit’s subtree, and to callers above it.',
    roles: EMULATION_STAFF,
    request: { params: movementIdParams },
    responses: { 200: movement, ...common, 404: missingMovement },
  }),
  defineRoute({
    operationId: 'listUnitMovements',
    method: 'GET',
    path: '/v1/emulation/units/{id}/movements',
    summary: 'The movements that apply to a unit in a year',
    description:
      'Those launched by the unit or any unit above it whose period overlaps the year (default this year), by first day then theme.',
    roles: EMULATION_STAFF,
    request: { params: unitIdParams, query: unitMovementsQuery },
    responses: {
      200: { description: 'The movements', schema: movementListSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'registerForMovement',
    method: 'POST',
    path: '/v1/emulation/movements/{id}/registrations',
    summary: 'Register a unit or a member for a movement: a title, a commitment, or deeds',
    description:
      'By the registration deadline, a unit or an active member of the movement’s subtree (and the caller’s) registers for a title of the catalogue (an individual title for a member, a collective one for a unit), a commitment, or deeds ("việc làm theo Bác") with a count and a description. The registration counts in its unit (a member’s unit that day) and every unit above it: their totals change in the same transaction.',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { params: movementIdParams, body: registerBody },
    responses: {
      201: { ...registration, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such movement, unit or member in the caller’s subtree'),
      422: problem(
        'Registration closed, the registrant outside the movement’s subtree or not an active member, or a title unknown or for the other kind of registrant',
      ),
    },
  }),
  defineRoute({
    operationId: 'listMovementRegistrations',
    method: 'GET',
    path: '/v1/emulation/movements/{id}/registrations',
    summary: 'A movement’s registrations, by day of registration',
    description:
      'All of them to a caller at or above the launching unit; to one below it, those of their subtree only (a page may then hold fewer than `limit`; follow `nextCursor`).',
    roles: EMULATION_STAFF,
    request: { params: movementIdParams, query: movementRegistrationsQuery },
    responses: {
      200: { description: 'A page of registrations', schema: registrationPage },
      ...common,
      404: missingMovement,
    },
  }),
  defineRoute({
    operationId: 'getRegistration',
    method: 'GET',
    path: '/v1/emulation/registrations/{id}',
    summary: 'Read a registration',
    roles: EMULATION_STAFF,
    request: { params: registrationIdParams },
    responses: { 200: registration, ...common, 404: missingRegistration },
  }),
  defineRoute({
    operationId: 'confirmDeeds',
    method: 'POST',
    path: '/v1/emulation/registrations/{id}/confirm',
    summary: 'Confirm registered deeds done',
    description:
      'Once per registration: the day and how many were done (default all registered). The totals of its unit and every unit above it change in the same transaction.',
    roles: EMULATION_STAFF,
    request: { params: registrationIdParams, body: confirmDeedsBody },
    responses: {
      200: registration,
      ...common,
      404: missingRegistration,
      409: problem('Already confirmed'),
      422: problem('Not a deeds registration, or the day before its registration or after today'),
    },
  }),
  defineRoute({
    operationId: 'getRegistrationTotals',
    method: 'GET',
    path: '/v1/emulation/units/{id}/registration-totals',
    summary: 'A unit subtree’s registration and deed totals over years',
    description:
      'From counters kept with each registration and confirmation (one item read per year, never the registrations): titles, commitments and deeds registered, deed registrations confirmed and deeds done, in the unit and every unit below it, by the year of registration; for every movement or one. A registration counts where its unit stood in the tree on the day it was written.',
    roles: EMULATION_STAFF,
    request: { params: unitIdParams, query: registrationTotalsQuery },
    responses: {
      200: { description: 'The totals', schema: registrationTotalsSchema },
      ...common,
      404: problem('No such unit (or movement) in the caller’s subtree'),
    },
  }),
] as const;
