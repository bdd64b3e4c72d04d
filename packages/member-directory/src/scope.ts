import type { DirectoryMember, DirectoryStatus, LocalizedText } from '@congdoan/contracts';
import { notFound } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { assertInScope, directoryLookup, isInScope, type UnitLookup } from '@congdoan/org-directory';
import { spanOn } from './history.ts';
import { type MemberPage, type MemberReads, memberReads, type UnitMembersQuery } from './store.ts';

export const MEMBER: LocalizedText = { vi: 'đoàn viên', en: 'member' };

/** The unit whose subtree a caller may act in; null is the whole tree (as in the token's `unit_id`). */
export interface MemberScope {
  unitId: string | null;
}

/**
 * The directory as one caller may read it, with the product's scope rule: a member whose
 * unit lies outside the caller's subtree is not found (404), so their existence does not
 * leak. The subtree is walked in the organisation directory the service also mounts.
 */
export interface ScopedMemberReads {
  /** Not found unless the member's latest unit is in the caller's subtree. */
  getMember(id: string): Promise<DirectoryMember>;
  /** Not found when the unit is outside the caller's subtree. */
  membersOfUnit(unitId: string, query?: UnitMembersQuery): Promise<MemberPage>;
  /**
   * The member's standing on `day`, or undefined when they were no member then. Visible
   * when their latest unit or their unit on that day is in the caller's subtree, so a
   * CĐCS can still answer for someone who has since transferred away.
   */
  statusOn(id: string, day: string): Promise<DirectoryStatus | undefined>;
  /** The member's unit on `day`, visible as `statusOn` is. */
  unitOn(id: string, day: string): Promise<string | undefined>;
}

export function scopedMembers(reads: MemberReads, units: UnitLookup, caller: MemberScope): ScopedMemberReads {
  const visible = (unitId: string) => isInScope(units, caller.unitId, unitId);
  const getMember = async (id: string) => {
    const member = await reads.getMember(id);
    if (!member || !(await visible(member.unitId))) throw notFound(MEMBER, id);
    return member;
  };
  const visibleSpanOn = async (id: string, day: string) => {
    const member = await reads.getMember(id);
    const span = member && spanOn(member.history, day);
    if (!member || !((await visible(member.unitId)) || (span && (await visible(span.unitId)))))
      throw notFound(MEMBER, id);
    return span;
  };
  return {
    getMember,
    async membersOfUnit(unitId, query) {
      await assertInScope(units, caller, unitId);
      return reads.membersOfUnit(unitId, query);
    },
    statusOn: async (id, day) => (await visibleSpanOn(id, day))?.status,
    unitOn: async (id, day) => (await visibleSpanOn(id, day))?.unitId,
  };
}

/** The member directory of a service's table: its reads, and the same scoped to a caller. */
export interface MemberDirectory extends MemberReads {
  forCaller(caller: MemberScope): ScopedMemberReads;
}

/** Reads the member directory the service mounts, scope-checked through its organisation directory. */
export function createMemberDirectory(db: Db): MemberDirectory {
  const reads = memberReads(db);
  const units = directoryLookup(db);
  return { ...reads, forCaller: (caller) => scopedMembers(reads, units, caller) };
}
