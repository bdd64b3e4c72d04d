import type { Member, MemberState, Role } from '@congdoan/contracts';
import { maskCccd } from '../../domain/member/cccd.ts';

/** Who needs which personal field (DOMAIN.md: CCCD and salary only for roles that need them). */
const SEES_CCCD: readonly Role[] = ['admin', 'officer', 'integration'];
const SEES_SALARY: readonly Role[] = ['admin', 'officer', 'accountant', 'integration'];

/** The member as this caller may see them; a member sees their own record in full. */
export function memberView(m: MemberState, caller: { roles: readonly Role[]; subject?: string }): Member {
  const self = caller.subject !== undefined && m.accountSubject !== null && caller.subject === m.accountSubject;
  const cccd = self || caller.roles.some((r) => SEES_CCCD.includes(r));
  const salary = self || caller.roles.some((r) => SEES_SALARY.includes(r));
  return {
    ...m,
    accountSubject: cccd ? m.accountSubject : null,
    cccd: cccd ? m.cccd : maskCccd(m.cccd),
    duesSalary: salary ? m.duesSalary : null,
    masked: !(cccd && salary),
  };
}
