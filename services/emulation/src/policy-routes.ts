import {
  addEmulationPolicyVersionBody,
  defineRoute,
  emulationPolicyVersionList,
  emulationPolicyVersionSchema,
  listEmulationPolicyQuery,
  publishRatingCriteriaBody,
  ratingCriteriaParams,
  ratingCriteriaSetSchema,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const PARAMETERS =
  '`catalogue` (the titles and forms: criteria, cash coefficient, the council’s quorum and threshold, quota; the shape `GET /v1/emulation/titles` answers, so a read catalogue can be changed and posted back), `prize-rounding` (step and mode), `absence` (working days and the maternity exception), `rating` (the CĐCS rating’s default criteria, bands, months of operation and after a merger) and `initiative-thresholds` (each score and the total an initiative must reach)';

/** Emulation's policy versions, and the rating criteria sets upper levels publish each year. */
export const policyRoutes = [
  defineRoute({
    operationId: 'listEmulationPolicyVersions',
    method: 'GET',
    path: '/v1/emulation/policy/versions',
    summary: 'Every version of the emulation policy: the award catalogue and its settings',
    description: `The product’s defaults (DOMAIN.md, each with its source and certainty) and the versions administrators added, by parameter then day, each with the days it governs (\`effectiveTo\` the day before the next version). Parameters: ${PARAMETERS}. Filter with \`parameter\`.`,
    roles: EMULATION_STAFF,
    request: { query: listEmulationPolicyQuery },
    responses: { 200: { description: 'The versions', schema: emulationPolicyVersionList }, ...common },
  }),
  defineRoute({
    operationId: 'addEmulationPolicyVersion',
    method: 'POST',
    path: '/v1/emulation/policy/versions',
    summary: 'Add a version of an emulation policy parameter (append-only)',
    description: `A new version of one parameter (${PARAMETERS}) takes effect on \`effectiveFrom\`, which must be after the parameter’s latest version (the defaults included), so a year already governed by a later version keeps its rules; it names its source document and certainty, and is audited. Of two administrators adding at once, one wins and the other gets 409. Only an administrator of the whole tree or of its top unit. Every computation reads it (other Lambda instances within 30 seconds): a year’s eligibility under the version in force on its last day, the council’s vote under its day’s, the prize and its rounding under the decision day’s.`,
    roles: ['admin'],
    idempotent: true,
    request: { body: addEmulationPolicyVersionBody },
    responses: {
      201: { description: 'The version added', schema: emulationPolicyVersionSchema },
      ...common,
      403: problem(
        'The token lacks the scope, or the caller is not an administrator of the whole tree or its top unit',
      ),
      409: problem('The parameter already has a version from that day or later'),
      422: problem(
        'A value that does not hold together: a title code twice, a chained title not in the catalogue, bands not falling to 0',
      ),
    },
  }),
  defineRoute({
    operationId: 'publishRatingCriteria',
    method: 'POST',
    path: '/v1/emulation/units/{id}/rating-criteria/{year}',
    summary: 'An upper level publishes the rating criteria of a year for the CĐCS below it',
    description:
      'The criteria with their maximum points and, optionally, the bands mapping a total to a category (the rating policy’s of the year when omitted: ≥ 85 with no criterion under half its maximum excellent, ≥ 70 good, ≥ 50 completed; unsure), with the document that publishes them. Once per unit and year (409 after). A CĐCS’s rating of the year is assessed against the set of its nearest unit above that published one, else the policy’s default criteria (unsure).',
    roles: EMULATION_STAFF,
    idempotent: true,
    request: { params: ratingCriteriaParams, body: publishRatingCriteriaBody },
    responses: {
      201: { description: 'The set published', schema: ratingCriteriaSetSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
      409: problem('The unit already published its set for that year'),
      422: problem('A criterion code twice, bands not falling to 0, or a band above the points available'),
    },
  }),
  defineRoute({
    operationId: 'getRatingCriteria',
    method: 'GET',
    path: '/v1/emulation/units/{id}/rating-criteria/{year}',
    summary: 'The rating criteria a unit published for a year',
    roles: EMULATION_STAFF,
    request: { params: ratingCriteriaParams },
    responses: {
      200: { description: 'The set', schema: ratingCriteriaSetSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree, or no set published for that year'),
    },
  }),
] as const;
