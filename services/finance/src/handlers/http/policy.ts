import type { RouteHandlers } from '@congdoan/http-kit';
import type { policyRoutes } from '../../policy-routes.ts';

export const policyHandlers: RouteHandlers<typeof policyRoutes> = {};
