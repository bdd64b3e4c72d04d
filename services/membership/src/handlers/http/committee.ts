import type { RouteHandlers } from '@congdoan/http-kit';
import type { committeeRoutes } from '../../committee-routes.ts';

export const committeeHandlers: RouteHandlers<typeof committeeRoutes> = {};
