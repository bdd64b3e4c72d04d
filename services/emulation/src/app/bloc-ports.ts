import type { Bloc, BlocScore } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';

/** Emulation blocs and their members' score sheets. */
export interface BlocStore {
  get(id: string): Promise<Bloc | undefined>;
  /** The bloc and every member's score sheet, read together (one Query). */
  withScores(id: string): Promise<{ bloc: Bloc; sheets: BlocScore[] } | undefined>;
  /** The bloc of a code an organiser formed for a year. */
  ofCode(organiserUnitId: string, code: string, year: number): Promise<Bloc | undefined>;
  /** Every bloc of a year, by organiser then code. */
  ofYear(year: number): Promise<Bloc[]>;
  /** Writes the bloc, one per organiser, code and year (`blocExists`). */
  create(bloc: Bloc, ctx: WriteContext): Promise<void>;
  /**
   * Writes a member's sheet if it is still as read (`before`, or none) and counts the change on
   * the bloc, while the bloc has proposed no flag (`blocClosed`): a lost race is a conflict to retry.
   */
  saveScore(before: BlocScore | undefined, after: BlocScore, ctx: WriteContext): Promise<void>;
  /**
   * Records the flag proposal if the bloc has none and its scores are as read (`scoreRevision`):
   * another proposal is `blocFlagProposed`, a score changed meanwhile a conflict to retry.
   */
  proposeFlag(bloc: Bloc, proposal: NonNullable<Bloc['flagProposal']>, ctx: WriteContext): Promise<Bloc>;
  /** Names the nomination made for the proposal; `undefined` takes the proposal back (its nomination failed). */
  settleFlag(bloc: Bloc, nominationId: string | undefined, ctx: WriteContext): Promise<Bloc>;
}

export interface BlocDeps {
  blocs: BlocStore;
}
