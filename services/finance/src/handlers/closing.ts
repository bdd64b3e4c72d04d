import { type BusEvent, UnitDissolved } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { recordDissolution } from '../app/closing/books.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');

/**
 * Membership dissolved a unit: its books are now "to close" on its upper
 * level's list (GET …/books-to-close). Posts no money: a person closes the
 * books. A duplicate or late event changes nothing.
 */
export const onUnitDissolved = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const detail = UnitDissolved.detail.parse(event.detail);
  const { unit } = detail.data;
  const recorded = await recordDissolution(
    financeDeps(),
    unit,
    systemContext('finance-books-to-close', detail.metadata.correlationId),
  );
  logger.info('books to close', { eventId: detail.metadata.eventId, unitId: unit.id, recorded });
});
