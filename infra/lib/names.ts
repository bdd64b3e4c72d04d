/** `unit-counters-check` → `UnitCountersCheck`, for construct ids. */
export function pascal(name: string): string {
  return name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Physical names that tools outside CDK also need (`scripts/redrive.ts`), in one place.
 * `congdoan-<stage>` prefixes every physical name.
 */
export const stagePrefix = (stage: string): string => `congdoan-${stage}`;
/** The stage's event bus is named after the prefix alone. */
export const eventBusName = (prefix: string): string => prefix;
/** A dead-letter queue; `name` is a function id (`finance-unit-profiles`) or `<service>-outbox`. */
export const deadLetterQueueName = (prefix: string, name: string): string => `${prefix}-${name}-dlq`;
/** The queue between a queued subscription's rule and its function. */
export const workQueueName = (prefix: string, functionId: string): string => `${prefix}-${functionId}-queue`;
/** A manifest key's KMS alias: `alias/congdoan/<stage>/<service>-<key>`, e.g. `alias/congdoan/prod/inspection-identity`. */
export const keyAliasName = (stage: string, service: string, key: string): string =>
  `alias/congdoan/${stage}/${service}-${key}`;
/** How the stateful stack's keys are looked up: `inspection/identity`. */
export const keyRef = (service: string, key: string): string => `${service}/${key}`;
