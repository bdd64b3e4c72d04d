/**
 * Keys of committee terms and officer appointments in the membership table.
 * Prefixes are distinct from those in keys.ts (UNIT#, MEMBER#, STATS#, …).
 */
export const termKey = (id: string) => ({ pk: `TERM#${id}`, sk: 'TERM' });
/** gsi1 for terms: a unit's terms by start date. */
export const unitTermsIndex = (unitId: string, startDate: string, id: string) => ({
  gsi1pk: `UNITTERMS#${unitId}`,
  gsi1sk: `${startDate}#${id}`,
});
/** The spans of a unit's terms: the non-overlap rule's ledger. */
export const termLedgerKey = (unitId: string) => ({ pk: `TERMLEDGER#${unitId}`, sk: 'LEDGER' });

export const appointmentKey = (id: string) => ({ pk: `APPOINTMENT#${id}`, sk: 'APPOINTMENT' });
/** gsi1 for appointments: a term's appointments by position, then first day. */
export const termAppointmentsIndex = (termId: string, rank: number, from: string, id: string) => ({
  gsi1pk: `TERMOFFICERS#${termId}`,
  gsi1sk: `${String(rank).padStart(2, '0')}#${from}#${id}`,
});
/** What one person holds in one unit: the ledger of the rules between a person's positions. */
export const officerGuardKey = (unitId: string, memberId: string) => ({
  pk: `OFFICERGUARD#${unitId}#${memberId}`,
  sk: 'GUARD',
});
/** gsi2 for officer guards: every unit a member holds or held a position in, so their offices are found by member. */
export const memberGuardsIndex = (memberId: string, unitId: string) => ({
  gsi2pk: `OFFICERGUARDS#${memberId}`,
  gsi2sk: unitId,
});
/** The holders of a position in a term: the ledger of the position's limit. */
export const seatsKey = (termId: string, position: string) => ({
  pk: `OFFICERSEATS#${termId}#${position}`,
  sk: 'SEATS',
});
