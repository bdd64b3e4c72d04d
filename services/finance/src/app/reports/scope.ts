import { type FinanceUnitProfile, type LocalizedText, notFound } from '@congdoan/contracts';
import { assertInScope, type UnitLookup } from '@congdoan/org-directory';
import { FINANCE_READERS } from '../../route-parts.ts';
import type { ReportCaller } from './ports.ts';

export const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };

/**
 * Finance readers see any unit in their subtree. A caller who is only a member
 * sees the disclosure of their own unit (the unit of their token) and nothing
 * else: công khai tài chính is published to the unit's members, not to other
 * units' members. Anything else answers 404.
 */
export async function assertCanRead(
  directory: UnitLookup,
  caller: ReportCaller,
  unitId: string,
  options: { members: boolean },
): Promise<void> {
  const reader = caller.roles.some((r) => (FINANCE_READERS as readonly string[]).includes(r));
  if (!reader && !(options.members && caller.roles.includes('member') && caller.unitId === unitId)) {
    throw notFound(UNIT, unitId);
  }
  await assertInScope(directory, caller, unitId, UNIT);
}

/** The unit's finance profile; 404 when finance has not heard of it. */
export async function profileOf(
  profiles: { get(unitId: string): Promise<FinanceUnitProfile | undefined> },
  unitId: string,
): Promise<FinanceUnitProfile> {
  const profile = await profiles.get(unitId);
  if (!profile) throw notFound(UNIT, unitId);
  return profile;
}

export const reportUnit = (p: FinanceUnitProfile) => ({
  id: p.unitId,
  code: p.code,
  name: p.name,
  level: p.level,
  status: p.status,
  parentId: p.parentId,
});

/** The earlier of two `YYYY-MM-DD` days (they sort as text). */
export const earlierDay = (a: string, b: string): string => [a, b].sort()[0] as string;
