import { domainProblem, problemBody, type RouteHandlers } from '@congdoan/http-kit';
import { createBloodDrive, getBloodDrive, listBloodDrives, recordDonation } from '../../app/blood-drives.ts';
import { listFundDeposits, listFundLoans } from '../../app/savings-lists.ts';
import { listVisits, recordVisit, recordVisitBatch } from '../../app/visits.ts';
import type { careRoutes } from '../../care-routes.ts';
import { welfareDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const careHandlers: RouteHandlers<typeof careRoutes> = {
  recordWelfareVisit: async (req) => ({
    status: 201,
    body: await recordVisit(welfareDeps(), caller(req), req.params.id, req.body),
  }),
  recordWelfareVisitBatch: async (req) => {
    const rows = await recordVisitBatch(
      welfareDeps(),
      caller(req),
      req.params.id,
      req.body,
      req.headers['idempotency-key'] ?? null,
    );
    const results = rows.map((r) =>
      r.outcome === 'failed'
        ? {
            memberId: r.memberId,
            outcome: r.outcome,
            visit: null,
            problem: problemBody(domainProblem(r.error), req.lang),
          }
        : { memberId: r.memberId, outcome: r.outcome, visit: r.visit, problem: null },
    );
    const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
    return {
      status: 200,
      body: {
        created: count('created'),
        alreadyRecorded: count('already-recorded'),
        failed: count('failed'),
        amount: rows.reduce((s, r) => s + (r.outcome === 'created' ? r.visit.amount : 0), 0),
        results,
      },
    };
  },
  listWelfareVisits: async (req) => ({
    status: 200,
    body: await listVisits(welfareDeps(), { unitId: req.auth.unitId, now: req.write.now() }, req.params.id, req.query),
  }),
  createWelfareBloodDrive: async (req) => {
    const drive = await createBloodDrive(welfareDeps(), caller(req), req.params.id, req.body);
    return {
      status: 201,
      body: drive,
      headers: { location: `/v1/welfare/blood-drives/${encodeURIComponent(drive.id)}` },
    };
  },
  listWelfareBloodDrives: async (req) => ({
    status: 200,
    body: await listBloodDrives(welfareDeps(), req.auth, req.params.id),
  }),
  getWelfareBloodDrive: async (req) => ({
    status: 200,
    body: await getBloodDrive(welfareDeps(), req.auth, req.params.id),
  }),
  recordWelfareBloodDonation: async (req) => ({
    status: 201,
    body: await recordDonation(welfareDeps(), caller(req), req.params.id, req.body),
  }),
  listWelfareFundLoans: async (req) => ({
    status: 200,
    body: await listFundLoans(
      welfareDeps(),
      { unitId: req.auth.unitId, now: req.write.now() },
      req.params.id,
      req.query.status,
    ),
  }),
  listWelfareFundDeposits: async (req) => ({
    status: 200,
    body: await listFundDeposits(welfareDeps(), req.auth, req.params.id, req.query.memberId),
  }),
};
