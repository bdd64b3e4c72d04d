import type { RouteHandlers } from '@congdoan/http-kit';
import type { integrationRoutes } from '../../integration-routes.ts';

export const integrationHandlers: RouteHandlers<typeof integrationRoutes> = {};
