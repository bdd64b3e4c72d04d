import { COMMITTEE_EVENTS } from './committees.ts';
import { DISSOLUTION_EVENTS } from './dissolutions.ts';
import type { EventDefinition } from './envelope.ts';
import { IMPORT_EVENTS } from './imports.ts';
import { MEMBER_EVENTS, UNIT_EVENTS } from './membership.ts';

/** Every event the product publishes. A contract test checks producers and consumers against it. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ...UNIT_EVENTS,
  ...MEMBER_EVENTS,
  ...COMMITTEE_EVENTS,
  ...IMPORT_EVENTS,
  ...DISSOLUTION_EVENTS,
];

export function findEvent(source: string, detailType: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((e) => e.source === source && e.detailType === detailType);
}

/** Every event the membership service publishes. */
export const MEMBERSHIP_EVENTS: readonly EventDefinition[] = [
  ...UNIT_EVENTS,
  ...MEMBER_EVENTS,
  ...COMMITTEE_EVENTS,
  ...IMPORT_EVENTS,
  ...DISSOLUTION_EVENTS,
];
