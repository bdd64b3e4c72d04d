import type { EmulationMemberStanding } from '@congdoan/contracts';
import { standingOn, unionYears } from '@congdoan/member-directory/standing';
import type { CallerScope, EmulationDeps } from './ports.ts';

/** A member's standing on `day`, for a caller who may see them. */
export async function memberStanding(
  deps: Pick<EmulationDeps, 'members'>,
  caller: CallerScope,
  memberId: string,
  day: string,
): Promise<EmulationMemberStanding> {
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
