import type { DuesMonthSheet, MemberDues, Role } from '@congdoan/contracts';
import { formatDong } from '../../domain/policy/policy.ts';

/** Who may see a member's dues salary, which a dues formula shows (as membership masks it). */
const SEES_SALARY: readonly Role[] = ['admin', 'officer', 'accountant', 'integration'];

export const seesSalary = (caller: { roles: readonly Role[] }) => caller.roles.some((r) => SEES_SALARY.includes(r));

const hidden = (amount: number) => `đoàn phí theo chính sách (ẩn lương đóng đoàn phí) = ${formatDong(amount)}`;

/** The month sheet as the caller may see it: without salaries for roles that do not see them. */
export function monthSheetView(sheet: DuesMonthSheet, caller: { roles: readonly Role[] }): DuesMonthSheet {
  if (seesSalary(caller)) return sheet;
  return {
    ...sheet,
    members: sheet.members.map((m) => ({
      ...m,
      duesSalary: null,
      expected: m.owes ? { ...m.expected, formula: hidden(m.expected.amount) } : m.expected,
    })),
  };
}

export function memberDuesView(dues: MemberDues, caller: { roles: readonly Role[] }): MemberDues {
  if (seesSalary(caller)) return dues;
  return {
    ...dues,
    months: dues.months.map((m) =>
      m.expected ? { ...m, expected: { ...m.expected, formula: hidden(m.expected.amount) } } : m,
    ),
  };
}
