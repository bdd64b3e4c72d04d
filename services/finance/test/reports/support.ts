import { randomUUID } from 'node:crypto';
import { type Db, systemContext } from '@congdoan/ddb';
import type { LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import type { PostingInput, PostingLine } from '../../src/domain/ledger/types.ts';
import { routesApi } from '../support/http.ts';

export const ctx = systemContext('reports-test');

export interface PostingOptions {
  voucher?: 'receipt' | 'payment';
  id?: string;
  memo?: string;
}

/** A posting of the given lines; `Nợ`/`Có` written as [account, debit, credit]. */
export function posting(
  unitId: string,
  date: string,
  lines: [string, number, number][],
  options: PostingOptions = {},
): PostingInput {
  const id = options.id ?? randomUUID();
  return {
    id,
    unitId,
    date,
    memo: options.memo ?? 'Bút toán thử',
    lines: lines.map(([account, debit, credit]): PostingLine => ({ account, debit, credit })),
    ...(options.voucher ? { voucher: options.voucher } : {}),
    source: { service: 'finance', kind: 'test', id },
  };
}

/** Posts the lines on `unitId`'s books: `post(date, lines, options)`. */
export const poster =
  (ledger: Ledger, unitId: string) => (date: string, lines: [string, number, number][], options?: PostingOptions) =>
    ledger.post(posting(unitId, date, lines, options), ctx);

/** The reports' and closing's routes behind the HTTP stack. */
export async function reportsApi(db: Db) {
  const { reportsRoutes } = await import('../../src/reports-routes.ts');
  const { reportsHandlers } = await import('../../src/handlers/http/reports.ts');
  return routesApi(db, reportsRoutes, reportsHandlers);
}
