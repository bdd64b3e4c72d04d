import type { RouteHandlers } from '@congdoan/http-kit';
import type { importRoutes } from '../../import-routes.ts';

export const importHandlers: RouteHandlers<typeof importRoutes> = {};
