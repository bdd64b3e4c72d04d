import { type SubscriptionDefinition, UNIT_EVENTS } from '@congdoan/contracts';

/** The directory's subscription; its handler lives in this package (`./handler`), not in the service. */
export const orgDirectorySubscription: SubscriptionDefinition = {
  name: 'org-directory',
  description: 'Keeps a copy of the organisation tree for scope checks, from membership’s unit events.',
  pattern: { source: ['congdoan.membership'], 'detail-type': UNIT_EVENTS.map((e) => e.detailType) },
  handler: { package: '@congdoan/org-directory', file: 'handler', export: 'handler' },
};

/**
 * Mounts the organisation directory in a service, in one line of its manifest:
 * `subscriptions: [...orgDirectory(), …]`, with `@congdoan/org-directory` among its
 * dependencies. Nothing goes in the service's `src/handlers/`.
 */
export function orgDirectory(): SubscriptionDefinition[] {
  return [orgDirectorySubscription];
}
