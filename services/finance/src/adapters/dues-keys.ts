/**
 * Keys of a unit's dues, all in one partition `DUES#<unit>`:
 *
 * | sk                        | item                                                                  |
 * | ------------------------- | --------------------------------------------------------------------- |
 * | `SUM#<YYYY-MM>`           | the month: collected (total, per member, split), remitted; `version`  |
 * | `C#<YYYY-MM>#<id>`        | one collection with its lines (a receipt voucher)                     |
 * | `R#<YYYY-MM>#<id>`        | one remittance of the upper share (a payment voucher here, a receipt above) |
 *
 * Every collection and remittance of a month rewrites `SUM#<month>` under its
 * version in the same transaction, so they serialise and none is lost.
 */
export const duesPk = (unitId: string) => `DUES#${unitId}`;
export const duesMonthKey = (unitId: string, month: string) => ({
  pk: duesPk(unitId),
  sk: `${DUES_MONTH_PREFIX}${month}`,
});
export const duesCollectionKey = (unitId: string, month: string, id: string) => ({
  pk: duesPk(unitId),
  sk: `${DUES_COLLECTION_PREFIX}${month}#${id}`,
});
export const duesRemittanceKey = (unitId: string, month: string, id: string) => ({
  pk: duesPk(unitId),
  sk: `${DUES_REMITTANCE_PREFIX}${month}#${id}`,
});

export const DUES_MONTH_PREFIX = 'SUM#';
export const DUES_COLLECTION_PREFIX = 'C#';
export const DUES_REMITTANCE_PREFIX = 'R#';

export const DUES_KIND = {
  month: 'dues-month',
  collection: 'dues-collection',
  remittance: 'dues-remittance',
} as const;

/**
 * A member's last announced dues standing (`MemberDuesStandingChanged`), one item
 * per member wherever they pay: `DUESSTANDING#<member>` / `STANDING`, its `version`
 * raised by each announcement.
 */
export const duesStandingKey = (memberId: string) => ({ pk: `DUESSTANDING#${memberId}`, sk: 'STANDING' });
export const DUES_STANDING_KIND = 'dues-standing';
