import type { Month } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { createDuesStore } from '../../adapters/dues-store.ts';
import { createRosterStore } from '../../adapters/roster-store.ts';
import { createUnitProfileStore } from '../../adapters/unit-profile-store.ts';
import { expectedDues } from '../../domain/dues/expected.ts';
import { upperShareOfMonth } from '../../domain/dues/sheet.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { DuesMonthFigures } from '../../domain/reconciliation/sources.ts';
import { owingOnRoster } from '../../domain/roster/roster.ts';

/**
 * The dues side of the monthly reconciliation for one unit and month, in three
 * DynamoDB calls whatever the number of members: the unit's roster (one Query,
 * paged only past 1 MB), the month's state in the unit's dues partition (one
 * Get) and the unit's profile (one Get). Expected is roster × policy with the
 * unit's funding type; collected, per member, the upper share posted and the
 * amount remitted come from the month's state.
 */
export function createDuesFigures(
  db: Db,
  loadPolicy: () => Promise<Policy>,
): (unitId: string, month: Month) => Promise<DuesMonthFigures> {
  const roster = createRosterStore(db);
  const dues = createDuesStore(db);
  const profiles = createUnitProfileStore(db);
  return async (unitId, month) => {
    const [policy, entries, state, profile] = await Promise.all([
      loadPolicy(),
      roster.unitRoster(unitId),
      dues.monthState(unitId, month),
      profiles.get(unitId),
    ]);
    const owing = expectedDues(
      policy,
      unitId,
      profile?.fundingType ?? null,
      month,
      owingOnRoster(entries, unitId, month),
    );
    const members = owing.map((o) => ({ memberId: o.memberId, duesSalary: o.duesSalary, ...o.expected }));
    return {
      unitId,
      month,
      expected: { total: members.reduce((t, m) => t + m.amount, 0), members },
      collected: state.collected,
      collectedByMember: { ...state.paid },
      upperShareDue: upperShareOfMonth(policy, month, state),
      remitted: state.remitted,
    };
  };
}
