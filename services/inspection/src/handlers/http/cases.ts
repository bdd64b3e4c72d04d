import type { Case } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { deadlineBoard, getCase, openCase, revealIdentity, takeStep } from '../../app/cases.ts';
import type { caseRoutes } from '../../case-routes.ts';
import type { CaseStepInput } from '../../domain/case.ts';
import { inspectionDeps } from '../deps.ts';
import { caller } from './caller.ts';

const ok = (c: Case, status = 200) => ({
  status,
  body: c,
  headers: {
    etag: etag(c.version),
    ...(status === 201 ? { location: `/v1/inspection/cases/${encodeURIComponent(c.id)}` } : {}),
  },
});

/** The caller, with the member record their token names (the reveal needs it). */
const member = (req: Parameters<typeof caller>[0] & { auth: { memberId?: string } }) => ({
  ...caller(req),
  memberId: req.auth.memberId ?? null,
});

const step =
  <S extends CaseStepInput['step']>(name: S) =>
  async (req: {
    auth: { unitId: string | null };
    write: Parameters<typeof caller>[0]['write'];
    params: { id: string };
    body: Omit<Extract<CaseStepInput, { step: S }>, 'step'>;
    ifMatch?: number;
  }) =>
    ok(
      await takeStep(
        inspectionDeps(),
        caller(req),
        req.params.id,
        // The route's schema is the step's body: together they are the step's input.
        { step: name, ...req.body } as CaseStepInput,
        req.ifMatch,
      ),
    );

export const caseHandlers: RouteHandlers<typeof caseRoutes> = {
  openCase: async (req) => ok(await openCase(inspectionDeps(), caller(req), req.body), 201),
  getCase: async (req) => ok(await getCase(inspectionDeps(), req.auth, req.params.id)),
  acceptCase: step('accept'),
  refuseCase: step('refuse'),
  transferCase: step('transfer'),
  assignCase: step('assign'),
  verifyCase: step('verify'),
  extendCase: step('extend'),
  concludeCase: step('conclude'),
  decideCase: step('decide'),
  withdrawCase: step('withdraw'),
  revealCaseIdentity: async (req) => ({
    status: 200,
    body: await revealIdentity(inspectionDeps(), member(req), req.params.id, req.body.reason),
    headers: { 'cache-control': 'no-store' },
  }),
  caseDeadlineBoard: async (req) => ({
    status: 200,
    body: await deadlineBoard(
      inspectionDeps(),
      req.auth,
      req.params.id,
      { limit: req.query.limit, cursor: req.query.cursor },
      new Date(),
    ),
  }),
};
