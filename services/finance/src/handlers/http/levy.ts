import { DomainError, dayInVietnam, type Month } from '@congdoan/contracts';
import { etag } from '@congdoan/ddb';
import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import { bankLinesIndex, bankStatementsIndex } from '../../adapters/levy-keys.ts';
import { importStatement, StatementInvalidError } from '../../app/bank/import.ts';
import {
  confirmBankLine,
  getBankLine,
  getBankStatement,
  ignoreBankLine,
  listBankLines,
  listBankStatements,
} from '../../app/bank/review.ts';
import { grassrootsUnit } from '../../app/levy/access.ts';
import { allocateLevy, getLevyAllocation } from '../../app/levy/allocations.ts';
import { declareLevy } from '../../app/levy/declarations.ts';
import { getLevyPayment, recordLevyPayment } from '../../app/levy/payments.ts';
import { monthView } from '../../app/levy/views.ts';
import { levyYear } from '../../app/levy/year.ts';
import { fundingTypeIn } from '../../domain/unit-profile.ts';
import type { levyRoutes } from '../../levy-routes.ts';
import { levyDeps } from '../levy-deps.ts';

const unitPath = (id: string) => `/v1/finance/units/${encodeURIComponent(id)}`;

const caller = (req: { auth: { unitId: string | null }; write: import('@congdoan/ddb').WriteContext }) => ({
  unitId: req.auth.unitId,
  write: req.write,
});

const invalidCursor = () =>
  new DomainError(
    'validation',
    'invalid-cursor',
    { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
    {
      vi: 'Con trỏ trang không thuộc danh sách này; hãy bắt đầu lại từ trang đầu.',
      en: 'The page cursor does not belong to this list; start again from the first page.',
    },
  );

/** A cursor is the client's input: it must continue this very list. */
function startKeyFor(cursor: string | undefined, gsi1pk: string) {
  const key = decodeCursor(cursor);
  if (key && key.gsi1pk !== gsi1pk) throw invalidCursor();
  return key;
}

export const levyHandlers: RouteHandlers<typeof levyRoutes> = {
  putLevyDeclaration: async (req) => {
    const view = await declareLevy(
      levyDeps(),
      caller(req),
      req.params.id,
      req.params.month as Month,
      req.body,
      req.ifMatch,
    );
    return { status: 200, body: view, headers: { etag: etag(view.version) } };
  },

  getLevyMonth: async (req) => {
    const deps = levyDeps();
    const profile = await grassrootsUnit(deps, req.auth, req.params.id);
    const month = req.params.month as Month;
    const [policy, state] = await Promise.all([deps.loadPolicy(), deps.levy.getMonth(req.params.id, month)]);
    const view = monthView(state, policy, dayInVietnam(req.write.now()), fundingTypeIn(profile, month));
    return { status: 200, body: view, headers: { etag: etag(view.version) } };
  },

  getLevyYear: async (req) => ({
    status: 200,
    body: await levyYear(
      levyDeps(),
      { unitId: req.auth.unitId, now: req.write.now() },
      req.params.id,
      req.query.year,
      req.query.asOf,
    ),
  }),

  recordLevyPayment: async (req) => {
    const payment = await recordLevyPayment(levyDeps(), caller(req), req.params.id, req.body);
    return {
      status: 201,
      body: payment,
      headers: { location: `${unitPath(payment.unitId)}/levy/payments/${encodeURIComponent(payment.id)}` },
    };
  },

  getLevyPayment: async (req) => ({
    status: 200,
    body: await getLevyPayment(levyDeps(), req.auth, req.params.id, req.params.paymentId),
  }),

  allocateLevy: async (req) => {
    const allocation = await allocateLevy(levyDeps(), caller(req), req.params.id, req.body);
    return {
      status: 201,
      body: allocation,
      headers: { location: `${unitPath(allocation.unitId)}/levy/allocations/${encodeURIComponent(allocation.id)}` },
    };
  },

  getLevyAllocation: async (req) => ({
    status: 200,
    body: await getLevyAllocation(levyDeps(), req.auth, req.params.id, req.params.allocationId),
  }),

  importBankStatement: async (req) => {
    try {
      const statement = await importStatement(levyDeps(), caller(req), req.params.id, req.body);
      return {
        status: statement.status === 'complete' ? 201 : 202,
        body: statement,
        headers: { location: `${unitPath(statement.unitId)}/bank-statements/${encodeURIComponent(statement.id)}` },
      };
    } catch (error) {
      if (error instanceof StatementInvalidError) throw error.localized(req.lang);
      throw error;
    }
  },

  listBankStatements: async (req) => {
    const page = await listBankStatements(levyDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      startKey: startKeyFor(req.query.cursor, bankStatementsIndex(req.params.id, '', '').gsi1pk),
    });
    return { status: 200, body: { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null } };
  },

  getBankStatement: async (req) => ({
    status: 200,
    body: await getBankStatement(levyDeps(), req.auth, req.params.id, req.params.statementId),
  }),

  listBankLines: async (req) => {
    const page = await listBankLines(levyDeps(), req.auth, req.params.id, {
      status: req.query.status,
      limit: req.query.limit,
      startKey: startKeyFor(req.query.cursor, bankLinesIndex(req.params.id, req.query.status, '', '').gsi1pk),
    });
    return { status: 200, body: { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null } };
  },

  getBankLine: async (req) => ({
    status: 200,
    body: await getBankLine(levyDeps(), req.auth, req.params.id, req.params.lineId),
  }),

  confirmBankLine: async (req) => ({
    status: 200,
    body: await confirmBankLine(levyDeps(), caller(req), req.params.id, req.params.lineId, req.body),
  }),

  ignoreBankLine: async (req) => ({
    status: 200,
    body: await ignoreBankLine(levyDeps(), caller(req), req.params.id, req.params.lineId, req.body),
  }),
};
