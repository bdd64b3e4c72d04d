import { type BusEvent, DisciplineDecided, DisciplineLapsed, DisciplineRevoked } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { applyDiscipline, type DisciplineEvent } from '../app/discipline/apply.ts';
import { observed } from '../metrics.ts';
import { disciplineDeps } from './discipline-deps.ts';

const logger = createLogger('membership');

function parse(event: BusEvent): { ev: DisciplineEvent; correlationId: string } {
  switch (event['detail-type']) {
    case DisciplineDecided.detailType: {
      const d = DisciplineDecided.detail.parse(event.detail);
      return {
        ev: { type: 'DisciplineDecided', eventId: d.metadata.eventId, data: d.data },
        correlationId: d.metadata.correlationId,
      };
    }
    case DisciplineLapsed.detailType: {
      const d = DisciplineLapsed.detail.parse(event.detail);
      return {
        ev: { type: 'DisciplineLapsed', eventId: d.metadata.eventId, data: d.data },
        correlationId: d.metadata.correlationId,
      };
    }
    case DisciplineRevoked.detailType: {
      const d = DisciplineRevoked.detail.parse(event.detail);
      return {
        ev: { type: 'DisciplineRevoked', eventId: d.metadata.eventId, data: d.data },
        correlationId: d.metadata.correlationId,
      };
    }
    default:
      throw new Error(`unexpected event ${event.source} ${event['detail-type']}`);
  }
}

/** The subscription `membership-discipline`: inspection's discipline decisions reaching members and offices. */
export const onDiscipline = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const { ev, correlationId } = parse(event);
  const outcome = await applyDiscipline(disciplineDeps(), ev, systemContext('membership-discipline', correlationId));
  logger.info('discipline', {
    eventId: ev.eventId,
    type: ev.type,
    disciplineId: ev.data.disciplineId,
    version: ev.data.version,
    outcome: outcome.kind,
    ...(outcome.kind === 'appointments-ended' ? { appointments: outcome.appointmentIds.length } : {}),
    ...(outcome.kind === 'not-applicable' ? { code: outcome.code } : {}),
  });
});
