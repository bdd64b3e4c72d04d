import type { DirectoryMember } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { DisciplineFact, ProceedingFact } from '../domain/eligibility/facts.ts';
import type { BlocDeps } from './bloc-ports.ts';
import type { HonoursDeps } from './honours-ports.ts';
import type { MovementDeps } from './movement-ports.ts';
import type { NominationDeps } from './nomination-ports.ts';
import type { PolicyDeps } from './policy-ports.ts';
import type { UnitMergers } from './unit-mergers.ts';

/** The unit whose subtree a caller may act in; null is the whole tree. */
export interface CallerScope {
  unitId: string | null;
}

/** A caller who writes: their scope and the write context (actor, clock, ids). */
export interface Caller extends CallerScope {
  write: WriteContext;
}

/** Who a member is, as emulation's member directory keeps them. */
export interface Members {
  /** The member; a not-found domain error when unknown or outside the caller's subtree. */
  get(caller: CallerScope, id: string): Promise<DirectoryMember>;
}

/** What emulation's use cases are given: ports only, never a concrete adapter. */
export interface EmulationDeps extends MovementDeps, NominationDeps, HonoursDeps, PolicyDeps, BlocDeps {
  members: Members;
  subjects: SubjectRecords;
  /** Every merger into each unit (membership's `UnitMerged`): a collective's chains continue through them. */
  mergers: UnitMergers;
}

/** Who a discipline decision or proceeding is about (inspection's `ProceedingSubject`). */
export type Subject = { kind: 'member'; memberId: string } | { kind: 'unit'; unitId: string };

/**
 * One inspection event as emulation keeps it: the record's state at the event's version, and
 * the decision's facts that never change (number, date), which a late lower version still fills
 * in when a later event arrived first.
 */
export interface SubjectRecordChange {
  eventId: string;
  subject: Subject;
  record: { kind: 'discipline'; id: string } | { kind: 'proceeding'; id: string };
  version: number;
  state: Record<string, unknown>;
  facts: Record<string, unknown>;
}

export type SubjectRecordOutcome = 'applied' | 'superseded' | 'duplicate';

/** What emulation keeps of inspection's discipline and proceeding events, per subject. */
export interface SubjectRecords {
  /** Applies the event once (its inbox marker), its state only over a lower version. */
  apply(change: SubjectRecordChange, ctx: WriteContext): Promise<SubjectRecordOutcome>;
  /** The subject's discipline decisions and proceedings, read consistently. */
  of(subject: Subject): Promise<{ disciplines: DisciplineFact[]; proceedings: ProceedingFact[] }>;
}
