import type { WriteContext, WriteItem } from '@congdoan/ddb';

/** One inspection discipline event as membership applies it: its id, and the decision's id and version. */
export interface DisciplineMark {
  eventId: string;
  disciplineId: string;
  version: number;
}

/**
 * What membership keeps of inspection's discipline events: each event applied once (its inbox
 * marker), and per decision the highest version applied, so a redelivered, duplicate or late
 * event (a decision arriving after its revocation) changes nothing.
 */
export interface DisciplineInbox {
  /** The highest version of the decision applied; 0 when none. */
  keptVersion(disciplineId: string): Promise<number>;
  /** The marker and version items to commit in the effect's own transaction. */
  marks(mark: DisciplineMark, now: Date): WriteItem[];
  /** Records the event with no other effect (`applyOnce`); false when it, or a later version, was applied. */
  record(mark: DisciplineMark, ctx: WriteContext): Promise<boolean>;
}
