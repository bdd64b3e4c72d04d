import type { DirectorySpan } from '@congdoan/contracts';

/** A member's standing on a day: what every service's rules about members start from. */
export type Standing = 'member' | 'suspended' | 'not-a-member';

/**
 * What a member's dated history says of them on `day`: a member in their unit, suspended
 * there, or no member at all (before their first admission, or after they exited).
 */
export function standingOn(
  history: readonly DirectorySpan[],
  day: string,
): { standing: Standing; unitId: string | null } {
  const span = history.find((s) => s.from <= day && (s.to === null || day < s.to));
  if (!span || span.status === 'exited') return { standing: 'not-a-member', unitId: null };
  return { standing: span.status === 'suspended' ? 'suspended' : 'member', unitId: span.unitId };
}

/** Whole years from the first admission (`joinDate`, kept through transfers) to `day`; null before it. */
export function unionYears(joinDate: string | null, day: string): number | null {
  if (joinDate === null || joinDate > day) return null;
  const years = Number(day.slice(0, 4)) - Number(joinDate.slice(0, 4));
  return day.slice(5) < joinDate.slice(5) ? years - 1 : years;
}
