import {
  blocFlagProposalBody,
  blocIdParams,
  blocListQuery,
  blocListSchema,
  blocRankingSchema,
  blocSchema,
  blocScoreParams,
  blocScoreSchema,
  createBlocBody,
  defineRoute,
  scoreBlocUnitBody,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const bloc = { description: 'The bloc', schema: blocSchema, headers: ['ETag'] };
const sheet = { description: 'The member’s score sheet', schema: blocScoreSchema, headers: ['ETag'] };
const missing = problem('No such bloc seen by the caller (at or above its organiser or one of its members)');
const missingMember = problem('No such bloc seen by the caller, or the unit is not one of its members');

/** Emulation blocs (khối thi đua): formed with a pact, members scored and ranked, the leader rotating, the top unit proposed for the flag. */
export const blocRoutes = [
  defineRoute({
    operationId: 'formBloc',
    method: 'POST',
    path: '/v1/emulation/blocs',
    summary: 'Form a year’s emulation bloc (khối thi đua) of peer units, with its pact',
    description:
      'By the level above the members (every member lies below the organising unit, in the caller’s subtree). Criteria with maximum points are the bloc’s own or, omitted, the policy defaults in force on the pact’s day (with their source). The leader is named or, omitted, derived from the complete ranking of the bloc of the same code the year before by the rotation setting (default: the highest-ranked unit other than the year before’s leader).',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { body: createBlocBody },
    responses: {
      201: { ...bloc, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
      409: problem('The organiser already formed a bloc of that code for the year'),
      422: problem('Members not below the organiser, no leader to derive, criteria repeated, or a day out of range'),
    },
  }),
  defineRoute({
    operationId: 'listBlocs',
    method: 'GET',
    path: '/v1/emulation/blocs',
    summary: 'The blocs of a year the caller sees',
    description: 'Those formed at or below the caller’s unit, or with a member in its subtree, by organiser then code.',
    roles: EMULATION_STAFF,
    request: { query: blocListQuery },
    responses: { 200: { description: 'The blocs', schema: blocListSchema }, ...common },
  }),
  defineRoute({
    operationId: 'getBloc',
    method: 'GET',
    path: '/v1/emulation/blocs/{id}',
    summary: 'Read a bloc: members, pact, criteria, leader and why, flag proposal',
    roles: EMULATION_STAFF,
    request: { params: blocIdParams },
    responses: { 200: bloc, ...common, 404: missing },
  }),
  defineRoute({
    operationId: 'getBlocScore',
    method: 'GET',
    path: '/v1/emulation/blocs/{id}/scores/{unitId}',
    summary: 'A member’s score sheet, with its version for If-Match',
    roles: EMULATION_STAFF,
    request: { params: blocScoreParams },
    responses: { 200: sheet, ...common, 404: missingMember },
  }),
  defineRoute({
    operationId: 'scoreBlocMember',
    method: 'PUT',
    path: '/v1/emulation/blocs/{id}/scores/{unitId}',
    summary: 'Score a member against the bloc’s criteria',
    description:
      'By the bloc’s leader or the organiser’s level. Points for some or all criteria, each within its maximum; changing points already given needs a reason, kept with the earlier points. Concurrent scorers never lose an update; with If-Match a stale version is a 412. Closed once the flag is proposed.',
    roles: EMULATION_STAFF,
    conditional: true,
    request: { params: blocScoreParams, body: scoreBlocUnitBody },
    responses: {
      200: sheet,
      ...common,
      403: problem('The caller is neither the bloc’s leader nor at the organiser’s level'),
      404: missingMember,
      409: problem('The flag is proposed: the scores are closed'),
      412: problem('If-Match names a version no longer current'),
      422: problem('Unknown criteria, points over a maximum, a change without its reason, or a day out of range'),
    },
  }),
  defineRoute({
    operationId: 'getBlocRanking',
    method: 'GET',
    path: '/v1/emulation/blocs/{id}/ranking',
    summary: 'The bloc’s ranking, with its tie-break and next year’s leader',
    description:
      'By total, then each criterion’s points in the bloc’s order; units equal on every criterion share the rank. `nextLeader`: who leads next year under the rotation setting, once every member is scored on every criterion.',
    roles: EMULATION_STAFF,
    request: { params: blocIdParams },
    responses: { 200: { description: 'The ranking', schema: blocRankingSchema }, ...common, 404: missing },
  }),
  defineRoute({
    operationId: 'proposeBlocFlag',
    method: 'POST',
    path: '/v1/emulation/blocs/{id}/flag-proposal',
    summary: 'Propose the bloc’s top unit for the emulation flag (Cờ thi đua)',
    description:
      'By the organiser’s level, on a complete ranking with one unit first: records the proposal on the bloc (once; the scores close) and makes the nomination of that unit for the flag’s title (default `co-thi-dua-cap-tinh`), proposed by the organiser, named in `flagProposal.nominationId`: its council, eligibility and decision follow the nominations’ flow.',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { params: blocIdParams, body: blocFlagProposalBody },
    responses: {
      200: bloc,
      ...common,
      403: problem('The caller is not at the organiser’s level'),
      404: missing,
      409: problem('Already proposed, not every member scored, or the first rank shared'),
      422: problem('Not a flag of the catalogue, or a day out of range'),
    },
  }),
] as const;
