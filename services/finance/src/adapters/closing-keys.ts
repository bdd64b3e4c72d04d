/**
 * Keys of closing the books of a dissolved unit. Kept out of the ledger's
 * partition (`LEDGER#<unit>`), whose Queries read its items by prefix.
 *
 * | pk                 | sk       | item                                                             |
 * | ------------------ | -------- | ---------------------------------------------------------------- |
 * | `CLOSING#<unit>`   | `RECORD` | the closing: date, amounts, both postings; written once          |
 * | `CLOSING#<unit>`   | `TODO`   | the unit was dissolved and its books are still open (gsi1 below) |
 *
 * gsi1 `BOOKSTOCLOSE#<upper unit>` / `<dissolved at>#<unit>` lists the units whose books an
 * upper level still has to close.
 */
export const closingRecordKey = (unitId: string) => ({ pk: `CLOSING#${unitId}`, sk: 'RECORD' });
export const toCloseKey = (unitId: string) => ({ pk: `CLOSING#${unitId}`, sk: 'TODO' });
export const toCloseIndex = (upperId: string, dissolvedAt: string, unitId: string) => ({
  gsi1pk: `BOOKSTOCLOSE#${upperId}`,
  gsi1sk: `${dissolvedAt}#${unitId}`,
});
export const toClosePartition = (upperId: string) => `BOOKSTOCLOSE#${upperId}`;

export const CLOSING_KIND = { record: 'books-closing', toClose: 'books-to-close' } as const;
