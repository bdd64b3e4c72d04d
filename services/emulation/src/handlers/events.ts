import {
  type BusEvent,
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  ProceedingClosed,
  ProceedingOpened,
} from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { type InspectionFactEvent, recordInspectionFact } from '../app/inspection-facts.ts';
import { observed } from '../metrics.ts';
import { emulationDeps } from './deps.ts';

const logger = createLogger('emulation');

/** The inspection events eligibility reads, by detail type. */
const DEFINITIONS = {
  DisciplineDecided,
  DisciplineLapsed,
  DisciplineRevoked,
  ProceedingOpened,
  ProceedingClosed,
} as const;

function parse(event: BusEvent): { ev: InspectionFactEvent; correlationId: string } {
  const type = event['detail-type'];
  if (!Object.hasOwn(DEFINITIONS, type)) throw new Error(`not an inspection fact: ${event.source} ${type}`);
  const detail = DEFINITIONS[type as keyof typeof DEFINITIONS].detail.parse(event.detail);
  const ev = { type, eventId: detail.metadata.eventId, data: detail.data } as InspectionFactEvent;
  return { ev, correlationId: detail.metadata.correlationId };
}

/**
 * The subscription `emulation-inspection-facts`: inspection's discipline and proceeding events,
 * kept per subject for eligibility, once per event and at each record's highest version.
 */
export const onInspectionFact = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const { ev, correlationId } = parse(event);
  const ctx = systemContext('emulation:inspection-facts', correlationId);
  const outcome = await recordInspectionFact(emulationDeps(), ev, ctx);
  // Ids only: a proceeding's subject is personal, its kind (a denunciation) sensitive.
  logger.info('inspection fact', { eventId: ev.eventId, detailType: ev.type, outcome });
});
