import type { RouteDefinition, SubscriptionDefinition } from '@congdoan/contracts';

export const ledgerRoutes = [] as const satisfies readonly RouteDefinition[];
export const ledgerSubscriptions: readonly SubscriptionDefinition[] = [];
