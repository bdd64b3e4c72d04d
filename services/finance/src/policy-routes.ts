import type { RouteDefinition, SubscriptionDefinition } from '@congdoan/contracts';

export const policyRoutes = [] as const satisfies readonly RouteDefinition[];
export const policySubscriptions: readonly SubscriptionDefinition[] = [];
