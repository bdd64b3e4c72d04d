import type { Month, Role } from '@congdoan/contracts';
import type { RouteHandlers } from '@congdoan/http-kit';
import { getBooks, listBooksToClose } from '../../app/closing/books.ts';
import { closeBooks } from '../../app/closing/close-books.ts';
import { dashboard } from '../../app/reports/dashboard.ts';
import { disclosure } from '../../app/reports/disclosure.ts';
import { disclosureWorkbook } from '../../app/reports/export.ts';
import type { reportsRoutes } from '../../reports-routes.ts';
import { financeDeps } from '../deps.ts';

const caller = (req: { auth: { unitId: string | null; roles: readonly Role[] } }) => ({
  unitId: req.auth.unitId,
  roles: req.auth.roles,
});

export const reportsHandlers: RouteHandlers<typeof reportsRoutes> = {
  getFinanceDisclosure: async (req) => ({
    status: 200,
    body: await disclosure(financeDeps(), caller(req), req.params.id, req.params.year, req.write.now()),
  }),

  exportFinanceDisclosure: async (req) => ({
    status: 200,
    body: await disclosureWorkbook(financeDeps(), caller(req), req.params.id, req.params.year, req.write.now()),
  }),

  getFinanceDashboard: async (req) => ({
    status: 200,
    body: await dashboard(financeDeps(), caller(req), req.params.id, req.query.month as Month, req.write.now()),
  }),

  closeFinanceBooks: async (req) => ({
    status: 201,
    body: await closeBooks(financeDeps(), caller(req), req.params.id, req.body, req.write),
  }),

  getFinanceBooks: async (req) => ({ status: 200, body: await getBooks(financeDeps(), caller(req), req.params.id) }),

  listFinanceBooksToClose: async (req) => ({
    status: 200,
    body: await listBooksToClose(financeDeps(), caller(req), req.params.id),
  }),
};
