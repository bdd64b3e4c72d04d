import { type EventDefinition, eventSource, isEventDefinition, type ServiceName } from './envelope.ts';
import * as modules from './index.ts';

/** The definitions among a module's exports, single or in a list (`UNIT_EVENTS`). */
function definitionsIn(exports: Record<string, unknown>): EventDefinition[] {
  return Object.values(exports).flatMap((value) =>
    Array.isArray(value) ? value.filter(isEventDefinition) : isEventDefinition(value) ? [value] : [],
  );
}

/**
 * Every event the product publishes: each definition exported by the event modules
 * (`events/index.ts`), never a list kept by hand. A contract test checks producers and
 * consumers against it, and that no source publishes a detail-type twice.
 */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [...new Set(definitionsIn(modules))];

export function findEvent(source: string, detailType: string): EventDefinition | undefined {
  return EVENT_CATALOGUE.find((e) => e.source === source && e.detailType === detailType);
}

/** The events `service` publishes (its source is `congdoan.<service>`), e.g. for its manifest's `publishes`. */
export function eventsOf(service: ServiceName): EventDefinition[] {
  return EVENT_CATALOGUE.filter((e) => e.source === eventSource(service));
}
