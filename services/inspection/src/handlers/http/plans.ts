import type { InspectionPlan } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import type { RouteHandlers } from '@congdoan/http-kit';
import {
  addPlanItems,
  approvePlan,
  completePlanItem,
  createPlan,
  getPlan,
  getPlanItem,
  listPlans,
} from '../../app/plans.ts';
import type { planRoutes } from '../../plan-routes.ts';
import { inspectionDeps } from '../deps.ts';
import { caller } from './caller.ts';

const ok = (plan: InspectionPlan, status = 200) => ({
  status,
  body: plan,
  headers: {
    etag: etag(plan.version),
    ...(status === 201 ? { location: `/v1/inspection/plans/${encodeURIComponent(plan.id)}` } : {}),
  },
});

export const planHandlers: RouteHandlers<typeof planRoutes> = {
  createInspectionPlan: async (req) =>
    ok(await createPlan(inspectionDeps(), caller(req), req.params.id, req.body), 201),
  listInspectionPlans: async (req) => ({
    status: 200,
    body: await listPlans(inspectionDeps(), req.auth, req.params.id, req.query.year),
  }),
  getInspectionPlan: async (req) => ok(await getPlan(inspectionDeps(), req.auth, req.params.id)),
  getInspectionPlanItem: async (req) => ({
    status: 200,
    body: await getPlanItem(inspectionDeps(), req.auth, req.params.id, req.params.itemId),
  }),
  addInspectionPlanItems: async (req) =>
    ok(await addPlanItems(inspectionDeps(), caller(req), req.params.id, req.body.items, req.ifMatch)),
  approveInspectionPlan: async (req) =>
    ok(await approvePlan(inspectionDeps(), caller(req), req.params.id, req.body, req.ifMatch)),
  completeInspectionPlanItem: async (req) =>
    ok(await completePlanItem(inspectionDeps(), caller(req), req.params.id, req.params.itemId, req.body, req.ifMatch)),
};
