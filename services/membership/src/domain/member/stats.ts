import type { MemberState } from '@congdoan/contracts';
import { ageBand } from './age.ts';

/**
 * The statistics one member adds to their unit's counters (issue 3, Statistics;
 * seed 001's "2 thạc sĩ, 3 đại học…").
 *
 * Who counts: active AND suspended members. A suspended member pays no dues but
 * is still a member (DOMAIN.md), so they count in `total` and every dimension,
 * and also in `suspended`; active members = total − suspended. Applicants,
 * rejected applicants and exited members count nowhere.
 *
 * Counter names:
 *   total, women, party, suspended
 *   edu:<EducationLevel>     theory:<PoliticalTheoryLevel>   cat:<EmploymentCategory>
 *   eth:<ethnicity>          age:<AgeBand>
 *
 * Age bands move with time while counters do not: the `age:` counters hold each
 * member's band as of the day their record last changed (the `on` passed with that
 * change). A report that must be exact for a date recomputes age bands from the
 * members (or from birth dates) instead of reading the `age:` counters.
 */
export const COUNTED_STATUSES: readonly MemberState['status'][] = ['active', 'suspended'];

export function statsContribution(m: MemberState, on: string): Record<string, number> {
  if (!COUNTED_STATUSES.includes(m.status)) return {};
  const c: Record<string, number> = {
    total: 1,
    [`edu:${m.educationLevel}`]: 1,
    [`theory:${m.politicalTheoryLevel}`]: 1,
    [`cat:${m.employmentCategory}`]: 1,
    [`eth:${m.ethnicity}`]: 1,
    [`age:${ageBand(m.dateOfBirth, on)}`]: 1,
  };
  if (m.gender === 'female') c.women = 1;
  if (m.partyMember) c.party = 1;
  if (m.status === 'suspended') c.suspended = 1;
  return c;
}

/** Adds counter maps (b scaled by `sign`), dropping zeros. */
export function addCounters(
  a: Record<string, number>,
  b: Record<string, number>,
  sign: 1 | -1 = 1,
): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + sign * v;
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}

/**
 * after − before, both counted on `on` (the day of the change), without zeros: what
 * the repository ADDs to the unit's counters in the same transaction. `null` stands
 * for no record (before an application). A transfer changes two units: pass
 * (before, null) for the old unit and (null, after) for the new one.
 *
 * Because the age band depends on `on`, subtracting `before` counted today can
 * differ from what was added when `before` was written (a birthday in between).
 * A repository that must never drift stores each member's last contribution on the
 * member item and subtracts that instead of recounting `before`.
 */
export function statsDelta(before: MemberState | null, after: MemberState | null, on: string): Record<string, number> {
  return addCounters(after ? statsContribution(after, on) : {}, before ? statsContribution(before, on) : {}, -1);
}
