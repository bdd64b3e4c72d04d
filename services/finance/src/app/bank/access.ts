import { type FinanceUnitProfile, type LocalizedText, notFound, unprocessable } from '@congdoan/contracts';
import { assertInScope } from '@congdoan/org-directory';
import type { BankDeps } from './ports.ts';

export const ACCOUNT_UNIT: LocalizedText = { vi: 'đơn vị chủ tài khoản', en: 'account-holding unit' };

/** Levels whose bank account receives the levy of the CĐCS under them. */
const RECEIVING_LEVELS = new Set(['upper', 'province', 'national']);

/** The unit whose bank account a statement is of: in the caller's subtree (else 404), above the grassroots (else 422). */
export async function accountUnit(
  deps: Pick<BankDeps, 'directory' | 'profiles'>,
  caller: { unitId: string | null },
  unitId: string,
): Promise<FinanceUnitProfile> {
  await assertInScope(deps.directory, caller, unitId, ACCOUNT_UNIT);
  const profile = await deps.profiles.get(unitId);
  if (!profile) throw notFound(ACCOUNT_UNIT, unitId);
  if (!RECEIVING_LEVELS.has(profile.level)) {
    throw unprocessable('bank-statement-not-upper-level', {
      vi: `Sao kê được nhập vào tài khoản của công đoàn cấp trên, nơi nhận kinh phí công đoàn; "${profile.name}" không phải đơn vị cấp trên.`,
      en: `Statements are imported into the account of an upper level, which receives the levy; "${profile.name}" is not an upper level.`,
    });
  }
  return profile;
}
