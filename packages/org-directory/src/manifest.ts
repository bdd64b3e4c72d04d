import { type SubscriptionDefinition, UNIT_EVENTS } from '@congdoan/contracts';

/**
 * Mount the organisation directory in a service: add this subscription to its
 * manifest and re-export `createOrgDirectoryHandler(<service>)` as `handler` from
 * `src/handlers/org-directory.ts`.
 */
export const orgDirectorySubscription: SubscriptionDefinition = {
  name: 'org-directory',
  description: 'Keeps a copy of the organisation tree for scope checks, from membership’s unit events.',
  pattern: { source: ['congdoan.membership'], 'detail-type': UNIT_EVENTS.map((e) => e.detailType) },
  handler: { file: 'org-directory', export: 'handler' },
};
