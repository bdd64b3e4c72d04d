import type { Month } from '@congdoan/contracts';

/**
 * Every key of the levy and bank-statement items.
 *
 * | pk                          | sk            | item                                                        | gsi1 / gsi2                                                  |
 * | --------------------------- | ------------- | ----------------------------------------------------------- | ------------------------------------------------------------ |
 * | `LEVY#<cdcs>`               | `MONTH#<m>`   | a month: declaration, corrections, payments, allocations    |                                                              |
 * | `LEVYPAY#<paymentId>`       | `PAYMENT`     | a payment, with its months and posting                      | gsi1 `LEVYPAYS#<cdcs>` / `<date>#<id>`                       |
 * | `LEVYALLOC#<allocationId>`  | `ALLOCATION`  | an allocation down, with its two postings                   | gsi1 `LEVYALLOCS#<cdcs>` / `<date>#<id>`                     |
 * | `BANKSTMT#<statementId>`    | `STATEMENT`   | an import: file, progress, summary, duplicates              | gsi1 `BANKSTMTS#<unit>` / `<importedAt>#<id>`                |
 * | `BANKSTMT#<statementId>`    | `CHUNK#<n>`   | the file's parsed lines, 250 per item, for the background   |                                                              |
 * | `BANKLINE#<lineId>`         | `LINE`        | a statement line, identified by account + bank reference    | gsi1 `BANKLINES#<unit>#<status>` / `<date>#<id>`; gsi2 `BANKSTMTLINES#<statementId>` / `<row>` |
 *
 * A CĐCS's months sort by month in one partition, so a year is one Query.
 */

export const levyPk = (unitId: string) => `LEVY#${unitId}`;
export const levyMonthKey = (unitId: string, month: Month | string) => ({ pk: levyPk(unitId), sk: `MONTH#${month}` });

export const levyPaymentKey = (paymentId: string) => ({ pk: `LEVYPAY#${paymentId}`, sk: 'PAYMENT' });
export const levyPaymentsIndex = (unitId: string, date: string, paymentId: string) => ({
  gsi1pk: `LEVYPAYS#${unitId}`,
  gsi1sk: `${date}#${paymentId}`,
});

export const levyAllocationKey = (allocationId: string) => ({ pk: `LEVYALLOC#${allocationId}`, sk: 'ALLOCATION' });
export const levyAllocationsIndex = (unitId: string, date: string, allocationId: string) => ({
  gsi1pk: `LEVYALLOCS#${unitId}`,
  gsi1sk: `${date}#${allocationId}`,
});

export const bankStatementKey = (statementId: string) => ({ pk: `BANKSTMT#${statementId}`, sk: 'STATEMENT' });
export const bankStatementsIndex = (unitId: string, importedAt: string, statementId: string) => ({
  gsi1pk: `BANKSTMTS#${unitId}`,
  gsi1sk: `${importedAt}#${statementId}`,
});

export const BANK_CHUNK_PREFIX = 'CHUNK#';
export const bankStatementChunkKey = (statementId: string, n: number) => ({
  pk: `BANKSTMT#${statementId}`,
  sk: `${BANK_CHUNK_PREFIX}${String(n).padStart(4, '0')}`,
});

export const bankLineKey = (lineId: string) => ({ pk: `BANKLINE#${lineId}`, sk: 'LINE' });
export const bankLinesIndex = (unitId: string, status: string, date: string, lineId: string) => ({
  gsi1pk: `BANKLINES#${unitId}#${status}`,
  gsi1sk: `${date}#${lineId}`,
});
export const statementLinesIndex = (statementId: string, row: number) => ({
  gsi2pk: `BANKSTMTLINES#${statementId}`,
  gsi2sk: String(row).padStart(7, '0'),
});
