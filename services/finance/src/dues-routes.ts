import type { RouteDefinition, SubscriptionDefinition } from '@congdoan/contracts';

export const duesRoutes = [] as const satisfies readonly RouteDefinition[];
export const duesSubscriptions: readonly SubscriptionDefinition[] = [];
