import type { RouteHandlers } from '@congdoan/http-kit';
import type { ledgerRoutes } from '../../ledger-routes.ts';

export const ledgerHandlers: RouteHandlers<typeof ledgerRoutes> = {};
