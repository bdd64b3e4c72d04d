import { dayInVietnam, type LocalizedText, type Recommendation, RecommendationOverdue } from '@congdoan/contracts';
import { assertVersion, event, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { followUp, isOverdue } from '../domain/recommendation.ts';
import type { Caller, CallerScope, InspectionDeps, PageRequest } from './ports.ts';

export const RECOMMENDATION: LocalizedText = { vi: 'kiến nghị', en: 'recommendation' };

/** A recommendation is seen by whoever sees the inspected unit (the inspecting UBKT lies above it). */
async function readRecommendation(deps: InspectionDeps, caller: CallerScope, id: string) {
  return deps.units.visible(caller, await deps.recommendations.get(id), (r) => r.inspectedUnitId, RECOMMENDATION, id);
}

export const getRecommendation = (deps: InspectionDeps, caller: CallerScope, id: string) =>
  readRecommendation(deps, caller, id);

export async function listRecommendations(
  deps: InspectionDeps,
  caller: CallerScope,
  unitId: string,
  status: Recommendation['status'] | undefined,
  page: PageRequest,
) {
  await deps.units.assertInScope(caller, unitId);
  return deps.recommendations.listOfUnit(unitId, status, page);
}

/** A follow-up note, with a new status if it changes. */
export function followUpRecommendation(
  deps: InspectionDeps,
  caller: Caller,
  id: string,
  input: { status?: 'in-progress' | 'done'; note: string },
  ifMatch?: number,
): Promise<Recommendation> {
  return retryOnConflict(async () => {
    const before = await readRecommendation(deps, caller, id);
    assertVersion(ifMatch, before.version);
    const after = followUp(before, input, caller.write.actor.id, caller.write.now());
    await deps.recommendations.save(before, after, caller.write, ifMatch);
    return after;
  });
}

/** At most this many recommendations are read from the deadline index per page of the daily run. */
const PAGE = 100;

/**
 * The daily schedule: every open or in-progress recommendation past its deadline becomes
 * overdue with one `RecommendationOverdue`, in the same transaction and under the condition
 * that it is still unmarked, so two runs (or a redelivered schedule) announce it once.
 * Read from the deadline index, which holds only what may still become overdue.
 */
export async function markOverdueRecommendations(
  deps: InspectionDeps,
  write: WriteContext,
): Promise<{ marked: number; skipped: number }> {
  const today = dayInVietnam(write.now());
  let marked = 0;
  let skipped = 0;
  for (;;) {
    const due = (await deps.recommendations.dueBefore(today, PAGE)).filter((r) => isOverdue(r, today));
    let progressed = false;
    for (const rec of due) {
      const ev = event(RecommendationOverdue, {
        recommendationId: rec.id,
        inspectionId: rec.inspectionId,
        unitId: rec.unitId,
        owner: rec.owner.kind === 'unit' ? rec.owner : { kind: 'member', memberId: rec.owner.memberId },
        dueDate: rec.deadline,
      });
      if (await deps.recommendations.markOverdue(rec, today, ev, write)) {
        marked += 1;
        progressed = true;
      } else skipped += 1;
    }
    // The index is eventually consistent: stop when a page brought nothing new to mark.
    if (due.length < PAGE || !progressed) return { marked, skipped };
  }
}
