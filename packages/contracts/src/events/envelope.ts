import { z } from 'zod';

export const SERVICES = ['membership', 'emulation', 'welfare', 'finance', 'inspection'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const eventSource = (service: ServiceName) => `congdoan.${service}` as const;

export const actorSchema = z.object({
  /** `sub` of the caller's token, or `system:<name>` for schedules and consumers. */
  id: z.string().min(1),
  roles: z.array(z.string()),
  unitId: z.string().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const eventMetadataSchema = z.object({
  eventId: z.string().min(1),
  eventVersion: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  actor: actorSchema,
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export interface EventDetail<D> {
  metadata: EventMetadata;
  data: D;
}

/** An event as EventBridge delivers it to a rule target. */
export interface BusEvent<D = unknown> {
  version: '0';
  id: string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  'detail-type': string;
  detail: EventDetail<D>;
}

/**
 * One event type: its name, source, version and schema together, so a producer
 * and its consumers can never disagree on them.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  source: string;
  detailType: string;
  version: number;
  description: string;
  data: S;
  detail: z.ZodType<EventDetail<z.infer<S>>>;
}

/** Every definition `defineEvent` made, so the catalogue can tell them from other exports. */
const DEFINITIONS = new WeakSet<object>();

/** Whether `value` was made by `defineEvent`. */
export function isEventDefinition(value: unknown): value is EventDefinition {
  return typeof value === 'object' && value !== null && DEFINITIONS.has(value);
}

export function defineEvent<S extends z.ZodType>(def: {
  service: ServiceName;
  detailType: string;
  version: number;
  description: string;
  data: S;
}): EventDefinition<S> {
  if (!/^[A-Z][A-Za-z]+$/.test(def.detailType)) throw new Error(`detail-type must be PascalCase: ${def.detailType}`);
  const definition: EventDefinition<S> = {
    source: eventSource(def.service),
    detailType: def.detailType,
    version: def.version,
    description: def.description,
    data: def.data,
    detail: z.object({ metadata: eventMetadataSchema, data: def.data }) as unknown as z.ZodType<
      EventDetail<z.infer<S>>
    >,
  };
  DEFINITIONS.add(definition);
  return definition;
}

export type EventData<E> = E extends EventDefinition<infer S> ? z.infer<S> : never;
