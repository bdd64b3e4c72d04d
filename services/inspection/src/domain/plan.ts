import {
  INSPECTION_TYPES,
  type InspectionPlan,
  type InspectionType,
  MAX_PLAN_ITEMS,
  type PlanItem,
  type PlanItemInput,
} from '@congdoan/contracts';
import {
  agencyOnlyForSupervision,
  monthOutsideYear,
  planApproved,
  planItemDone,
  planNotApproved,
  planTooLarge,
} from './errors.ts';

/** A plan as stored: its progress is derived on reading, never kept. */
export type PlanRecord = Omit<InspectionPlan, 'progress'>;

/** Checks one item against its plan's year; an employing agency is a target of supervision only. */
export function planItem(year: number, input: PlanItemInput, id: string): PlanItem {
  if (!input.plannedMonth.startsWith(`${year}-`)) throw monthOutsideYear(input.plannedMonth, year);
  if (input.target.kind === 'agency' && input.type !== 'supervision') throw agencyOnlyForSupervision();
  return {
    id,
    type: input.type,
    target: input.target,
    plannedMonth: input.plannedMonth,
    note: input.note ?? null,
    done: null,
  };
}

/** Adds items to a draft plan; an approved plan is closed to new items. */
export function addItems(plan: PlanRecord, items: readonly PlanItem[], now: Date): PlanRecord {
  if (plan.status === 'approved') throw planApproved();
  if (plan.items.length + items.length > MAX_PLAN_ITEMS) throw planTooLarge(MAX_PLAN_ITEMS);
  return { ...plan, items: [...plan.items, ...items], version: plan.version + 1, updatedAt: now.toISOString() };
}

export function approve(
  plan: PlanRecord,
  approval: { decisionNumber: string; date: string; by: string },
  now: Date,
): PlanRecord {
  if (plan.status === 'approved') throw planApproved();
  return { ...plan, status: 'approved', approval, version: plan.version + 1, updatedAt: now.toISOString() };
}

/** Records an item of an approved plan as done, once; undefined when no such item. */
export function completeItem(
  plan: PlanRecord,
  itemId: string,
  done: { on: string; inspectionId: string | null },
  now: Date,
): PlanRecord | undefined {
  const item = plan.items.find((i) => i.id === itemId);
  if (!item) return undefined;
  if (plan.status !== 'approved') throw planNotApproved();
  if (item.done) throw planItemDone(itemId);
  return {
    ...plan,
    items: plan.items.map((i) => (i.id === itemId ? { ...i, done } : i)),
    version: plan.version + 1,
    updatedAt: now.toISOString(),
  };
}

/** Planned against done, in all and by type; every type is listed, zeros included. */
export function progress(items: readonly PlanItem[]): InspectionPlan['progress'] {
  const byType = Object.fromEntries(INSPECTION_TYPES.map((t) => [t, { planned: 0, done: 0 }])) as Record<
    InspectionType,
    { planned: number; done: number }
  >;
  for (const item of items) {
    byType[item.type].planned += 1;
    if (item.done) byType[item.type].done += 1;
  }
  return { planned: items.length, done: items.filter((i) => i.done).length, byType };
}

export const withProgress = (plan: PlanRecord): InspectionPlan => ({ ...plan, progress: progress(plan.items) });
