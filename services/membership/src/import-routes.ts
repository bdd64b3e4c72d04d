/** Import routes of the membership service (see manifest.ts). */
export const importRoutes = [] as const;

import type { SubscriptionDefinition } from '@congdoan/contracts';

/** Background work of imports, run by subscriptions to the service's own events. */
export const importSubscriptions: SubscriptionDefinition[] = [];
