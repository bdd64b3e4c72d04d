import {
  createSupportCaseBody,
  defineRoute,
  disburseSupportCaseBody,
  type Role,
  submitSupportCaseBody,
  supportCaseIdParams,
  supportCaseList,
  supportCaseListQuery,
  supportCaseNoteBody,
  supportCaseReasonBody,
  supportCaseSchema,
  unitIdParams,
  verifySupportCaseBody,
} from '@congdoan/contracts';
import type { z } from 'zod';
import { common, DESK, problem } from './route-parts.ts';

/** Who drafts, submits and withdraws a case: a CĐCS officer, the welfare desk, administrators. */
export const CASE_DRAFTERS = ['admin', 'officer', 'welfare-officer'] as const;
/** Who approves within their level's limit: the CĐCS chair (an officer), the standing committees (administrators). */
export const CASE_APPROVERS = ['admin', 'officer'] as const;
/** Who reads cases: those above, and the unit's accountant, who pays them. */
export const CASE_READERS = ['admin', 'officer', 'welfare-officer', 'accountant'] as const;
/** Who sees health details and circumstances (personal data): the welfare desk and the approvers only. */
export const CASE_PERSONAL_READERS = [...DESK, ...CASE_APPROVERS] as const;

const CASE_404 = problem('No such case in the caller’s subtree');
const STEP_409 = problem('The step is not allowed from the case’s status, or the case changed meanwhile');
const caseResponse = { description: 'The case after the step', schema: supportCaseSchema };

/** A step of the flow: `POST /v1/welfare/cases/{id}/<step>`, answering the case after it. */
const stepRoute = <const Id extends string, B extends z.ZodType>(
  operationId: Id,
  step: string,
  summary: string,
  description: string,
  roles: readonly Role[],
  body: B,
  extra: Record<number, ReturnType<typeof problem>> = {},
) =>
  defineRoute({
    operationId,
    method: 'POST',
    path: `/v1/welfare/cases/{id}/${step}`,
    summary,
    description,
    roles,
    idempotent: true,
    request: { params: supportCaseIdParams, body },
    responses: { 200: caseResponse, ...common, 404: CASE_404, 409: STEP_409, ...extra },
  });

/** Support cases (issue 12, item 3): opened, read, listed, and each step of their flow. */
export const caseRoutes = [
  defineRoute({
    operationId: 'openWelfareCase',
    method: 'POST',
    path: '/v1/welfare/cases',
    summary: 'Draft a support case for a member, paid from a fund',
    description:
      'The beneficiary is an active member of the fund’s unit or below it, with dues paid up (finance’s MemberDuesStandingChanged) unless the rules allow arrears with a reason; the amount within the fund’s caps for the type. A case of the same member, type and incident within the window is refused (409 case-possible-duplicate) unless confirmed with a reason.',
    roles: CASE_DRAFTERS,
    idempotent: true,
    request: { body: createSupportCaseBody },
    responses: {
      201: { description: 'The draft', schema: supportCaseSchema, headers: ['Location'] },
      ...common,
      404: problem('No such fund or member in the caller’s subtree'),
      409: problem('A possible duplicate, to confirm with a reason'),
      422: problem('Not eligible (not active, in arrears, outside the fund’s unit) or above a cap'),
    },
  }),
  defineRoute({
    operationId: 'getWelfareCase',
    method: 'GET',
    path: '/v1/welfare/cases/{id}',
    summary: 'Read a support case, with finance’s answer to its disbursement',
    description:
      'Health details and circumstances (`personal`) only for the welfare desk and the approvers; null for others.',
    roles: CASE_READERS,
    request: { params: supportCaseIdParams },
    responses: { 200: { description: 'The case', schema: supportCaseSchema }, ...common, 404: CASE_404 },
  }),
  defineRoute({
    operationId: 'listWelfareUnitCases',
    method: 'GET',
    path: '/v1/welfare/units/{id}/cases',
    summary: 'A unit’s support cases, of one status or all, newest first within a status',
    description: 'The cases of the unit’s members; `personal` is null but for the welfare desk and the approvers.',
    roles: CASE_READERS,
    request: { params: unitIdParams, query: supportCaseListQuery },
    responses: {
      200: { description: 'A page of cases', schema: supportCaseList },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  stepRoute(
    'submitWelfareCase',
    'submit',
    'Submit a draft (or a returned case, with the changes asked for)',
    'Duplicates are looked for again: one not yet confirmed needs a reason (409 case-possible-duplicate).',
    CASE_DRAFTERS,
    submitSupportCaseBody,
  ),
  stepRoute(
    'returnWelfareCase',
    'return',
    'Return a submitted or verified case for changes, saying which',
    'The welfare desk; the officer submits it again.',
    DESK,
    supportCaseReasonBody,
  ),
  stepRoute(
    'verifyWelfareCase',
    'verify',
    'Verify a submitted case against its type’s document checklist',
    'The owning level’s welfare desk names the documents seen; every one of the checklist (policy data) is needed (422 checklist-incomplete).',
    DESK,
    verifySupportCaseBody,
    { 422: problem('A document of the checklist is missing') },
  ),
  stepRoute(
    'approveWelfareCase',
    'approve',
    'Approve a verified case within the approver’s limit',
    'Approval limits by amount and level are policy data (a CĐCS chair up to one figure, the upper level’s standing committee up to another, above them the province); the approver’s level is their unit’s, at or above the fund’s. Above it: 403 approval-above-limit naming the level needed.',
    CASE_APPROVERS,
    supportCaseNoteBody,
  ),
  stepRoute(
    'rejectWelfareCase',
    'reject',
    'Reject a case with a reason',
    'The welfare desk, up to its disbursement.',
    DESK,
    supportCaseReasonBody,
  ),
  stepRoute(
    'withdrawWelfareCase',
    'withdraw',
    'Withdraw a case before it is paid',
    'Its officer, the desk or an administrator.',
    CASE_DRAFTERS,
    supportCaseNoteBody,
  ),
  stepRoute(
    'disburseWelfareCase',
    'disburse',
    'Pay an approved case from its fund, posted to finance',
    'One transaction: the fund’s balance never below zero (409 fund-balance-insufficient), the member’s yearly total of the type within its cap (409 member-year-cap-reached), the case still approved, the movement and its WelfareLedgerPostingRequested (a phiếu chi).',
    DESK,
    disburseSupportCaseBody,
    { 422: problem('Above the cap per occasion, or a date after today') },
  ),
  stepRoute('closeWelfareCase', 'close', 'Close a paid case', 'The welfare desk.', DESK, supportCaseNoteBody),
] as const;
