import type { RouteHandlers } from '@congdoan/http-kit';
import type { duesRoutes } from '../../dues-routes.ts';

export const duesHandlers: RouteHandlers<typeof duesRoutes> = {};
