import { randomUUID } from 'node:crypto';
import { type Role, type Unit, UnitCreated, UnitUpdated } from '@congdoan/contracts';
import { systemContext, type WriteContext } from '@congdoan/ddb';
import { createOrgDirectoryHandler } from '@congdoan/org-directory';
import { recordMemberChange } from '../../src/app/dues/roster.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { duesDepsOn } from '../support/deps.ts';
import { membershipEvent } from '../support/events.ts';
import { financeTable } from '../support/tables.ts';

/**
 * A finance table for the tests of a unit's dues terms (funding history, rate
 * resolutions): units arrive as membership's unit events through finance's own
 * consumers (directory and profile), members straight onto the roster.
 */
export async function termsTable() {
  const db = await financeTable();
  const { onUnitChanged } = await import('../../src/handlers/events.ts');
  const directory = createOrgDirectoryHandler('finance');
  const policy = createPolicy(DEFAULT_POLICY_VERSIONS);
  const deps = duesDepsOn(db, async () => policy);

  /** Delivers a unit's state as membership publishes it, to the directory and to the profiles. */
  async function deliver(u: Unit, detailType = u.version === 1 ? UnitCreated.detailType : UnitUpdated.detailType) {
    const data = detailType === UnitUpdated.detailType ? { unit: u, changed: ['agency'] } : { unit: u };
    const event = membershipEvent(detailType, data, u.updatedAt);
    await directory(event);
    await onUnitChanged(event);
  }

  let version = 1;
  /** Admits a member to `unitId` on `date` with a dues salary, as one roster change. */
  async function admit(unitId: string, fullName: string, duesSalary: number, date = '2010-05-19') {
    const memberId = randomUUID();
    const change = { memberId, version: ++version, kind: 'admitted', date, unitId, status: 'active' } as const;
    await recordMemberChange(
      deps,
      { ...change, duesSalary, fullName, salaryChanged: false },
      systemContext('terms-test'),
    );
    return memberId;
  }

  return { db, deps, policy, deliver, admit };
}

/** A partly self-funded CĐCS (0.5% from 7/2025), unless `overrides` say otherwise. */
export { unit as makeUnit } from './events.ts';

type FundingType = NonNullable<Unit['agency']>['fundingType'];

/** The unit's next state: its agency with another funding type (null: no agency), recorded at `updatedAt`. */
export const withFunding = (u: Unit, fundingType: FundingType | null, updatedAt: string): Unit => ({
  ...u,
  agency: fundingType ? { ...(u.agency ?? { name: 'Cơ quan', taxId: '2400312468' }), fundingType } : null,
  version: u.version + 1,
  updatedAt,
});

/** A caller with `roles` in `unitId`'s subtree (null: the whole tree) on a fixed instant. */
export function callerIn(
  unitId: string | null,
  now = '2025-10-10T03:00:00.000Z',
  roles: readonly Role[] = ['officer'],
) {
  const write: WriteContext = {
    actor: { id: `${roles[0]}-1`, roles: [...roles], unitId },
    correlationId: randomUUID(),
    now: () => new Date(now),
    newId: randomUUID,
  };
  return { unitId, write };
}
