import {
  type BusEvent,
  DiscrepancyFound,
  findEvent,
  officerAppointmentSchema,
  ReconciliationCompleted,
} from '@congdoan/contracts';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { z } from 'zod';
import { recordAppointment, recordDiscrepancy, recordOffice, recordReconciliation } from '../app/projections.ts';
import { observed } from '../metrics.ts';
import { inspectionDeps } from './deps.ts';

const logger = createLogger('inspection');
const appointmentData = z.object({ appointment: officerAppointmentSchema }).loose();

function parse(event: BusEvent) {
  const definition = findEvent(event.source, event['detail-type']);
  if (!definition) throw new Error(`unknown event ${event.source} ${event['detail-type']}`);
  return definition.detail.parse(event.detail);
}

/**
 * The subscription `inspection-ubkt-seats`: UBKT seats, and the offices of every position, from
 * membership's officer events, upserted by version (a redelivery after a partial write completes it).
 */
export const onAppointment = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const detail = parse(event);
  const { appointment } = appointmentData.parse(detail.data);
  const applied = await recordAppointment(inspectionDeps(), appointment);
  const office = await recordOffice(inspectionDeps(), appointment);
  logger.info('ubkt seat', { eventId: detail.metadata.eventId, appointmentId: appointment.id, applied, office });
});

/** The subscription `inspection-finance-facts`: finance's reconciliation summaries and discrepancies. */
export const onReconciliation = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const detail = parse(event);
  if (event['detail-type'] === ReconciliationCompleted.detailType) {
    const data = ReconciliationCompleted.data.parse(detail.data);
    const applied = await recordReconciliation(inspectionDeps(), data);
    logger.info('finance month', { eventId: detail.metadata.eventId, unitId: data.unitId, month: data.month, applied });
    return;
  }
  const data = DiscrepancyFound.data.parse(detail.data);
  await recordDiscrepancy(inspectionDeps(), data);
  logger.info('finance discrepancy', { eventId: detail.metadata.eventId, unitId: data.unitId, month: data.month });
});
