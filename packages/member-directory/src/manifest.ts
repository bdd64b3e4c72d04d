import { MEMBER_EVENTS, type SubscriptionDefinition } from '@congdoan/contracts';
import { orgDirectorySubscription } from '@congdoan/org-directory/manifest';

/** The member directory's own subscription; its handler lives in this package (`./handler`). */
export const memberDirectorySubscription: SubscriptionDefinition = {
  name: 'member-directory',
  description:
    'Keeps who each member is (names, unit, status and its dated history, card number; never CCCD or salary) from membership’s member events.',
  pattern: { source: ['congdoan.membership'], 'detail-type': MEMBER_EVENTS.map((e) => e.detailType) },
  handler: { package: '@congdoan/member-directory', file: 'handler', export: 'handler' },
};

/**
 * Mounts the member directory in a service, in one line of its manifest:
 * `subscriptions: [...memberDirectory(), …]`, with `@congdoan/member-directory` among its
 * dependencies. It brings the organisation directory its scope checks walk, so a service
 * mounts one or the other (`orgDirectory()`), never both.
 */
export function memberDirectory(): SubscriptionDefinition[] {
  return [orgDirectorySubscription, memberDirectorySubscription];
}
