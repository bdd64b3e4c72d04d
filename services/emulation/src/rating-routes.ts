import {
  approveRatingBody,
  defineRoute,
  ratingParams,
  ratingSchema,
  reviewRatingBody,
  selfAssessmentBody,
  submitRatingBody,
} from '@congdoan/contracts';
import { common, EMULATION_STAFF, problem } from './route-parts.ts';

const rating = { description: 'The rating', schema: ratingSchema };
const missing = problem('No such unit in the caller’s subtree, or no rating of that year');
const stepResponses = {
  200: rating,
  ...common,
  404: missing,
  409: problem('The step does not follow from the rating’s status'),
  422: problem('Scores that do not fit the criteria set, or a day out of range'),
};

/** The annual CĐCS rating: self-assessment, submission, the upper level's review and approval. */
export const ratingRoutes = [
  defineRoute({
    operationId: 'assessRating',
    method: 'PUT',
    path: '/v1/emulation/units/{id}/ratings/{year}',
    summary: 'The CĐCS’s self-assessment of a year',
    description:
      'One score per criterion of the year’s criteria: the set the nearest unit above published for the year (`POST …/rating-criteria/{year}`), else the rating policy’s defaults (representation 30, emulation 20, organisation 20, finance 15, inspection 15; unsure), each within its maximum and with its evidence. Rewritable until submitted. The 12 months of operation (6 after a merger) are not checked: membership publishes no founding or merger day.',
    roles: EMULATION_STAFF,
    request: { params: ratingParams, body: selfAssessmentBody },
    responses: { ...stepResponses, 404: problem('No such unit in the caller’s subtree') },
  }),
  defineRoute({
    operationId: 'getRating',
    method: 'GET',
    path: '/v1/emulation/units/{id}/ratings/{year}',
    summary: 'A CĐCS’s rating of a year',
    roles: EMULATION_STAFF,
    request: { params: ratingParams },
    responses: { 200: rating, ...common, 404: missing },
  }),
  defineRoute({
    operationId: 'submitRating',
    method: 'POST',
    path: '/v1/emulation/units/{id}/ratings/{year}/submission',
    summary: 'Submit the self-assessment to the upper level',
    roles: EMULATION_STAFF,
    request: { params: ratingParams, body: submitRatingBody },
    responses: stepResponses,
  }),
  defineRoute({
    operationId: 'reviewRating',
    method: 'POST',
    path: '/v1/emulation/units/{id}/ratings/{year}/review',
    summary: 'The upper level’s review: points adjusted, a reason for each',
    description: 'By a caller whose unit lies above the rated one (403 for the CĐCS itself).',
    roles: EMULATION_STAFF,
    request: { params: ratingParams, body: reviewRatingBody },
    responses: { ...stepResponses, 403: problem('The caller’s unit is the rated one, not a level above it') },
  }),
  defineRoute({
    operationId: 'approveRating',
    method: 'POST',
    path: '/v1/emulation/units/{id}/ratings/{year}/approval',
    summary: 'Approve the rating: the category from the bands',
    description:
      'The category from the bands of the criteria the rating was assessed under: the published set’s, else the policy’s for the year (≥ 85 with no criterion under half its maximum: excellent; ≥ 70 good; ≥ 50 completed; else not completed; unsure), on the points that count (the upper level’s where adjusted). An approved rating feeds collective titles’ eligibility.',
    roles: EMULATION_STAFF,
    request: { params: ratingParams, body: approveRatingBody },
    responses: { ...stepResponses, 403: problem('The caller’s unit is the rated one, not a level above it') },
  }),
] as const;
