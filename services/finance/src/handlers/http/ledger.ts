import { DomainError, type LocalizedText } from '@congdoan/contracts';
import { etag, type WriteContext } from '@congdoan/ddb';
import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import type { PageKey } from '../../adapters/ledger-store.ts';
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
import type { ledgerRoutes } from '../../ledger-routes.ts';
import { ledgerDeps } from '../ledger-deps.ts';

const postingLocation = (unitId: string, postingId: string) =>
  `/v1/finance/units/${encodeURIComponent(unitId)}/ledger/postings/${encodeURIComponent(postingId)}`;

const caller = (req: { auth: { unitId: string | null }; write: WriteContext }) => ({
  unitId: req.auth.unitId,
  write: req.write,
});

const CURSOR: LocalizedText = {
  vi: 'Giá trị cursor không hợp lệ. Hãy dùng nguyên giá trị nextCursor của trang trước.',
  en: 'The cursor is invalid. Pass the previous page’s nextCursor unchanged.',
};

/** A page cursor back to the store's key; its partition is checked by the store against the unit asked for. */
function pageKey(cursor: string | undefined): PageKey | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  if (typeof key.pk !== 'string' || typeof key.sk !== 'string') {
    throw new DomainError(
      'validation',
      'invalid-cursor',
      { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid cursor' },
      CURSOR,
      {
        fieldErrors: [{ location: 'query', field: 'cursor', message: 'invalid cursor' }],
      },
    );
  }
  return { pk: key.pk, sk: key.sk };
}

const next = (lastKey: PageKey | undefined) => (lastKey ? encodeCursor({ ...lastKey }) : null);

export const ledgerHandlers: RouteHandlers<typeof ledgerRoutes> = {
  getChartOfAccounts: async () => ({ status: 200, body: chartOfAccounts() }),

  getLedgerBalances: async (req) => ({ status: 200, body: await getBalances(ledgerDeps(), req.auth, req.params.id) }),

  listLedgerPostings: async (req) => {
    const { cursor, ...q } = req.query;
    const page = await listPostings(ledgerDeps(), req.auth, req.params.id, { ...q, startKey: pageKey(cursor) });
    return { status: 200, body: { items: page.items, nextCursor: next(page.lastKey) } };
  },

  getLedgerPosting: async (req) => ({
    status: 200,
    body: await getPosting(ledgerDeps(), req.auth, req.params.id, req.params.postingId),
  }),

  createLedgerPosting: async (req) => {
    const posting = await createManualPosting(ledgerDeps(), caller(req), req.params.id, req.body);
    return { status: 201, body: posting, headers: { location: postingLocation(posting.unitId, posting.id) } };
  },

  reverseLedgerPosting: async (req) => {
    const posting = await reversePosting(ledgerDeps(), caller(req), req.params.id, req.params.postingId, req.body);
    return { status: 201, body: posting, headers: { location: postingLocation(posting.unitId, posting.id) } };
  },

  listVouchers: async (req) => {
    const { cursor, ...q } = req.query;
    const page = await listVouchers(ledgerDeps(), req.auth, req.params.id, { ...q, startKey: pageKey(cursor) });
    return { status: 200, body: { items: page.items, nextCursor: next(page.lastKey) } };
  },

  getBudget: async (req) => {
    const budget = await getBudget(ledgerDeps(), req.auth, req.params.id, req.params.year);
    return { status: 200, body: budget, headers: { etag: etag(budget.version) } };
  },

  putBudget: async (req) => {
    const budget = await putBudget(ledgerDeps(), caller(req), req.params.id, req.params.year, req.body, req.ifMatch);
    return { status: 200, body: budget, headers: { etag: etag(budget.version) } };
  },
};
