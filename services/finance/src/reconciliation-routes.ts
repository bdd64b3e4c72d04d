import type { RouteDefinition, SubscriptionDefinition } from '@congdoan/contracts';

export const reconciliationRoutes = [] as const satisfies readonly RouteDefinition[];
export const reconciliationSubscriptions: readonly SubscriptionDefinition[] = [];
