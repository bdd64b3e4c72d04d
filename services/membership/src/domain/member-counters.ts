import type { MemberState } from '@congdoan/contracts';

/** Statuses in which a person counts as a union member (a suspended member is still one; they owe no dues). */
const COUNTED = new Set<MemberState['status']>(['active', 'suspended']);

/** Statuses in which a person holds their CCCD: nobody else may apply or be admitted with it. */
const HOLDS_CCCD = new Set<MemberState['status']>(['applicant', 'active', 'suspended']);

export const holdsCccd = (m: MemberState | null) => m !== null && HOLDS_CCCD.has(m.status);
export const isCounted = (m: MemberState | null) => m !== null && COUNTED.has(m.status);

/**
 * The statistics counters one member adds to their unit. Birth dates are counted
 * as `born:<date>` rather than as age bands, so a report computes exact age bands
 * for any date without touching members; every other dimension is static.
 */
export function counters(m: MemberState | null): Record<string, number> {
  if (!m || !isCounted(m)) return {};
  const c: Record<string, number> = {
    total: 1,
    [`gender:${m.gender}`]: 1,
    [`edu:${m.educationLevel}`]: 1,
    [`theory:${m.politicalTheoryLevel}`]: 1,
    [`cat:${m.employmentCategory}`]: 1,
    [`eth:${m.ethnicity}`]: 1,
    [`born:${m.dateOfBirth}`]: 1,
  };
  if (m.gender === 'female') c.women = 1;
  if (m.partyMember) c.party = 1;
  if (m.status === 'suspended') c.suspended = 1;
  return c;
}

/** after − before, per unit, without zeros. */
export function counterDeltas(
  before: { unitId: string; counted: Record<string, number> } | null,
  after: { unitId: string; counted: Record<string, number> },
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const add = (unitId: string, c: Record<string, number>, sign: 1 | -1) => {
    const acc = out.get(unitId) ?? {};
    for (const [k, v] of Object.entries(c)) acc[k] = (acc[k] ?? 0) + sign * v;
    out.set(unitId, acc);
  };
  if (before) add(before.unitId, before.counted, -1);
  add(after.unitId, after.counted, 1);
  for (const [unitId, c] of out) {
    for (const k of Object.keys(c)) if (c[k] === 0) delete c[k];
    if (Object.keys(c).length === 0) out.delete(unitId);
  }
  return out;
}
