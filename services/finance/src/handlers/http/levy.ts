import type { Month } from '@congdoan/contracts';
import { etag, type WriteContext } from '@congdoan/ddb';
import { decodeCursor, encodeCursor, type RouteHandlers } from '@congdoan/http-kit';
import { importStatement, StatementInvalidError } from '../../app/bank/import.ts';
import {
  confirmBankLine,
  getBankLine,
  getBankStatement,
  ignoreBankLine,
  listBankLines,
  listBankStatements,
} from '../../app/bank/review.ts';
import { allocateLevy, getLevyAllocation } from '../../app/levy/allocations.ts';
import { declareLevy } from '../../app/levy/declarations.ts';
import { levyMonth } from '../../app/levy/month.ts';
import { getLevyPayment, recordLevyPayment } from '../../app/levy/payments.ts';
import { levyYear } from '../../app/levy/year.ts';
import type { levyRoutes } from '../../levy-routes.ts';
import { financeDeps } from '../deps.ts';

const unitPath = (id: string) => `/v1/finance/units/${encodeURIComponent(id)}`;

const caller = (req: { auth: { unitId: string | null }; write: WriteContext }) => ({
  unitId: req.auth.unitId,
  write: req.write,
});

export const levyHandlers: RouteHandlers<typeof levyRoutes> = {
  putLevyDeclaration: async (req) => {
    const view = await declareLevy(
      financeDeps(),
      caller(req),
      req.params.id,
      req.params.month as Month,
      req.body,
      req.ifMatch,
    );
    return { status: 200, body: view, headers: { etag: etag(view.version) } };
  },

  getLevyMonth: async (req) => {
    const view = await levyMonth(
      financeDeps(),
      { unitId: req.auth.unitId, now: req.write.now() },
      req.params.id,
      req.params.month as Month,
    );
    return { status: 200, body: view, headers: { etag: etag(view.version) } };
  },

  getLevyYear: async (req) => ({
    status: 200,
    body: await levyYear(
      financeDeps(),
      { unitId: req.auth.unitId, now: req.write.now() },
      req.params.id,
      req.query.year,
      req.query.asOf,
    ),
  }),

  recordLevyPayment: async (req) => {
    const payment = await recordLevyPayment(financeDeps(), caller(req), req.params.id, req.body);
    return {
      status: 201,
      body: payment,
      headers: { location: `${unitPath(payment.unitId)}/levy/payments/${encodeURIComponent(payment.id)}` },
    };
  },

  getLevyPayment: async (req) => ({
    status: 200,
    body: await getLevyPayment(financeDeps(), req.auth, req.params.id, req.params.paymentId),
  }),

  allocateLevy: async (req) => {
    const allocation = await allocateLevy(financeDeps(), caller(req), req.params.id, req.body);
    return {
      status: 201,
      body: allocation,
      headers: { location: `${unitPath(allocation.unitId)}/levy/allocations/${encodeURIComponent(allocation.id)}` },
    };
  },

  getLevyAllocation: async (req) => ({
    status: 200,
    body: await getLevyAllocation(financeDeps(), req.auth, req.params.id, req.params.allocationId),
  }),

  importBankStatement: async (req) => {
    try {
      const statement = await importStatement(financeDeps(), caller(req), req.params.id, req.body);
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
    const page = await listBankStatements(financeDeps(), req.auth, req.params.id, {
      limit: req.query.limit,
      startKey: decodeCursor(req.query.cursor),
    });
    return { status: 200, body: { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null } };
  },

  getBankStatement: async (req) => ({
    status: 200,
    body: await getBankStatement(financeDeps(), req.auth, req.params.id, req.params.statementId),
  }),

  listBankLines: async (req) => {
    const page = await listBankLines(financeDeps(), req.auth, req.params.id, {
      status: req.query.status,
      limit: req.query.limit,
      startKey: decodeCursor(req.query.cursor),
    });
    return { status: 200, body: { items: page.items, nextCursor: page.lastKey ? encodeCursor(page.lastKey) : null } };
  },

  getBankLine: async (req) => ({
    status: 200,
    body: await getBankLine(financeDeps(), req.auth, req.params.id, req.params.lineId),
  }),

  confirmBankLine: async (req) => ({
    status: 200,
    body: await confirmBankLine(financeDeps(), caller(req), req.params.id, req.params.lineId, req.body),
  }),

  ignoreBankLine: async (req) => ({
    status: 200,
    body: await ignoreBankLine(financeDeps(), caller(req), req.params.id, req.params.lineId, req.body),
  }),
};
