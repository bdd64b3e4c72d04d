import { AGE_BANDS, type AgeBand, type MemberState, notFound } from '@congdoan/contracts';
import { isInScope } from '@congdoan/org-directory';
import type { MemberFilter } from '../member-ports.ts';
import type { PageKey } from '../ports.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { MemberDeps } from './deps.ts';

/** An age band on a day, as a range of birth dates: (bornAfter, bornOnOrBefore]. */
export function birthRange(band: AgeBand, on: string): { bornAfter?: string; bornOnOrBefore?: string } {
  const bounds: Record<AgeBand, [number | null, number | null]> = {
    'under-30': [null, 30],
    '30-39': [30, 40],
    '40-49': [40, 50],
    '50-59': [50, 60],
    '60-plus': [60, null],
  };
  const [minAge, maxAgeExclusive] = bounds[band];
  const shift = (years: number) => `${String(Number(on.slice(0, 4)) - years).padStart(4, '0')}${on.slice(4)}`;
  return {
    // age >= minAge  ⇔ born on or before on − minAge years
    ...(minAge !== null ? { bornOnOrBefore: shift(minAge) } : {}),
    // age < max ⇔ born after on − max years
    ...(maxAgeExclusive !== null ? { bornAfter: shift(maxAgeExclusive) } : {}),
  };
}

export { AGE_BANDS };

export async function listUnitMembers(
  deps: MemberDeps,
  caller: { unitId: string | null },
  unitId: string,
  filter: MemberFilter & { ageBand?: AgeBand; on: string },
  page: { limit: number; startKey?: PageKey },
) {
  await readUnitInScope(deps, caller, unitId);
  const { ageBand, on, ...rest } = filter;
  return deps.members.listByUnit(unitId, { ...rest, ...(ageBand ? birthRange(ageBand, on) : {}) }, page);
}

/** Every record of a CCCD in the caller's subtree, newest first. */
export async function findByCccd(
  deps: MemberDeps,
  caller: { unitId: string | null },
  cccd: string,
): Promise<MemberState[]> {
  const all = await deps.members.findByCccd(cccd);
  const visible: MemberState[] = [];
  for (const m of all) if (await isInScope(deps.units, caller.unitId, m.unitId)) visible.push(m);
  return visible.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function findByCard(
  deps: MemberDeps,
  caller: { unitId: string | null },
  cardNumber: string,
): Promise<MemberState> {
  const m = await deps.members.findByCard(cardNumber);
  if (!m || !(await isInScope(deps.units, caller.unitId, m.unitId))) {
    throw notFound({ vi: 'đoàn viên có số thẻ', en: 'member with card number' }, cardNumber);
  }
  return m;
}
