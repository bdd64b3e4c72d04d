import type { EventDefinition } from './envelope.ts';

export const FINANCE_DUES_EVENTS: readonly EventDefinition[] = [];
