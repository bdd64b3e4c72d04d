import type { VoucherKind } from '../domain/ledger/types.ts';

/**
 * Every key of the ledger. A unit's books live in one partition, `LEDGER#<unit>`,
 * so everything the ledger reads is a strongly consistent Query or GetItem:
 *
 * | sk                                  | item                                                          |
 * | ----------------------------------- | ------------------------------------------------------------- |
 * | `BAL#<account>`                     | running balance and turnover of the account (ADD)             |
 * | `BOOKS`                             | `closedAt`, `lockedThrough`, `turnover` (every debit, ADD)    |
 * | `MOV#<YYYY-MM>#<account>`           | debit and credit of the account in the period (ADD)           |
 * | `PERIOD#<YYYY-MM>#<at>#<id>`        | a lock or reopening of the month (khóa sổ), with who and why  |
 * | `PID#<postingId>`                   | the id's uniqueness and where the posting is; `reversedBy`    |
 * | `POST#<YYYY-MM-DD>#<postingId>`     | the posting, immutable                                        |
 * | `VCTR#<year>#<kind>`                | the last voucher number issued (`n`)                          |
 * | `VCH#<year>#<kind>#<000001>`        | the voucher and its posting                                   |
 *
 * `BAL#` < `BOOKS` < `MOV#`, so one Query (`BAL#` … `MOV$`) reads balances and movements.
 */

export const ledgerPk = (unitId: string) => `LEDGER#${unitId}`;

export const balanceKey = (unitId: string, account: string) => ({ pk: ledgerPk(unitId), sk: `BAL#${account}` });
export const booksKey = (unitId: string) => ({ pk: ledgerPk(unitId), sk: 'BOOKS' });
export const movementKey = (unitId: string, period: string, account: string) => ({
  pk: ledgerPk(unitId),
  sk: `MOV#${period}#${account}`,
});
export const periodLogKey = (unitId: string, month: string, at: string, id: string) => ({
  pk: ledgerPk(unitId),
  sk: `${PERIOD_LOG_PREFIX}${month}#${at}#${id}`,
});
export const postingIdKey = (unitId: string, postingId: string) => ({
  pk: ledgerPk(unitId),
  sk: `PID#${postingId}`,
});
export const postingKey = (unitId: string, date: string, postingId: string) => ({
  pk: ledgerPk(unitId),
  sk: `${POSTING_PREFIX}${date}#${postingId}`,
});
export const voucherCounterKey = (unitId: string, year: number, kind: VoucherKind) => ({
  pk: ledgerPk(unitId),
  sk: `VCTR#${year}#${kind}`,
});
export const voucherKey = (unitId: string, year: number, kind: VoucherKind, n: number) => ({
  pk: ledgerPk(unitId),
  sk: `${voucherPrefix(year, kind)}${String(n).padStart(6, '0')}`,
});

export const POSTING_PREFIX = 'POST#';
export const BALANCE_PREFIX = 'BAL#';
export const MOVEMENT_PREFIX = 'MOV#';
export const PERIOD_LOG_PREFIX = 'PERIOD#';
export const voucherPrefix = (year: number, kind: VoucherKind) => `VCH#${year}#${kind}#`;
/** Sorts after every posting id of a day: the upper bound of a date range. */
export const END = '\uffff';

/** One posting request from another service, posted or rejected, whichever came first. */
export const postingRequestKey = (producer: string, requestId: string) => ({
  pk: `LEDGERREQ#${producer}#${requestId}`,
  sk: 'REQUEST',
});

/** Item kinds, which also tell which condition of a transaction failed. */
export const KIND = {
  balance: 'ledger-balance',
  movement: 'ledger-movement',
  books: 'ledger-books',
  postingId: 'ledger-posting-id',
  posting: 'ledger-posting',
  voucherCounter: 'ledger-voucher-counter',
  voucher: 'ledger-voucher',
  periodLog: 'ledger-period-log',
  request: 'ledger-posting-request',
  budget: 'budget',
} as const;
