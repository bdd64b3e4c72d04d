import type { DirectorySpan, DisciplineForm, ProceedingKind, RatingCategory } from '@congdoan/contracts';
import type { TitleDefinition } from '../policy/catalogue.ts';
import type { AbsenceSetting } from '../policy/settings.ts';

/** A written decision: its number as written on it, and its date. */
export interface DecisionRef {
  number: string;
  date: string;
}

/** A discipline decision against the candidate, as emulation keeps it from inspection's events. */
export interface DisciplineFact {
  disciplineId: string;
  form: DisciplineForm;
  /** null while only a later event (its lapse or revocation) has arrived. */
  decision: DecisionRef | null;
  status: 'in-force' | 'lapsed' | 'revoked';
  lapsedOn: string | null;
}

/** An inspection, complaint or denunciation about the candidate, from inspection's events. */
export interface ProceedingFact {
  proceedingId: string;
  kind: ProceedingKind;
  openedOn: string;
  closedOn: string | null;
}

/** A title or form the candidate was awarded for a year, in whatever unit they then were. */
export interface HeldTitle {
  year: number;
  titleCode: string;
  unitId: string;
  unitName: string;
  decision: DecisionRef;
}

/** An achievement backing the nomination (an accepted initiative), and the award it already backs, if any. */
export interface Achievement {
  kind: 'initiative';
  id: string;
  title: string;
  /** The day it was recognised (accepted). */
  recognisedOn: string;
  usedBy: { nominationId: string; decision: DecisionRef | null } | null;
}

export type Candidate =
  | {
      kind: 'member';
      memberId: string;
      joinDate: string | null;
      history: readonly DirectorySpan[];
    }
  | {
      kind: 'unit';
      unitId: string;
      /**
       * The units merged into it, directly or through earlier mergers (a unit merged into one
       * that was later merged into the candidate): their titles continue its chains.
       */
      lineage: readonly MergedUnit[];
      /** The CĐCS rating of the evaluated year; null when not rated. */
      rating: RatingCategory | null;
    };

/**
 * A unit merged into the candidate (sáp nhập), from membership's `UnitMerged`: its titles of the
 * years begun before `countsBefore` continue the candidate's chains, except those its own
 * discipline reached into.
 */
export interface MergedUnit {
  unitId: string;
  unitName: string;
  /** The day it was merged into `into` (or into the candidate when `into` is null). */
  mergedOn: string;
  /** The unit it was merged into when not the candidate itself (a merger of a merger). */
  into: { unitId: string; unitName: string } | null;
  /** The earliest merger day on its way to the candidate: a title counts for a year begun before it. */
  countsBefore: string;
  /** The discipline decisions against it (inspection's events about the unit). */
  disciplines: readonly DisciplineFact[];
}

/** Working days absent in the evaluated period, declared on the nomination by the proposing unit. */
export interface AbsenceDeclaration {
  /** Absences other than maternity leave. */
  otherWorkingDays: number;
  maternityWorkingDays: number;
}

/** Everything the engine needs, read from projections and the nomination: it does no I/O. */
export interface EligibilityFacts {
  nominationId: string;
  title: TitleDefinition;
  /** The evaluated period (kỳ xét), usually a calendar year. */
  period: { year: number; from: string; to: string };
  /** The day of the check: at receipt, and again at decision. */
  checkedOn: string;
  candidate: Candidate;
  disciplines: readonly DisciplineFact[];
  proceedings: readonly ProceedingFact[];
  absence: AbsenceDeclaration | null;
  absenceSetting: AbsenceSetting;
  heldTitles: readonly HeldTitle[];
  achievements: readonly Achievement[];
  /** Titles' names by code, to write reasons. */
  titleNames: Readonly<Record<string, string>>;
}
