import { FINANCE_ROLES, type LocalizedText, OFFICER_POSITIONS, type OfficerPosition } from '@congdoan/contracts';

export const POSITION_TEXT: Record<OfficerPosition, LocalizedText> = {
  chair: { vi: 'Chủ tịch', en: 'chair' },
  'vice-chair': { vi: 'Phó Chủ tịch', en: 'vice-chair' },
  'committee-member': { vi: 'Ủy viên Ban chấp hành', en: 'committee member' },
  'womens-affairs-lead': { vi: 'Trưởng ban Nữ công', en: 'women’s-affairs lead' },
  'inspection-member': { vi: 'Ủy viên Ủy ban kiểm tra', en: 'inspection-committee member' },
  'account-holder': { vi: 'Chủ tài khoản', en: 'account holder' },
  accountant: { vi: 'Kế toán', en: 'accountant' },
  treasurer: { vi: 'Thủ quỹ', en: 'treasurer' },
};

/** Officer lists follow the order of `OFFICER_POSITIONS`: chair first, standing financial roles last. */
export const positionRank = (position: OfficerPosition): number => OFFICER_POSITIONS.indexOf(position);

/** A seat on the executive committee: a person holds at most one of these at a time. */
export const COMMITTEE_RANKS: readonly OfficerPosition[] = ['chair', 'vice-chair', 'committee-member'];

const FINANCE: ReadonlySet<OfficerPosition> = new Set(FINANCE_ROLES);

/**
 * Điều lệ Công đoàn Việt Nam (DOMAIN.md, UBKT): the account holder, the
 * accountant and the treasurer may not sit on the inspection committee of the
 * same unit, since it inspects the finances they keep. The rule goes both ways.
 */
export const incompatible = (a: OfficerPosition, b: OfficerPosition): boolean =>
  (a === 'inspection-member' && FINANCE.has(b)) || (b === 'inspection-member' && FINANCE.has(a));
