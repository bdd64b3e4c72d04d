import type { FundingType, Month } from '@congdoan/contracts';
import { unprocessable } from '@congdoan/contracts';
import type { Policy } from '../policy/types.ts';
import type { RosterOwing } from '../roster/roster.ts';
import type { OwingMember } from './types.ts';

export const fundingTypeMissing = (unitId: string) =>
  unprocessable('unit-funding-type-missing', {
    vi: `Đơn vị ${unitId} chưa khai báo loại hình cơ quan (fundingType), nên chưa tính được mức đoàn phí. Hãy cập nhật thông tin cơ quan của đơn vị bên quản lý đoàn viên.`,
    en: `Unit ${unitId} has no funding type on record, so its dues cannot be computed. Set the unit's employing agency in membership.`,
  });

/**
 * Dues for a unit and month: roster × policy. Each owing member's amount is
 * `policy.dues` on the salary the month rule picked, with the unit's funding
 * type: rate × salary, capped at the cap × lương cơ sở of the month, rounded to
 * the nearest đồng, half up; the formula and rules come with it.
 */
export function expectedDues(
  policy: Policy,
  unitId: string,
  fundingType: FundingType | null,
  month: Month,
  owing: readonly RosterOwing[],
): OwingMember[] {
  if (owing.length === 0) return [];
  if (!fundingType) throw fundingTypeMissing(unitId);
  return owing.map((o) => ({
    memberId: o.memberId,
    fullName: o.fullName,
    duesSalary: o.duesSalary,
    basis: o.basis,
    expected: policy.dues({ month, fundingType, duesSalary: o.duesSalary }),
  }));
}
