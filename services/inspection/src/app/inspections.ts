import {
  type FindingSeverity,
  type Inspection,
  type InspectionStep,
  type LocalizedText,
  notFound,
  type OpenInspectionInput,
  ProceedingClosed,
  ProceedingOpened,
  type Recommendation,
} from '@congdoan/contracts';
import { assertVersion, event, retryOnConflict } from '@congdoan/ddb';
import { spanOn } from '@congdoan/member-directory';
import { deadlineBeforeConclusion, targetNotBelow } from '../domain/errors.ts';
import { financePicture, monthsOf } from '../domain/finance-picture.ts';
import {
  caseBasis,
  checkConclusion,
  checkFieldwork,
  isProceeding,
  takeStep,
  transition,
} from '../domain/inspection.ts';
import { completeItem, type PlanRecord } from '../domain/plan.ts';
import { holdsSeatOn, teamBasis } from '../domain/team.ts';
import type { Caller, CallerScope, InspectionChange, InspectionDeps, PageRequest } from './ports.ts';
import { CASE, INSPECTION, PLAN } from './terms.ts';

const PLAN_ITEM: LocalizedText = { vi: 'nội dung kế hoạch', en: 'plan item' };

/** Reads the plan item an inspection carries out: in a plan of the inspecting unit, of the same type and target. */
async function plannedItem(deps: InspectionDeps, caller: CallerScope, input: OpenInspectionInput) {
  if (!input.planItem) return null;
  const { planId, itemId } = input.planItem;
  const plan = await deps.units.visible(caller, await deps.plans.get(planId), (p) => p.unitId, PLAN, planId);
  const item = plan.items.find((i) => i.id === itemId);
  const fits =
    item &&
    plan.unitId === input.unitId &&
    item.type === input.type &&
    item.target.kind === 'unit' &&
    item.target.unitId === input.targetUnitId;
  if (!fits) throw notFound(PLAN_ITEM, itemId);
  return input.planItem;
}

/** The case an inspection is opened on: one the caller sees (the 404 of a missing case otherwise), of a class that may open one (422). */
async function basisOf(deps: InspectionDeps, caller: CallerScope, input: OpenInspectionInput) {
  if (!input.basis) return null;
  const id = input.basis.id;
  return caseBasis(await deps.units.visible(caller, await deps.cases.get(id), (c) => c.handlingUnitId, CASE, id));
}

/**
 * The decision: the inspecting unit's UBKT opens an inspection of a unit below it, perhaps on a
 * case (an anonymous report, a denunciation, a petition). A finance inspection opens with the
 * inspected unit's finance picture for the period, as finance announced it (reconciliation
 * summaries and discrepancies).
 */
export async function openInspection(
  deps: InspectionDeps,
  caller: Caller,
  input: OpenInspectionInput,
): Promise<Inspection> {
  await deps.units.assertInScope(caller, input.unitId);
  await deps.units.assertInScope(caller, input.targetUnitId);
  if (input.targetUnitId === input.unitId || !(await deps.units.isWithin(input.unitId, input.targetUnitId))) {
    throw targetNotBelow();
  }
  const planItem = await plannedItem(deps, caller, input);
  const basis = await basisOf(deps, caller, input);
  let picture: Inspection['financePicture'] = null;
  if (input.type === 'finance') {
    const range = monthsOf(input.decision.period);
    const facts = await deps.finance.read(input.targetUnitId, range.from, range.to);
    picture = financePicture(input.targetUnitId, input.decision.period, facts.months, facts.discrepancies);
  }
  const now = caller.write.now().toISOString();
  const inspection: Inspection = {
    id: caller.write.newId(),
    unitId: input.unitId,
    targetUnitId: input.targetUnitId,
    type: input.type,
    stage: 'decided',
    decision: input.decision,
    planItem,
    basis,
    team: [],
    fieldwork: null,
    findings: [],
    conclusion: null,
    recommendationIds: [],
    financePicture: picture,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.inspections.create(inspection, caller.write, proceedingOpened(inspection));
  return inspection;
}

/** The proceeding an inspection is, as events name it: the inspected unit, handled by the inspecting unit's UBKT. */
const proceeding = (i: Inspection) => ({
  proceedingId: i.id,
  version: i.version,
  kind: 'inspection' as const,
  subject: { kind: 'unit' as const, unitId: i.targetUnitId },
  handlingUnitId: i.unitId,
});

const proceedingOpened = (i: Inspection) =>
  isProceeding(i) ? [event(ProceedingOpened, { ...proceeding(i), openedOn: i.decision.date })] : [];

const proceedingClosed = (i: Inspection, closedOn: string) =>
  isProceeding(i) ? [event(ProceedingClosed, { ...proceeding(i), closedOn, outcome: 'concluded' as const })] : [];

async function readInspection(deps: InspectionDeps, caller: CallerScope, id: string): Promise<Inspection> {
  return deps.units.visible(caller, await deps.inspections.get(id), (i) => i.unitId, INSPECTION, id);
}

export const getInspection = (deps: InspectionDeps, caller: CallerScope, id: string) =>
  readInspection(deps, caller, id);

export type StepInput =
  | { step: 'team'; members: { memberId: string; role: 'lead' | 'member'; invited: boolean }[] }
  | { step: 'fieldwork'; from: string; to: string; note?: string }
  | { step: 'findings'; findings: { severity: FindingSeverity; description: string; amount?: number }[] }
  | { step: 'conclusion'; number: string; date: string; summary: string }
  | {
      step: 'recommendations';
      recommendations: {
        owner: { kind: 'unit'; unitId: string } | { kind: 'member'; memberId: string };
        content: string;
        deadline: string;
      }[];
    };

/**
 * One step of an inspection. The stage is checked before anything is read for the step,
 * and the write is conditioned on the version read, so of concurrent steps one wins and
 * the others re-read and meet the state machine (409) or If-Match (412).
 */
export function takeInspectionStep(
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  input: StepInput,
  ifMatch?: number,
): Promise<Inspection> {
  return retryOnConflict(async () => {
    const before = await readInspection(deps, caller, id);
    assertVersion(ifMatch, before.version);
    transition(before.stage, input.step);
    const change = await prepare(deps, caller, before, input);
    await deps.inspections.save(change, caller.write, ifMatch);
    return change.after;
  });
}

async function prepare(
  deps: InspectionDeps,
  caller: Caller,
  before: Inspection,
  input: StepInput,
): Promise<InspectionChange> {
  const now = caller.write.now();
  const step = (changes: Parameters<typeof takeStep>[2]) =>
    takeStep(before, input.step as InspectionStep, changes, now);
  switch (input.step) {
    case 'team': {
      const team = [];
      for (const m of input.members) {
        const member = await deps.members.get(caller, m.memberId);
        const day = before.decision.date;
        const span = spanOn(member.history, day);
        const basis = teamBasis({
          memberId: m.memberId,
          active: span?.status === 'active',
          inInspectedUnit: span ? await deps.units.isWithin(before.targetUnitId, span.unitId) : false,
          sitsOnUbkt: holdsSeatOn(await deps.seats.seatsOf(m.memberId), day),
          invited: m.invited,
        });
        team.push({ memberId: m.memberId, fullName: member.fullName, role: m.role, basis });
      }
      return { before, after: step({ team }), action: 'form-team' };
    }
    case 'fieldwork': {
      const fieldwork = { from: input.from, to: input.to, note: input.note ?? null };
      checkFieldwork(before, fieldwork);
      return { before, after: step({ fieldwork }), action: 'fieldwork' };
    }
    case 'findings': {
      const findings = [
        ...before.findings,
        ...input.findings.map((f) => ({
          id: caller.write.newId(),
          severity: f.severity,
          description: f.description,
          amount: f.amount ?? null,
        })),
      ];
      return { before, after: step({ findings }), action: 'findings' };
    }
    case 'conclusion': {
      checkConclusion(before, input.date);
      const after = step({ conclusion: { number: input.number, date: input.date, summary: input.summary } });
      const events = proceedingClosed(after, input.date);
      return { before, after, action: 'conclude', events, ...(await planDone(deps, before, input.date, now)) };
    }
    case 'recommendations': {
      const recommendations: Recommendation[] = [];
      const conclusionDate = before.conclusion?.date ?? before.decision.date;
      for (const r of input.recommendations) {
        if (r.deadline < conclusionDate) throw deadlineBeforeConclusion();
        recommendations.push({
          id: caller.write.newId(),
          inspectionId: before.id,
          unitId: before.unitId,
          inspectedUnitId: before.targetUnitId,
          owner: await ownerOf(deps, caller, r.owner),
          content: r.content,
          deadline: r.deadline,
          status: 'open',
          overdueSince: null,
          notes: [],
          version: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        });
      }
      const after = step({ recommendationIds: [...before.recommendationIds, ...recommendations.map((r) => r.id)] });
      return { before, after, action: 'recommend', recommendations };
    }
  }
}

/** A recommendation's owner: a unit the caller may see, or a member through the member directory. */
async function ownerOf(
  deps: InspectionDeps,
  caller: CallerScope,
  owner: { kind: 'unit'; unitId: string } | { kind: 'member'; memberId: string },
): Promise<Recommendation['owner']> {
  if (owner.kind === 'unit') {
    await deps.units.assertInScope(caller, owner.unitId);
    return owner;
  }
  const member = await deps.members.get(caller, owner.memberId);
  return { kind: 'member', memberId: member.id, fullName: member.fullName };
}

/** The plan item an inspection carries out is done on its conclusion, in the same transaction. */
async function planDone(
  deps: InspectionDeps,
  inspection: Inspection,
  on: string,
  now: Date,
): Promise<{ plan?: { before: PlanRecord; after: PlanRecord } }> {
  if (!inspection.planItem) return {};
  const before = await deps.plans.get(inspection.planItem.planId);
  const item = before?.items.find((i) => i.id === inspection.planItem?.itemId);
  // A plan not yet approved, or an item already recorded by hand, is left as it is.
  if (!before || !item || item.done || before.status !== 'approved') return {};
  const after = completeItem(before, item.id, { on, inspectionId: inspection.id }, now);
  return after ? { plan: { before, after } } : {};
}

/** The inspections a unit's UBKT decided, newest decision first, of a year and at a stage if asked. */
export async function listInspections(
  deps: InspectionDeps,
  caller: CallerScope,
  unitId: string,
  filter: { year?: number; stage?: Inspection['stage'] },
  page: PageRequest,
) {
  await deps.units.assertInScope(caller, unitId);
  return deps.inspections.listOfUnit(unitId, filter, page);
}
