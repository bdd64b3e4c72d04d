import type { RouteHandlers } from '@congdoan/http-kit';
import type { levyRoutes } from '../../levy-routes.ts';

export const levyHandlers: RouteHandlers<typeof levyRoutes> = {};
