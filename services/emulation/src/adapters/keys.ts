/**
 * Every key of emulation's own items. The directories' prefixes (ORG#, member directory) are
 * theirs; these are distinct from them.
 */
import type { Subject } from '../app/ports.ts';

/** A discipline decision or proceeding about a subject: all of a subject's in one partition. */
export const subjectPk = (subject: Subject) =>
  `SUBJECT#${subject.kind === 'member' ? `member#${subject.memberId}` : `unit#${subject.unitId}`}`;
export const subjectRecordKey = (subject: Subject, kind: 'discipline' | 'proceeding', id: string) => ({
  pk: subjectPk(subject),
  sk: `${kind === 'discipline' ? 'DISCIPLINE' : 'PROCEEDING'}#${id}`,
});

export const movementKey = (id: string) => ({ pk: `MOVEMENT#${id}`, sk: 'MOVEMENT' });
/** gsi1 for movements: those a unit launched, by the first day of their period. */
export const unitMovementsIndex = (unitId: string, from: string, id: string) => ({
  gsi1pk: `UNITMOVEMENTS#${unitId}`,
  gsi1sk: `${from}#${id}`,
});

export const registrationKey = (id: string) => ({ pk: `REGISTRATION#${id}`, sk: 'REGISTRATION' });
/** gsi1 for registrations: those of a movement, by day of registration. */
export const movementRegistrationsIndex = (movementId: string, registeredOn: string, id: string) => ({
  gsi1pk: `MOVREGS#${movementId}`,
  gsi1sk: `${registeredOn}#${id}`,
});

/**
 * A unit subtree's maintained registration totals for a year: of every movement (`ALL#<year>`),
 * or of one (`MOV#<movementId>#<year>`). All of a unit's in one partition, read by sort-key range.
 */
export const totalsPk = (unitId: string) => `TOTALS#${unitId}`;
export const totalsSk = (movementId: string | null, year: number) =>
  movementId === null ? `ALL#${year}` : `MOV#${movementId}#${year}`;

/** A recipient's awards, one partition per member or unit: `AWARD#<year>#<title>` is one per year and title. */
export const honoursPk = (recipient: Subject) =>
  `HONOURS#${recipient.kind === 'member' ? `member#${recipient.memberId}` : `unit#${recipient.unitId}`}`;
export const awardKey = (recipient: Subject, year: number, titleCode: string) => ({
  pk: honoursPk(recipient),
  sk: `AWARD#${year}#${titleCode}`,
});

export const nominationKey = (id: string) => ({ pk: `NOMINATION#${id}`, sk: 'NOMINATION' });
/** gsi1 for nominations: those a unit proposed, by evaluated year. */
export const unitNominationsIndex = (unitId: string, year: number | '', id: string) => ({
  gsi1pk: `UNITNOMS#${unitId}`,
  gsi1sk: year === '' ? '' : `${year}#${id}`,
});

export const initiativeKey = (id: string) => ({ pk: `INITIATIVE#${id}`, sk: 'INITIATIVE' });
/** gsi1 for initiatives: a unit's, by status then the day first applied. */
export const UNIT_INITIATIVES_PREFIX = 'UNITINITIATIVES#';
export const unitInitiativesIndex = (unitId: string, status: string, appliedOn: string, id: string) => ({
  gsi1pk: `${UNIT_INITIATIVES_PREFIX}${unitId}`,
  gsi1sk: `${status}#${appliedOn}#${id}`,
});

/** A unit's rating of a year. */
export const ratingKey = (unitId: string, year: number) => ({ pk: `RATING#${unitId}`, sk: `YEAR#${year}` });

/** A unit's quota of a title for a year: its seats and how many decisions used them. */
export const quotaPk = (unitId: string) => `QUOTA#${unitId}`;
export const quotaKey = (unitId: string, year: number, titleCode: string) => ({
  pk: quotaPk(unitId),
  sk: `YEAR#${year}#${titleCode}`,
});

/** Lương cơ sở as finance announced it: one partition, a version per first day, read with one Query. */
export const BASE_SALARY_PK = 'BASESALARY';
export const baseSalaryKey = (effectiveFrom: string) => ({ pk: BASE_SALARY_PK, sk: `FROM#${effectiveFrom}` });

/** A unit subtree's honours statistics counters of a year (awards, initiatives accepted): read by sort-key range. */
export const honourStatsPk = (unitId: string) => `HONOURSTATS#${unitId}`;
export const honourStatsKey = (unitId: string, year: number) => ({ pk: honourStatsPk(unitId), sk: `YEAR#${year}` });
/** gsi1 for awards: those given in a unit (its own, its members' while in it), by year, subject, title. */
export const unitHonoursIndex = (unitId: string, year: number | '', subject = '', titleCode = '', awardId = '') => ({
  gsi1pk: `UNITHONOURS#${unitId}`,
  gsi1sk: year === '' ? '' : `${year}#${subject}#${titleCode}#${awardId}`,
});

/**
 * Emulation's policy versions an administrator added: one partition, read whole with one Query;
 * a head per parameter holds its latest day, so appending only after it is a condition.
 */
export const POLICY_PK = 'POLICY';
export const POLICY_VERSION_PREFIX = 'VERSION#';
export const policyVersionKey = (id: string) => ({ pk: POLICY_PK, sk: `${POLICY_VERSION_PREFIX}${id}` });
export const policyHeadKey = (parameter: string) => ({ pk: POLICY_PK, sk: `HEAD#${parameter}` });

/** The rating criteria set a unit published for a year, governing the ratings of the units below it. */
export const ratingCriteriaKey = (unitId: string, year: number) => ({
  pk: `RATINGCRITERIA#${unitId}`,
  sk: `YEAR#${year}`,
});

/** An emulation bloc and its members' score sheets, one partition: the ranking is one Query. */
export const blocPk = (id: string) => `BLOC#${id}`;
export const blocKey = (id: string) => ({ pk: blocPk(id), sk: 'BLOC' });
export const BLOC_SCORE_PREFIX = 'SCORE#';
export const blocScoreKey = (id: string, unitId: string) => ({ pk: blocPk(id), sk: `${BLOC_SCORE_PREFIX}${unitId}` });
/** gsi1 for blocs: those of a year, by organiser then code. */
export const blocYearIndex = (year: number, organiserUnitId: string, code: string, id: string) => ({
  gsi1pk: `BLOCYEAR#${year}`,
  gsi1sk: `${organiserUnitId}#${code}#${id}`,
});
/** One bloc per organiser, code and year: the guard names it, and finds the year before's. */
export const blocCodeKey = (organiserUnitId: string, code: string, year: number) => ({
  pk: `BLOCCODE#${organiserUnitId}#${code}`,
  sk: `YEAR#${year}`,
});

/** The mergers into a unit (membership's `UnitMerged`), one item per absorbed unit: its history is one Query. */
export const unitMergersPk = (unitId: string) => `MERGERS#${unitId}`;
export const unitMergerKey = (unitId: string, absorbedUnitId: string) => ({
  pk: unitMergersPk(unitId),
  sk: `MERGER#${absorbedUnitId}`,
});
