import { COMMITTEE_EVENTS } from './committees.ts';
import { DISSOLUTION_EVENTS } from './dissolutions.ts';
import type { EventDefinition } from './envelope.ts';
import { FINANCE_DUES_EVENTS } from './finance-dues.ts';
import { FINANCE_LEDGER_EVENTS } from './finance-ledger.ts';
import { FINANCE_LEVY_EVENTS } from './finance-levy.ts';
import { FINANCE_RECONCILIATION_EVENTS } from './finance-reconciliation.ts';
import { IMPORT_EVENTS } from './imports.ts';
import { MEMBER_EVENTS, UNIT_EVENTS } from './membership.ts';

/** Every event the finance service publishes. */
export const FINANCE_EVENTS: readonly EventDefinition[] = [
  ...FINANCE_LEDGER_EVENTS,
  ...FINANCE_DUES_EVENTS,
  ...FINANCE_LEVY_EVENTS,
  ...FINANCE_RECONCILIATION_EVENTS,
];

/** Every event the product publishes. A contract test checks producers and consumers against it. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ...UNIT_EVENTS,
  ...MEMBER_EVENTS,
  ...COMMITTEE_EVENTS,
  ...IMPORT_EVENTS,
  ...DISSOLUTION_EVENTS,
  ...FINANCE_EVENTS,
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
