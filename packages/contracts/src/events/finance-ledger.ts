import type { EventDefinition } from './envelope.ts';

export const FINANCE_LEDGER_EVENTS: readonly EventDefinition[] = [];
