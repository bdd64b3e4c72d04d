import type { Month } from '@congdoan/contracts';
import { etag, type WriteContext } from '@congdoan/ddb';
import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import { getBudget, putBudget } from '../../app/budgets/budgets.ts';
import {
  chartOfAccounts,
  createManualPosting,
  getBalances,
  getPosting,
  listPostings,
  listVouchers,
  reversePosting,
} from '../../app/ledger/ledger.ts';
import { listPeriods, lockPeriod, reopenPeriod } from '../../app/ledger/periods.ts';
import type { PageKey } from '../../app/ledger/ports.ts';
import type { ledgerRoutes } from '../../ledger-routes.ts';
import { financeDeps } from '../deps.ts';

const postingLocation = (unitId: string, postingId: string) =>
  `/v1/finance/units/${encodeURIComponent(unitId)}/ledger/postings/${encodeURIComponent(postingId)}`;

const caller = (req: { auth: { unitId: string | null }; write: WriteContext }) => ({
  unitId: req.auth.unitId,
  write: req.write,
});

const next = (lastKey: PageKey | undefined) => (lastKey ? encodeCursor({ ...lastKey }) : null);

export const ledgerHandlers: RouteHandlers<typeof ledgerRoutes> = {
  getChartOfAccounts: async () => ({ status: 200, body: chartOfAccounts() }),

  getLedgerBalances: async (req) => ({ status: 200, body: await getBalances(financeDeps(), req.auth, req.params.id) }),

  listLedgerPostings: async (req) => {
    const { cursor, ...q } = req.query;
    const page = await listPostings(financeDeps(), req.auth, req.params.id, { ...q, startKey: decodeCursor(cursor) });
    return { status: 200, body: { items: page.items, nextCursor: next(page.lastKey) } };
  },

  getLedgerPosting: async (req) => ({
    status: 200,
    body: await getPosting(financeDeps(), req.auth, req.params.id, req.params.postingId),
  }),

  createLedgerPosting: async (req) => {
    const posting = await createManualPosting(financeDeps(), caller(req), req.params.id, req.body);
    return { status: 201, body: posting, headers: { location: postingLocation(posting.unitId, posting.id) } };
  },

  reverseLedgerPosting: async (req) => {
    const posting = await reversePosting(financeDeps(), caller(req), req.params.id, req.params.postingId, req.body);
    return { status: 201, body: posting, headers: { location: postingLocation(posting.unitId, posting.id) } };
  },

  listAccountingPeriods: async (req) => ({
    status: 200,
    body: await listPeriods(financeDeps(), req.auth, req.params.id, req.query.year),
  }),

  lockAccountingPeriod: async (req) => ({
    status: 200,
    body: await lockPeriod(financeDeps(), caller(req), req.params.id, req.params.month as Month, req.body),
  }),

  reopenAccountingPeriod: async (req) => ({
    status: 200,
    body: await reopenPeriod(financeDeps(), caller(req), req.params.id, req.params.month as Month, req.body),
  }),

  listVouchers: async (req) => {
    const { cursor, ...q } = req.query;
    const page = await listVouchers(financeDeps(), req.auth, req.params.id, { ...q, startKey: decodeCursor(cursor) });
    return { status: 200, body: { items: page.items, nextCursor: next(page.lastKey) } };
  },

  getBudget: async (req) => {
    const budget = await getBudget(financeDeps(), req.auth, req.params.id, req.params.year);
    return { status: 200, body: budget, headers: { etag: etag(budget.version) } };
  },

  putBudget: async (req) => {
    const budget = await putBudget(financeDeps(), caller(req), req.params.id, req.params.year, req.body, req.ifMatch);
    return { status: 200, body: budget, headers: { etag: etag(budget.version) } };
  },
};
