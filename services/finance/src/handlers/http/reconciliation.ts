import type { RouteHandlers } from '@congdoan/http-kit';
import type { reconciliationRoutes } from '../../reconciliation-routes.ts';

export const reconciliationHandlers: RouteHandlers<typeof reconciliationRoutes> = {};
