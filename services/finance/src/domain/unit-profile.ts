import type { FinanceUnitProfile, Unit } from '@congdoan/contracts';

/** What finance keeps of a unit: the agency facts that decide its dues and levy rules. */
export function profileFromUnit(unit: Unit): FinanceUnitProfile {
  return {
    unitId: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    parentId: unit.parentId,
    status: unit.status,
    taxId: unit.agency?.taxId ?? null,
    agencyName: unit.agency?.name ?? null,
    fundingType: unit.agency?.fundingType ?? null,
    sourceVersion: unit.version,
    updatedAt: unit.updatedAt,
  };
}
