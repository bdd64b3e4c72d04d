import type { EventDefinition } from './envelope.ts';

export const FINANCE_LEVY_EVENTS: readonly EventDefinition[] = [];
