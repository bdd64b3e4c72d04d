import type { InspectionMemberStanding } from '@congdoan/contracts';
import { standingOn, unionYears } from '../domain/standing.ts';
import type { CallerScope, InspectionDeps } from './ports.ts';

/** A member's standing on `day`, for a caller who may see them. */
export async function memberStanding(
  deps: InspectionDeps,
  caller: CallerScope,
  memberId: string,
  day: string,
): Promise<InspectionMemberStanding> {
  const member = await deps.members.get(caller, memberId);
  const { standing, unitId } = standingOn(member.history, day);
  return {
    memberId: member.id,
    fullName: member.fullName,
    on: day,
    standing,
    unitId,
    unionYears: standing === 'not-a-member' ? null : unionYears(member.joinDate, day),
  };
}
