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

export const FUND_DAY_SK_PREFIX = 'DAY#';
/** A fund's movements of one day (by the movement's date), added up by type: what reports read. */
export const fundDayKey = (fundId: string, day: string) => ({
  pk: `FUND#${fundId}`,
  sk: `${FUND_DAY_SK_PREFIX}${day}`,
});

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

/** A member's deposited total in a savings fund, kept in each deposit's transaction. */
export const memberDepositKey = (fundId: string, memberId: string) => ({
  pk: `FUND#${fundId}`,
  sk: `DEPOSIT#${memberId}`,
});
/** A member's one open loan of a savings fund: put with the loan, deleted when it closes. */
export const openLoanKey = (fundId: string, memberId: string) => ({
  pk: `FUND#${fundId}`,
  sk: `OPENLOAN#${memberId}`,
});
export const loanKey = (id: string) => ({ pk: `LOAN#${id}`, sk: 'LOAN' });
/** gsi1 for loans: a fund's loans, open ones first (`open#`), by creation. */
export const fundLoansIndex = (fundId: string, status: string, createdAt: string, id: string) => ({
  gsi1pk: `FUNDLOANS#${fundId}`,
  gsi1sk: `${status}#${createdAt}#${id}`,
});
/**
 * gsi2 for loans, sparse: an open loan whose next instalment is not yet flagged, by that
 * instalment's due date, so the daily schedule reads those past due with one Query.
 */
export const LOANS_DUE_PK = 'LOANDUE';
export const loanDueIndex = (due: string, id: string) => ({ gsi2pk: LOANS_DUE_PK, gsi2sk: `${due}#${id}` });

/** A unit's visit or gift (thăm hỏi), in the unit's visits partition by day, so a period is one Query. */
export const VISIT_SK_PREFIX = 'VISIT#';
export const visitKey = (unitId: string, date: string, id: string) => ({
  pk: `UNITVISITS#${unitId}`,
  sk: `${VISIT_SK_PREFIX}${date}#${id}`,
});

export const bloodDriveKey = (id: string) => ({ pk: `BLOOD#${id}`, sk: 'BLOOD' });
/** gsi1 for blood-donation drives: a unit's drives, by day. */
export const unitBloodDrivesIndex = (unitId: string, date: string, id: string) => ({
  gsi1pk: `UNITBLOOD#${unitId}`,
  gsi1sk: `${date}#${id}`,
});
export const DONATION_SK_PREFIX = 'DONOR#';
/** A member's donation at a drive: one per member and drive. */
export const donationKey = (driveId: string, memberId: string) => ({
  pk: `BLOOD#${driveId}`,
  sk: `${DONATION_SK_PREFIX}${memberId}`,
});
/** The members' deposited totals of a savings fund (`memberDepositKey`) share this prefix. */
export const DEPOSIT_SK_PREFIX = 'DEPOSIT#';
/** A support case. */
export const caseKey = (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' });
/** gsi1 for cases: a unit's cases by status, newest first within it (`<status>#<createdAt>#<id>`). */
export const unitCasesIndex = (unitId: string, status: string, createdAt: string, id: string) => ({
  gsi1pk: `UNITCASES#${unitId}`,
  gsi1sk: `${status}#${createdAt}#${id}`,
});
/** gsi2 for cases: a member's cases of a type by incident day, where duplicates are looked for. */
export const memberCasesIndex = (memberId: string, type: string, incidentDate: string, id: string) => ({
  gsi2pk: `MEMBERCASES#${memberId}#${type}`,
  gsi2sk: `${incidentDate}#${id}`,
});
/** A member's dues standing as finance last announced it. */
export const duesStandingKey = (memberId: string) => ({ pk: `DUES#${memberId}`, sk: 'STANDING' });
/**
 * A support case paid, in its CĐCS's payments partition by the disbursement's day (written in
 * the disbursement's transaction): the beneficiary list and the average processing time read a
 * period of it with one Query per unit.
 */
export const PAID_CASE_SK_PREFIX = 'PAID#';
export const paidCaseKey = (unitId: string, date: string, caseId: string) => ({
  pk: `UNITPAIDCASES#${unitId}`,
  sk: `${PAID_CASE_SK_PREFIX}${date}#${caseId}`,
});
