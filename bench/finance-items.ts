/** Finance items the DynamoDB Local benches write straight into the table, with the stores' own keys. */
import type { FinanceUnitProfile, FundingType } from '@congdoan/contracts';
import { unitProfileKey } from '../services/finance/src/adapters/keys.ts';
import { cdcsIndex } from '../services/finance/src/adapters/reconciliation-keys.ts';
import { ROSTER_KIND, rosterEntryKey } from '../services/finance/src/adapters/roster-keys.ts';
import { buildHistory, historyInUnit } from '../services/finance/src/domain/roster/history.ts';

/** A CĐCS's finance profile (on the CĐCS index) under `bench-upper`, numbered `n`. */
export function profileItem(
  unitId: string,
  n: number,
  fundingType: FundingType,
  code = `B${n}`,
): Record<string, unknown> {
  const profile: FinanceUnitProfile = {
    unitId,
    code,
    name: `CĐCS ${n}`,
    level: 'grassroots',
    parentId: 'bench-upper',
    status: 'active',
    taxId: `24${String(n).padStart(8, '0')}`,
    agencyName: `Cơ quan ${n}`,
    fundingType,
    sourceVersion: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
  return { ...unitProfileKey(unitId), kind: 'unit-profile', ...profile, ...cdcsIndex(profile) };
}

/** The roster entry of member `m` of the unit, admitted there on 1/3/2024 on `duesSalary`. */
export function rosterItem(unitId: string, m: number, duesSalary: number): Record<string, unknown> {
  const memberId = `${unitId}-m${m}`;
  const fullName = `Đoàn viên ${m}`;
  const history = buildHistory([
    {
      memberId,
      version: 1,
      kind: 'admitted',
      date: '2024-03-01',
      unitId,
      status: 'active',
      duesSalary,
      fullName,
      salaryChanged: false,
    },
  ]);
  return {
    ...rosterEntryKey(unitId, memberId),
    kind: ROSTER_KIND.entry,
    unitId,
    memberId,
    fullName,
    ...historyInUnit(history, unitId),
    latestVersion: 1,
  };
}
