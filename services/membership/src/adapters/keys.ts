/** Every key of the membership table is built here. */
export const unitKey = (id: string) => ({ pk: `UNIT#${id}`, sk: 'UNIT' });
export const unitCodeKey = (code: string) => ({ pk: `UNITCODE#${code}`, sk: 'UNITCODE' });
/** gsi1: a parent's children, active ones first by code. */
export const childrenIndex = (parentId: string | null, status: string, code: string) => ({
  gsi1pk: `CHILDREN#${parentId ?? 'ROOT'}`,
  gsi1sk: `${status}#${code}`,
});
/** gsi2: every unit, for maintenance jobs that walk the whole tree. */
export const allUnitsIndex = (level: string, code: string) => ({ gsi2pk: 'UNITS', gsi2sk: `${level}#${code}` });

export const memberKey = (id: string) => ({ pk: `MEMBER#${id}`, sk: 'MEMBER' });
/** Held while a person is an applicant or a member: at most one per CCCD. */
export const cccdLockKey = (cccd: string) => ({ pk: `CCCDLOCK#${cccd}`, sk: 'LOCK' });
export const cardKey = (cardNumber: string) => ({ pk: `CARD#${cardNumber}`, sk: 'CARD' });
export const cardSequenceKey = (year: number) => ({ pk: `CARDSEQ#${year}`, sk: 'SEQ' });
/** gsi1 for members: a unit's members by status, in Vietnamese name order. */
export const unitMembersIndex = (unitId: string, status: string, sortKey: string, id: string) => ({
  gsi1pk: `UNITMEMBERS#${unitId}`,
  gsi1sk: `${status}#${sortKey}#${id}`,
});
/** gsi2 for members: every membership record of a CCCD, current or past. */
export const cccdIndex = (cccd: string, id: string) => ({ gsi2pk: `CCCD#${cccd}`, gsi2sk: `MEMBER#${id}` });
/** A unit's statistics counters now, and the day-by-day changes that let a report go back in time. */
export const statsKey = (unitId: string, day?: string) => ({
  pk: `STATS#${unitId}`,
  sk: day ? `DAY#${day}` : 'CURRENT',
});
/** A member's own user account (token `sub`), linked to at most one member. */
export const accountKey = (subject: string) => ({ pk: `ACCOUNT#${subject}`, sk: 'ACCOUNT' });
/** The highest version of an inspection discipline decision membership applied. */
export const disciplineVersionKey = (disciplineId: string) => ({ pk: `DISCIPLINE#${disciplineId}`, sk: 'VERSION' });
