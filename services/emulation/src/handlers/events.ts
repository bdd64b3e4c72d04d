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

function parse(event: BusEvent): { ev: InspectionFactEvent; correlationId: string } {
  const type = event['detail-type'];
  switch (type) {
    case 'DisciplineDecided': {
      const d = DisciplineDecided.detail.parse(event.detail);
      return { ev: { type, eventId: d.metadata.eventId, data: d.data }, correlationId: d.metadata.correlationId };
    }
    case 'DisciplineLapsed': {
      const d = DisciplineLapsed.detail.parse(event.detail);
      return { ev: { type, eventId: d.metadata.eventId, data: d.data }, correlationId: d.metadata.correlationId };
    }
    case 'DisciplineRevoked': {
      const d = DisciplineRevoked.detail.parse(event.detail);
      return { ev: { type, eventId: d.metadata.eventId, data: d.data }, correlationId: d.metadata.correlationId };
    }
    case 'ProceedingOpened': {
      const d = ProceedingOpened.detail.parse(event.detail);
      return { ev: { type, eventId: d.metadata.eventId, data: d.data }, correlationId: d.metadata.correlationId };
    }
    case 'ProceedingClosed': {
      const d = ProceedingClosed.detail.parse(event.detail);
      return { ev: { type, eventId: d.metadata.eventId, data: d.data }, correlationId: d.metadata.correlationId };
    }
    default:
      throw new Error(`not an inspection fact: ${event.source} ${type}`);
  }
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
