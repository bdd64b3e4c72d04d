/**
 * Keys of the dues roster, the projection of membership's member events:
 *
 * | pk                       | sk                  | item                                                       |
 * | ------------------------ | ------------------- | ---------------------------------------------------------- |
 * | `ROSTERMEMBER#<member>`  | `V#<version>`       | one member event as a roster change (kept, never changed)  |
 * | `ROSTERMEMBER#<member>`  | `HEAD`              | the member's whole history (spans), units, change count    |
 * | `ROSTER#<unit>`          | `M#<member>`        | a member who ever belonged to the unit, with spans there   |
 *
 * A unit's roster for any month is one Query on `ROSTER#<unit>`.
 */
export const rosterMemberPk = (memberId: string) => `ROSTERMEMBER#${memberId}`;
export const rosterChangeKey = (memberId: string, version: number) => ({
  pk: rosterMemberPk(memberId),
  sk: `${ROSTER_CHANGE_PREFIX}${String(version).padStart(10, '0')}`,
});
export const rosterHeadKey = (memberId: string) => ({ pk: rosterMemberPk(memberId), sk: 'HEAD' });
export const rosterUnitPk = (unitId: string) => `ROSTER#${unitId}`;
export const rosterEntryKey = (unitId: string, memberId: string) => ({
  pk: rosterUnitPk(unitId),
  sk: `M#${memberId}`,
});

export const ROSTER_CHANGE_PREFIX = 'V#';

export const ROSTER_KIND = {
  change: 'roster-change',
  head: 'roster-member',
  entry: 'roster-entry',
} as const;
