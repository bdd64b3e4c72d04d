import {
  allocateSeatsBody,
  allocationParams,
  awardSchema,
  councilVoteBody,
  decideNominationBody,
  defineRoute,
  eligibilitySchema,
  nominationIdParams,
  nominationPage,
  nominationSchema,
  proposeNominationBody,
  quotaParams,
  quotasSchema,
  receiveNominationBody,
  recordAwardBody,
  refuseNominationBody,
  seatAllocationSchema,
  setQuotasBody,
  unitIdParams,
  unitNominationsQuery,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const nomination = { description: 'The nomination', schema: nominationSchema, headers: ['ETag'] };
const missing = problem('No such nomination in the caller’s subtree');

/** Awards held, and nominations with their eligibility (the council and decision are not built yet). */
export const nominationRoutes = [
  defineRoute({
    operationId: 'recordAward',
    method: 'POST',
    path: '/v1/emulation/awards',
    summary: 'Record an award a member or unit holds',
    description:
      'A title or form conferred by a decision (its number and date, from the year it is for to today), for a member of the caller’s subtree (kept with the unit they were in on the decision date, and following them across transfers) or a unit. The chains of consecutive titles read these. One per recipient, title and year.',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { body: recordAwardBody },
    responses: {
      201: { description: 'The award recorded', schema: awardSchema },
      ...common,
      404: problem('No such member or unit in the caller’s subtree'),
      409: problem('The recipient already holds this title for that year'),
      422: problem(
        'The title is unknown on the decision date or for the other kind of recipient, the decision is dated out of range, or the member was not a member then',
      ),
    },
  }),
  defineRoute({
    operationId: 'proposeNomination',
    method: 'POST',
    path: '/v1/emulation/nominations',
    summary: 'Propose a member or unit for a title or form',
    description:
      'A unit proposes a candidate of its subtree for a title of today’s catalogue for a year (not a future one), with the achievements in its words and, for a member, the working days absent (the union’s 40-day setting; maternity leave apart). Eligibility is then read from `GET …/eligibility`.',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { body: proposeNominationBody },
    responses: {
      201: { ...nomination, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit or member in the caller’s subtree'),
      422: problem(
        'A future year, an unknown title or one for the other kind of candidate, or a candidate outside the proposing unit',
      ),
    },
  }),
  defineRoute({
    operationId: 'getNomination',
    method: 'GET',
    path: '/v1/emulation/nominations/{id}',
    summary: 'Read a nomination',
    roles: EMULATION_STAFF,
    request: { params: nominationIdParams },
    responses: { 200: nomination, ...common, 404: missing },
  }),
  defineRoute({
    operationId: 'listUnitNominations',
    method: 'GET',
    path: '/v1/emulation/units/{id}/nominations',
    summary: 'The nominations a unit proposed, by year',
    roles: EMULATION_STAFF,
    request: { params: unitIdParams, query: unitNominationsQuery },
    responses: {
      200: { description: 'A page of nominations', schema: nominationPage },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getNominationEligibility',
    method: 'GET',
    path: '/v1/emulation/nominations/{id}/eligibility',
    summary: 'Whether the candidate is eligible today, rule by rule, with reasons and sources',
    description:
      'Runs the eligibility engine today under the catalogue and settings in force today: active member, no discipline in the year and achievements only after discipline ends, frozen while an inspection, complaint or denunciation is pending, absence, consecutive titles across transfers, an initiative where required, one achievement one award, years of membership, the rating. Each verdict gives its reason in Vietnamese and English and its source. Not yet read: initiatives (none backs a nomination yet), ratings, units merged into a collective.',
    roles: EMULATION_STAFF,
    request: { params: nominationIdParams },
    responses: {
      200: { description: 'The verdicts', schema: eligibilitySchema },
      ...common,
      404: missing,
      422: problem('No catalogue is in force today, or the title is no longer in it'),
    },
  }),
  defineRoute({
    operationId: 'voteOnNomination',
    method: 'POST',
    path: '/v1/emulation/nominations/{id}/council',
    summary: 'Record the council’s secret vote, as counts only',
    description:
      'How many sit on the council, were present and voted yes, and the day: never who voted how. The title’s quorum (share of members present) and threshold (share of all members voting yes) decide: approved, or not approved with the reason (no quorum, or too few yes votes). By the receiving level, once, on a received nomination; not approved, its initiatives are released.',
    roles: EMULATION_STAFF,
    request: { params: nominationIdParams, body: councilVoteBody },
    responses: {
      200: nomination,
      ...common,
      403: problem('The caller’s unit is the proposing one, not a level above it'),
      404: missing,
      409: problem('The nomination is not received, awaiting the council'),
      422: problem('An impossible count (more present than members, more yes than present), or a day out of range'),
    },
  }),
  defineRoute({
    operationId: 'decideNomination',
    method: 'POST',
    path: '/v1/emulation/nominations/{id}/decision',
    summary: 'The decision conferring the title on an approved nomination',
    description:
      'By the unit that received it (a level above the proposing one), with its number and date (from the vote to today). Eligibility is checked again on the decision day and must hold (409 `ineligible-at-decision` with the reasons); the award is recorded with the decision in one transaction, taking a seat of the deciding unit’s quota of the title for the year where it has one (409 `quota-full` when none is left), and the candidate’s chains of titles read it from then on.',
    roles: EMULATION_STAFF,
    request: { params: nominationIdParams, body: decideNominationBody },
    responses: {
      200: nomination,
      ...common,
      403: problem('The caller’s unit is the proposing one, not a level above it'),
      404: missing,
      409: problem(
        'Not approved by the council, ineligible on the decision day, or the title already held for the year',
      ),
      422: problem('A decision day out of range'),
    },
  }),
  defineRoute({
    operationId: 'getUnitQuotas',
    method: 'GET',
    path: '/v1/emulation/units/{id}/quotas/{year}',
    summary: 'A unit’s quotas of a year: seats per title it decides, and those used',
    roles: EMULATION_STAFF,
    request: { params: quotaParams },
    responses: {
      200: { description: 'The quotas', schema: quotasSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'setUnitQuotas',
    method: 'PUT',
    path: '/v1/emulation/units/{id}/quotas/{year}',
    summary: 'Set a unit’s quotas of a year',
    description:
      'Seats per title the unit decides in the year (no national cap exists since NĐ 91/2017’s 15% on Chiến sĩ thi đua cơ sở: a level may set its own). A title without a quota has no cap. Never below the seats used.',
    roles: EMULATION_STAFF,
    request: { params: quotaParams, body: setQuotasBody },
    responses: {
      200: { description: 'The quotas', schema: quotasSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
      409: problem('A quota below the seats already used'),
      422: problem('A title code of no catalogue'),
    },
  }),
  defineRoute({
    operationId: 'receiveNomination',
    method: 'POST',
    path: '/v1/emulation/nominations/{id}/receipt',
    summary: 'The deciding level receives a nomination, its eligibility checked and stored',
    description:
      'By a unit above the proposing one at a level that decides the title (cơ sở titles: the CĐCS or the direct upper level; provincial: the province; TLĐ and State: the national level; a policy of ours, unsure), on a day from the proposal to today. The eligibility is checked that day and stored on the nomination (`receipt.eligibility`): ineligible, it is refused there with the failing rules’ reasons and its initiatives are released to back another award; frozen or eligible, it is received and goes to the council. The decision checks again on its own day.',
    roles: EMULATION_STAFF,
    request: { params: nominationIdParams, body: receiveNominationBody },
    responses: {
      200: nomination,
      ...common,
      403: problem('The caller’s unit, or the deciding unit named, is not a level above the proposing one'),
      404: missing,
      409: problem('The nomination was already received, refused or decided'),
      422: problem('The deciding unit is not at a level that decides the title, or a day out of range'),
    },
  }),
  defineRoute({
    operationId: 'refuseNomination',
    method: 'POST',
    path: '/v1/emulation/nominations/{id}/refusal',
    summary: 'The deciding level refuses a nomination, with its reason',
    description:
      'Any time before the decision (proposed, received, or approved but found ineligible on the decision day), with the reason and the day. Its initiatives are released in the same transaction, free to back another award.',
    roles: EMULATION_STAFF,
    request: { params: nominationIdParams, body: refuseNominationBody },
    responses: {
      200: nomination,
      ...common,
      403: problem('The caller’s unit is the proposing one, or not within the receiving one'),
      404: missing,
      409: problem('The nomination is already decided, refused or not approved'),
      422: problem('A day out of range'),
    },
  }),
  defineRoute({
    operationId: 'allocateQuotaSeats',
    method: 'POST',
    path: '/v1/emulation/units/{id}/quotas/{year}/{titleCode}/allocation',
    summary: 'Give a capped title’s seats left to the council-approved nominations by their votes',
    description:
      'When the deciding unit has more council-approved nominations for the title and year than seats left: most yes votes first; on the last seat’s tie, women or collectives with ≥ 70% women first (NĐ 152/2025 Điều 4; a collective’s people and women as its dossier declares them); a tie that leaves open is `tied`, for the council. Each nomination’s place (seated, not seated or tied, with why) is recorded on it and the allocation on the quota, in one transaction; from then on only a seated nomination may be decided (409 `not-seated`). Once per quota and year (409 `allocation-exists`).',
    roles: EMULATION_STAFF,
    request: { params: allocationParams, body: allocateSeatsBody },
    responses: {
      201: { description: 'The allocation, explained', schema: seatAllocationSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
      409: problem('The seats were already allocated, or the quota changed meanwhile'),
      422: problem(
        'No quota of the title for the year, a nomination not approved for it by this unit’s council, a workforce missing for a collective or given for a member, or a day out of range',
      ),
    },
  }),
] as const;
