import { teamMemberNotActive, teamMemberNotInspector, teamMemberOfInspectedUnit } from './errors.ts';

/** What the team rule needs to know of a proposed member, read on the decision's date. */
export interface TeamCandidate {
  memberId: string;
  /** Whether they are an active member that day. */
  active: boolean;
  /** Whether their unit that day is the inspected unit or lies below it. */
  inInspectedUnit: boolean;
  /** Whether they hold an inspection-committee (UBKT) seat that day, in any unit. */
  sitsOnUbkt: boolean;
  /** Named as invited in the team decision. */
  invited: boolean;
}

/**
 * The team rule (HD 238/HD-TLĐ): nobody of the inspected unit inspects it, and each member
 * sits on a UBKT or is named as invited. Returns each member's basis, or throws the first
 * member that breaks it.
 */
export function teamBasis(candidate: TeamCandidate): 'ubkt' | 'invited' {
  if (!candidate.active) throw teamMemberNotActive(candidate.memberId);
  if (candidate.inInspectedUnit) throw teamMemberOfInspectedUnit(candidate.memberId);
  if (candidate.sitsOnUbkt) return 'ubkt';
  if (candidate.invited) return 'invited';
  throw teamMemberNotInspector(candidate.memberId);
}

/** An appointment span as the UBKT seat projection keeps it: `[from, to)`. */
export interface Seat {
  from: string;
  /** The first day out of office; null while in office. */
  to: string | null;
}

export const holdsSeatOn = (seats: readonly Seat[], day: string) =>
  seats.some((s) => s.from <= day && (s.to === null || day < s.to));
