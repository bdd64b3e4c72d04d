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
      /** The unit itself, then the units merged into it: their titles continue its chains. */
      lineage: readonly string[];
      /** The CĐCS rating of the evaluated year; null when not rated. */
      rating: RatingCategory | null;
    };

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
