import {
  acceptCaseBody,
  assignCaseBody,
  caseIdParams,
  caseSchema,
  concludeCaseBody,
  deadlineBoardPage,
  deadlineBoardQuery,
  decideCaseBody,
  defineRoute,
  extendCaseBody,
  openCaseBody,
  refuseCaseBody,
  revealedIdentitySchema,
  revealIdentityBody,
  transferCaseBody,
  unitIdParams,
  verifyCaseBody,
  withdrawCaseBody,
} from '@congdoan/contracts';
import type { z } from 'zod';
import { common, INSPECTORS, problem } from './route-parts.ts';

const theCase = {
  description: 'The case, the person who brought it withheld',
  schema: caseSchema,
  headers: ['ETag'],
};
const missing = problem('No such case in the caller’s subtree');
const stepProblems = {
  ...common,
  404: missing,
  409: problem('The step is not legal at the case’s stage (illegal-transition), or no extension is left'),
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
    request: { params: caseIdParams, body },
    responses: {
      200: theCase,
      ...stepProblems,
      422: problem('The date is after today or before the previous step'),
      ...extra,
    },
  });

/** Complaints, denunciations, anonymous reports and petitions: intake, steps, the person's reveal, the deadline board. */
export const caseRoutes = [
  defineRoute({
    operationId: 'openCase',
    method: 'POST',
    path: '/v1/inspection/cases',
    summary: 'Receive a complaint, denunciation, anonymous report or petition',
    description:
      'The handling unit’s committee records the channel, the day received, the person (sealed, stored apart, never shown again but through the audited reveal; absent for an anonymous report), the subject, the content and the class. The statutory deadlines are counted on the working-day calendar, each with its explanation and source.',
    roles: INSPECTORS,
    idempotent: true,
    request: { body: openCaseBody },
    responses: {
      201: { ...theCase, headers: ['Location', 'ETag'] },
      ...common,
      404: problem('No such unit or member in the caller’s subtree'),
      422: problem(
        'The filing limit has passed, the congress cut-off has passed, the subject is not within the handling unit, or the day received is after today',
      ),
    },
  }),
  defineRoute({
    operationId: 'getCase',
    method: 'GET',
    path: '/v1/inspection/cases/{id}',
    summary: 'Read a case, its steps and its deadlines (the person withheld)',
    roles: INSPECTORS,
    request: { params: caseIdParams },
    responses: { 200: theCase, ...common, 404: missing },
  }),
  step(
    'acceptCase',
    '/v1/inspection/cases/{id}/accept',
    'Accept the case (thụ lý): its resolution deadline starts',
    acceptCaseBody,
    {
      422: problem('The filing limit or the congress cut-off has passed, or the date is out of order'),
    },
  ),
  step('refuseCase', '/v1/inspection/cases/{id}/refuse', 'Refuse to accept the case, with the reason', refuseCaseBody),
  step(
    'transferCase',
    '/v1/inspection/cases/{id}/transfer',
    'Transfer the case to the competent body',
    transferCaseBody,
  ),
  step('assignCase', '/v1/inspection/cases/{id}/assign', 'Assign the inspectors handling the case', assignCaseBody, {
    422: problem('An assignee sits on no UBKT that day, is not an active member, or is the case’s subject'),
  }),
  step('verifyCase', '/v1/inspection/cases/{id}/verify', 'Record a verification', verifyCaseBody),
  step(
    'extendCase',
    '/v1/inspection/cases/{id}/extend',
    'Extend a denunciation’s resolution by written decision',
    extendCaseBody,
  ),
  step('concludeCase', '/v1/inspection/cases/{id}/conclude', 'Conclude the case', concludeCaseBody),
  step('decideCase', '/v1/inspection/cases/{id}/decide', 'Record the decision on the conclusion', decideCaseBody),
  step('withdrawCase', '/v1/inspection/cases/{id}/withdraw', 'Record the case’s withdrawal', withdrawCaseBody),
  defineRoute({
    operationId: 'revealCaseIdentity',
    method: 'POST',
    path: '/v1/inspection/cases/{id}/reveal-identity',
    summary: 'Reveal who brought the case, to an inspector assigned to it, stating why (audited)',
    description:
      'Only a member assigned to the case (the token’s member record) may reveal the person; each reveal is audited with who, when and why before the identity is opened. Everyone else, admins included, is refused.',
    roles: INSPECTORS,
    request: { params: caseIdParams, body: revealIdentityBody },
    responses: {
      200: { description: 'The person, as given at intake', schema: revealedIdentitySchema },
      ...common,
      403: problem('The caller is not an inspector assigned to the case (not-assigned-to-case)'),
      404: missing,
      409: problem('The case is an anonymous report: there is no person'),
    },
  }),
  defineRoute({
    operationId: 'caseDeadlineBoard',
    method: 'GET',
    path: '/v1/inspection/units/{id}/deadlines',
    summary: 'The deadline board of a unit’s subtree: overdue, and due within 5 working days, earliest first',
    roles: INSPECTORS,
    request: { params: unitIdParams, query: deadlineBoardQuery },
    responses: {
      200: { description: 'A page of the board', schema: deadlineBoardPage },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
] as const;
