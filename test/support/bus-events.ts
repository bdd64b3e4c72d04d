import { randomUUID } from 'node:crypto';
import { type Actor, type BusEvent, DisciplineDecided, type EventData, type EventDetail } from '@congdoan/contracts';

/** The actor of events a test publishes when who published them does not matter. */
export const TEST_ACTOR: Actor = { id: 'system:test', roles: [], unitId: null };

export interface DetailOptions {
  occurredAt?: string;
  /** Default: a fresh UUID. */
  correlationId?: string;
  actor?: Actor;
}

/** An event's `detail` as a producer's outbox writes it: the metadata, then the data. */
export function eventDetail<D>(eventId: string, data: D, options: DetailOptions = {}): EventDetail<D> {
  return {
    metadata: {
      eventId,
      eventVersion: 1,
      occurredAt: options.occurredAt ?? '2026-12-01T00:00:00.000Z',
      correlationId: options.correlationId ?? randomUUID(),
      actor: options.actor ?? TEST_ACTOR,
    },
    data,
  };
}

export interface BusEventOptions extends DetailOptions {
  /** Default: a fresh UUID. */
  eventId?: string;
  /** EventBridge's own id of the delivery; default a fresh UUID. */
  id?: string;
  /** EventBridge's `time`; default `occurredAt`. */
  time?: string;
  region?: string;
}

/** An event as EventBridge hands it to a rule's target. */
export function busEvent<D>(source: string, detailType: string, data: D, options: BusEventOptions = {}): BusEvent<D> {
  const detail = eventDetail(options.eventId ?? randomUUID(), data, options);
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    source,
    account: '000000000000',
    time: options.time ?? detail.metadata.occurredAt,
    region: options.region ?? 'local',
    resources: [],
    'detail-type': detailType,
    detail,
  };
}

/**
 * Inspection's `DisciplineDecided` dissolving a unit (giải tán, QĐ 21/QĐ-UBKT of 09/03/2026 by
 * `upper`), checked against the contract: what inspection's test expects it to publish and what
 * membership's and emulation's consumers are given.
 */
export const dissolutionDecided = (unitId: string, disciplineId: string): EventData<typeof DisciplineDecided> =>
  DisciplineDecided.data.parse({
    disciplineId,
    version: 1,
    subject: { kind: 'unit', unitId },
    form: 'dissolution',
    decision: { number: '21/QĐ-UBKT', date: '2026-03-09' },
    issuerUnitId: 'upper',
    groundsSummary: 'Vi phạm Điều lệ nghiêm trọng',
    basis: null,
    lapsesOn: null,
  });
