/**
 * The ports the reports read beyond inspection's own stores: the CĐCS of a subtree and how
 * many active members each has, from the organisation and member directories inspection
 * mounts. (The case figures are `CaseFigures` in `case-ports.ts`.)
 */

/** A unit (a CĐCS on the warning list) as the reports name it. */
export interface GrassrootsUnit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface Roster {
  /** A unit as the organisation directory names it; undefined when unknown. */
  unit(unitId: string): Promise<GrassrootsUnit | undefined>;
  /** The active CĐCS in the subtree of `unitId` (itself, when it is one), by code within each parent. */
  grassrootsIn(unitId: string): Promise<GrassrootsUnit[]>;
  /** The unit's active members today, counted up to `atMost` and no further: the reads stop there. */
  activeMembersUpTo(unitId: string, atMost: number): Promise<number>;
}
