import { randomUUID } from 'node:crypto';
import type { BusEvent } from '@congdoan/contracts';
import { type Db, systemContext } from '@congdoan/ddb';
import { busEvent } from '../../../../test/support/bus-events.ts';
import { ACCOUNT } from '../../src/domain/ledger/chart.ts';
import type { PostingInput } from '../../src/domain/ledger/types.ts';
import { routesApi } from '../support/http.ts';
import { putInDirectory, unit } from '../support/units.ts';

export const ctx = systemContext('ledger-test');

/** Puts a unit in finance's organisation directory (a CĐCS under `parentId`, else an upper level). */
export async function seedUnit(db: Db, id: string = randomUUID(), parentId: string | null = null): Promise<string> {
  await putInDirectory(
    db,
    unit({
      id,
      code: `U-${id.slice(0, 6)}`,
      name: `CĐCS ${id.slice(0, 6)}`,
      level: parentId ? 'grassroots' : 'upper',
      parentId,
    }),
  );
  return id;
}

/** A receipt of dues in cash: Nợ 111 / Có 5111. */
export const receipt = (unitId: string, date: string, amount: number, id: string = randomUUID()): PostingInput => ({
  id,
  unitId,
  date,
  memo: 'Thu đoàn phí',
  voucher: 'receipt',
  lines: [
    { account: ACCOUNT.cash, debit: amount, credit: 0 },
    { account: ACCOUNT.duesIncome, debit: 0, credit: amount },
  ],
  source: { service: 'finance', kind: 'test', id },
});

/** A payment in cash for an account of spending: Nợ <account> / Có 111. */
export const payment = (
  unitId: string,
  date: string,
  amount: number,
  account: string = ACCOUNT.activities,
  id: string = randomUUID(),
): PostingInput => ({
  id,
  unitId,
  date,
  memo: 'Chi hoạt động',
  voucher: 'payment',
  lines: [
    { account, debit: amount, credit: 0 },
    { account: ACCOUNT.cash, debit: 0, credit: amount },
  ],
  source: { service: 'finance', kind: 'test', id },
});

/** The ledger's routes behind the real HTTP stack. */
export async function ledgerApi(db: Db) {
  const { ledgerRoutes } = await import('../../src/ledger-routes.ts');
  const { ledgerHandlers } = await import('../../src/handlers/http/ledger.ts');
  return routesApi(db, ledgerRoutes, ledgerHandlers);
}

/** A posting request as a producer's outbox would put it on the bus. */
export const postingRequest = (source: string, data: unknown, eventId: string = randomUUID()): BusEvent =>
  busEvent(source, 'LedgerPostingRequested', data, {
    eventId,
    occurredAt: '2025-06-01T00:00:00.000Z',
    time: '2025-06-01T00:00:00Z',
    actor: { id: 'user-welfare', roles: ['officer'], unitId: null },
  });
