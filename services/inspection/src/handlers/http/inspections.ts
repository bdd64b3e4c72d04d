import type { Inspection, Recommendation } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import { getInspection, openInspection, takeInspectionStep } from '../../app/inspections.ts';
import { followUpRecommendation, getRecommendation, listRecommendations } from '../../app/recommendations.ts';
import type { inspectionRoutes } from '../../inspection-routes.ts';
import { inspectionDeps } from '../deps.ts';
import { caller } from './caller.ts';

const ok = (inspection: Inspection, status = 200) => ({
  status,
  body: inspection,
  headers: {
    etag: etag(inspection.version),
    ...(status === 201 ? { location: `/v1/inspection/inspections/${encodeURIComponent(inspection.id)}` } : {}),
  },
});
const recOk = (rec: Recommendation) => ({ status: 200, body: rec, headers: { etag: etag(rec.version) } });

export const inspectionHandlers: RouteHandlers<typeof inspectionRoutes> = {
  openInspection: async (req) => ok(await openInspection(inspectionDeps(), caller(req), req.body), 201),
  getInspection: async (req) => ok(await getInspection(inspectionDeps(), req.auth, req.params.id)),
  formInspectionTeam: async (req) =>
    ok(
      await takeInspectionStep(
        inspectionDeps(),
        caller(req),
        req.params.id,
        { step: 'team', ...req.body },
        req.ifMatch,
      ),
    ),
  recordInspectionFieldwork: async (req) =>
    ok(
      await takeInspectionStep(
        inspectionDeps(),
        caller(req),
        req.params.id,
        { step: 'fieldwork', ...req.body },
        req.ifMatch,
      ),
    ),
  recordInspectionFindings: async (req) =>
    ok(
      await takeInspectionStep(
        inspectionDeps(),
        caller(req),
        req.params.id,
        { step: 'findings', ...req.body },
        req.ifMatch,
      ),
    ),
  concludeInspection: async (req) =>
    ok(
      await takeInspectionStep(
        inspectionDeps(),
        caller(req),
        req.params.id,
        { step: 'conclusion', ...req.body },
        req.ifMatch,
      ),
    ),
  makeInspectionRecommendations: async (req) =>
    ok(
      await takeInspectionStep(
        inspectionDeps(),
        caller(req),
        req.params.id,
        { step: 'recommendations', ...req.body },
        req.ifMatch,
      ),
    ),
  listUnitRecommendations: async (req) => ({
    status: 200,
    body: await listRecommendations(inspectionDeps(), req.auth, req.params.id, req.query.status, {
      limit: req.query.limit,
      cursor: req.query.cursor,
    }),
  }),
  getRecommendation: async (req) => recOk(await getRecommendation(inspectionDeps(), req.auth, req.params.id)),
  followUpRecommendation: async (req) =>
    recOk(await followUpRecommendation(inspectionDeps(), caller(req), req.params.id, req.body, req.ifMatch)),
};
