import type { RouteHandlers } from '@congdoan/http-kit';
import type { statisticsRoutes } from '../../statistics-routes.ts';

export const statisticsHandlers: RouteHandlers<typeof statisticsRoutes> = {};
