import {
  dayInVietnam,
  type FinanceUnitProfile,
  type FundingPeriod,
  type FundingType,
  firstDayOf,
  type Month,
  type Unit,
} from '@congdoan/contracts';

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

/**
 * The funding type in force on the first day of `month`: the last entry of the
 * profile's funding history dated on or before that day; before the first entry,
 * the first entry's type (the history starts when finance first heard of a type,
 * not when the agency got it). A profile without a history has only its current
 * type, which then governs every month. Pure.
 */
export function fundingTypeIn(
  profile: Pick<FinanceUnitProfile, 'fundingType' | 'fundingHistory'>,
  month: Month,
): FundingType | null {
  const history = profile.fundingHistory;
  if (!history || history.length === 0) return profile.fundingType;
  const day = firstDayOf(month);
  let inForce = history[0]!.fundingType;
  for (const period of history) {
    if (period.from > day) break;
    inForce = period.fundingType;
  }
  return inForce;
}

/**
 * The funding history after a unit change recorded on `day` (Vietnam) left the
 * agency with `fundingType`. A change never alters the months before its day:
 *
 * - unchanged when the type is the one in force last;
 * - a new entry from `day`, after the last one;
 * - a second change on the day of the last entry (or, out of clock order, before
 *   it) replaces that entry's type, except when that entry is the first: it also
 *   stands for every month before it, so the new type is added from the same day
 *   (`[{from: d, A}, {from: d, B}]`: A before d, B from d on).
 *
 * The history starts with the first known type, so leading entries without one
 * are dropped, and two adjacent entries never carry the same type. Pure.
 */
export function withFundingChange(
  history: readonly FundingPeriod[],
  day: string,
  fundingType: FundingType | null,
): FundingPeriod[] {
  const last = history.at(-1);
  let next: FundingPeriod[];
  if (!last) next = [{ from: day, fundingType }];
  else if (last.fundingType === fundingType) next = [...history];
  else if (day > last.from) next = [...history, { from: day, fundingType }];
  else if (history.length === 1) next = [last, { from: last.from, fundingType }];
  else next = [...history.slice(0, -1), { from: last.from, fundingType }];
  const merged: FundingPeriod[] = [];
  for (const period of next) {
    if (merged.length === 0 && period.fundingType === null) continue;
    if (merged.at(-1)?.fundingType === period.fundingType) continue;
    merged.push(period);
  }
  return merged;
}

/**
 * The profile a unit event makes over what is stored: the event's facts, and the
 * funding history carried forward with the event's type from the Vietnam day of
 * the unit's `updatedAt`. A stored profile from before the history was kept
 * starts it with its own type from its own `updatedAt` day. Pure; whether the
 * event is newer than what is stored is the store's check.
 */
export function nextProfile(stored: FinanceUnitProfile | undefined, incoming: FinanceUnitProfile): FinanceUnitProfile {
  const start =
    stored?.fundingHistory ??
    (stored?.fundingType ? [{ from: dayInVietnam(new Date(stored.updatedAt)), fundingType: stored.fundingType }] : []);
  return {
    ...incoming,
    fundingHistory: withFundingChange(start, dayInVietnam(new Date(incoming.updatedAt)), incoming.fundingType),
  };
}
