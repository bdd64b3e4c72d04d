import { requestIdParts } from '../domain/fund.ts';

/**
 * Every key of welfare's own items. The directories' prefixes (ORG#, member directory) are
 * theirs; these are distinct from them.
 */
export const fundKey = (id: string) => ({ pk: `FUND#${id}`, sk: 'FUND' });
/** gsi1 for funds: a unit's funds, by creation. */
export const unitFundsIndex = (unitId: string, createdAt: string, id: string) => ({
  gsi1pk: `UNITFUNDS#${unitId}`,
  gsi1sk: `${createdAt}#${id}`,
});

export const MOVEMENT_SK_PREFIX = 'MOVE#';
/** A fund's movement, in the fund's partition, ordered by when it was recorded. */
export const movementKey = (fundId: string, at: string, id: string) => ({
  pk: `FUND#${fundId}`,
  sk: `${MOVEMENT_SK_PREFIX}${at}#${id}`,
});

/** The key of the movement a posting request id names (`requestIdParts`); undefined for another shape. */
export function movementKeyOfRequest(requestId: string) {
  const parts = requestIdParts(requestId);
  return parts && movementKey(parts.fundId, parts.at, parts.id);
}

/** A member's yearly total of a support-case type paid from a fund, kept to hold the yearly cap. */
export const memberYearKey = (fundId: string, year: string, caseType: string, memberId: string) => ({
  pk: `FUND#${fundId}`,
  sk: `YEARCAP#${year}#${caseType}#${memberId}`,
});

export const driveKey = (id: string) => ({ pk: `DRIVE#${id}`, sk: 'DRIVE' });
export const PLEDGE_SK_PREFIX = 'PLEDGE#';
export const pledgeKey = (driveId: string, id: string) => ({ pk: `DRIVE#${driveId}`, sk: `${PLEDGE_SK_PREFIX}${id}` });
export const DRIVE_UNIT_SK_PREFIX = 'UNIT#';
/** What a drive has gathered from one unit: pledged, received, pledges. */
export const driveUnitKey = (driveId: string, unitId: string) => ({
  pk: `DRIVE#${driveId}`,
  sk: `${DRIVE_UNIT_SK_PREFIX}${unitId}`,
});
