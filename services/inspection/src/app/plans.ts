import type { InspectionPlan, LocalizedText, PlanItemInput } from '@congdoan/contracts';
import { notFound } from '@congdoan/contracts';
import { assertVersion, retryOnConflict } from '@congdoan/ddb';
import { targetNotBelow } from '../domain/errors.ts';
import { addItems, approve, completeItem, type PlanRecord, planItem, withProgress } from '../domain/plan.ts';
import type { Caller, CallerScope, InspectionDeps } from './ports.ts';
import { PLAN } from './terms.ts';

const PLAN_ITEM: LocalizedText = { vi: 'nội dung kế hoạch', en: 'plan item' };

/** Each item checked, and each unit target in the planning unit's subtree (itself excluded). */
async function itemsOf(
  deps: InspectionDeps,
  caller: Caller,
  unitId: string,
  year: number,
  inputs: readonly PlanItemInput[],
) {
  const items = inputs.map((input) => planItem(year, input, caller.write.newId()));
  for (const item of items) {
    if (item.target.kind !== 'unit') continue;
    await deps.units.assertInScope(caller, item.target.unitId);
    if (item.target.unitId === unitId || !(await deps.units.isWithin(unitId, item.target.unitId)))
      throw targetNotBelow();
  }
  return items;
}

export async function createPlan(
  deps: InspectionDeps,
  caller: Caller,
  unitId: string,
  input: { year: number; title: string; items: readonly PlanItemInput[] },
): Promise<InspectionPlan> {
  await deps.units.assertInScope(caller, unitId);
  const now = caller.write.now().toISOString();
  const plan: PlanRecord = {
    id: caller.write.newId(),
    unitId,
    year: input.year,
    title: input.title,
    status: 'draft',
    approval: null,
    items: await itemsOf(deps, caller, unitId, input.year, input.items),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.plans.create(plan, caller.write);
  return withProgress(plan);
}

export async function listPlans(deps: InspectionDeps, caller: CallerScope, unitId: string, year?: number) {
  await deps.units.assertInScope(caller, unitId);
  return { items: (await deps.plans.listOfUnit(unitId, year)).map(withProgress) };
}

async function readPlan(deps: InspectionDeps, caller: CallerScope, id: string): Promise<PlanRecord> {
  return deps.units.visible(caller, await deps.plans.get(id), (p) => p.unitId, PLAN, id);
}

export async function getPlanItem(deps: InspectionDeps, caller: CallerScope, id: string, itemId: string) {
  const item = (await readPlan(deps, caller, id)).items.find((i) => i.id === itemId);
  if (!item) throw notFound(PLAN_ITEM, itemId);
  return item;
}

export const getPlan = async (deps: InspectionDeps, caller: CallerScope, id: string) =>
  withProgress(await readPlan(deps, caller, id));

/** Reads the plan, applies `change`, and writes it under its version; a race re-reads. */
async function changePlan(
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  action: string,
  change: (plan: PlanRecord) => Promise<PlanRecord>,
  ifMatch?: number,
): Promise<InspectionPlan> {
  return retryOnConflict(async () => {
    const before = await readPlan(deps, caller, id);
    assertVersion(ifMatch, before.version);
    const after = await change(before);
    await deps.plans.save(before, after, caller.write, action, ifMatch);
    return withProgress(after);
  });
}

export const addPlanItems = (
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  items: readonly PlanItemInput[],
  ifMatch?: number,
) =>
  changePlan(
    deps,
    caller,
    id,
    'add-items',
    async (plan) => addItems(plan, await itemsOf(deps, caller, plan.unitId, plan.year, items), caller.write.now()),
    ifMatch,
  );

export const approvePlan = (
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  input: { decisionNumber: string; date: string },
  ifMatch?: number,
) =>
  changePlan(
    deps,
    caller,
    id,
    'approve',
    async (plan) => approve(plan, { ...input, by: caller.write.actor.id }, caller.write.now()),
    ifMatch,
  );

export const completePlanItem = (
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  itemId: string,
  input: { on: string },
  ifMatch?: number,
) =>
  changePlan(
    deps,
    caller,
    id,
    'complete-item',
    async (plan) => {
      const after = completeItem(plan, itemId, { on: input.on, inspectionId: null }, caller.write.now());
      if (!after) throw notFound(PLAN_ITEM, itemId);
      return after;
    },
    ifMatch,
  );
