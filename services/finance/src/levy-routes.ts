import type { RouteDefinition, SubscriptionDefinition } from '@congdoan/contracts';

export const levyRoutes = [] as const satisfies readonly RouteDefinition[];
export const levySubscriptions: readonly SubscriptionDefinition[] = [];
