import type { Recommendation, RecommendationStatus } from '@congdoan/contracts';
import { recommendationClosed } from './errors.ts';

/**
 * A recommendation's status: open → in progress → done; the daily schedule turns one still
 * open or in progress after its deadline into overdue (once). An overdue one can still be
 * followed up and done; a done one is closed.
 */
export function followUp(
  rec: Recommendation,
  input: { status?: 'in-progress' | 'done'; note: string },
  by: string,
  now: Date,
): Recommendation {
  if (rec.status === 'done') throw recommendationClosed(rec.id);
  // An overdue recommendation stays overdue until done: in progress does not undo the lateness.
  const status: RecommendationStatus =
    input.status === 'done' ? 'done' : rec.status === 'overdue' ? 'overdue' : (input.status ?? rec.status);
  return {
    ...rec,
    status,
    notes: [...rec.notes, { at: now.toISOString(), by, text: input.note, status }],
    version: rec.version + 1,
    updatedAt: now.toISOString(),
  };
}

/** Whether the schedule running on `today` finds it overdue: its deadline passed, not done, not yet marked. */
export const isOverdue = (rec: Pick<Recommendation, 'status' | 'deadline'>, today: string) =>
  (rec.status === 'open' || rec.status === 'in-progress') && rec.deadline < today;
