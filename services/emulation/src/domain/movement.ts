import type { Registration, RegistrationTotals } from '@congdoan/contracts';

/** A change to the maintained totals: what one registration or confirmation adds. */
export type TotalsDelta = Partial<RegistrationTotals>;

export const EMPTY_TOTALS: RegistrationTotals = {
  titleRegistrations: 0,
  commitmentRegistrations: 0,
  deedRegistrations: 0,
  deedsRegistered: 0,
  deedRegistrationsConfirmed: 0,
  deedsDone: 0,
};

/** What a new registration adds to the totals of its unit and every unit above it. */
export function registrationDelta(reg: Pick<Registration, 'kind' | 'deeds'>): TotalsDelta {
  switch (reg.kind) {
    case 'title':
      return { titleRegistrations: 1 };
    case 'commitment':
      return { commitmentRegistrations: 1 };
    case 'deeds':
      return { deedRegistrations: 1, deedsRegistered: reg.deeds?.count ?? 0 };
  }
}

/** What confirming deeds done adds: the registration, and the deeds done. */
export const confirmationDelta = (doneCount: number): TotalsDelta => ({
  deedRegistrationsConfirmed: 1,
  deedsDone: doneCount,
});

/** The year a registration counts in: the year of its registration day. */
export const countingYear = (reg: Pick<Registration, 'registeredOn'>) => Number(reg.registeredOn.slice(0, 4));

/** Sums rows of totals. */
export function sumTotals(rows: readonly Partial<RegistrationTotals>[]): RegistrationTotals {
  const sum = { ...EMPTY_TOTALS };
  for (const row of rows) for (const key of Object.keys(sum) as (keyof RegistrationTotals)[]) sum[key] += row[key] ?? 0;
  return sum;
}

/**
 * The units whose totals a registration in `unitChain[0]` counts in: for all movements, the
 * unit and every unit above it; for the movement, those up to the unit that launched it.
 */
export function countingUnits(unitChain: readonly string[], movementUnitId: string) {
  const top = unitChain.indexOf(movementUnitId);
  return { all: [...unitChain], movement: top === -1 ? [] : unitChain.slice(0, top + 1) };
}
