import { DomainError, type FinanceUnitProfile, type LocalizedText, notFound, unprocessable } from '@congdoan/contracts';
import { assertInScope, isInScope } from '@congdoan/org-directory';
import type { LevyDeps } from './ports.ts';

export const LEVY_UNIT: LocalizedText = { vi: 'công đoàn cơ sở', en: 'grassroots union' };

/** The CĐCS whose levy is asked for: in the caller's subtree (else 404) and a grassroots unit (else 422). */
export async function grassrootsUnit(
  deps: Pick<LevyDeps, 'directory' | 'profiles'>,
  caller: { unitId: string | null },
  unitId: string,
): Promise<FinanceUnitProfile> {
  await assertInScope(deps.directory, caller, unitId, LEVY_UNIT);
  const profile = await deps.profiles.get(unitId);
  if (!profile) throw notFound(LEVY_UNIT, unitId);
  if (profile.level !== 'grassroots') {
    throw unprocessable('levy-not-grassroots', {
      vi: `Đơn vị "${profile.name}" không phải công đoàn cơ sở: kinh phí công đoàn do cơ quan, đơn vị của một công đoàn cơ sở đóng.`,
      en: `Unit "${profile.name}" is not a grassroots union: the levy is paid by the employing agency of a grassroots union.`,
    });
  }
  return profile;
}

/**
 * The upper level that receives the CĐCS's levy (its parent). Recording money in
 * its books is for callers whose subtree holds it: a CĐCS's own accountant sees
 * the CĐCS's levy but may not write the upper level's receipts (403).
 */
export async function upperLevelOf(
  deps: Pick<LevyDeps, 'directory'>,
  caller: { unitId: string | null },
  profile: FinanceUnitProfile,
): Promise<string> {
  if (!profile.parentId) {
    throw unprocessable('levy-no-upper-level', {
      vi: `Công đoàn cơ sở "${profile.name}" không có công đoàn cấp trên để nhận kinh phí.`,
      en: `Grassroots union "${profile.name}" has no upper level to receive the levy.`,
    });
  }
  if (!(await isInScope(deps.directory, caller.unitId, profile.parentId))) {
    throw new DomainError(
      'forbidden',
      'levy-upper-level-only',
      { vi: 'Không đủ quyền', en: 'Forbidden' },
      {
        vi: 'Chỉ kế toán của công đoàn cấp trên (nơi nhận kinh phí) mới ghi khoản nộp và phân phối kinh phí công đoàn.',
        en: 'Only the accountants of the upper level (which receives the levy) record levy payments and allocations.',
      },
    );
  }
  return profile.parentId;
}
