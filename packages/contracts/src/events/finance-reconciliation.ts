import type { EventDefinition } from './envelope.ts';

export const FINANCE_RECONCILIATION_EVENTS: readonly EventDefinition[] = [];
