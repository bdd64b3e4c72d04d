import { randomUUID } from 'node:crypto';
import { BankStatementImportRequested, type BusEvent } from '@congdoan/contracts';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { BACKGROUND_BUDGET_MS, continueStatement } from '../app/bank/import.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');

/**
 * The subscription `finance-bank-statement-import`: records the lines a
 * statement import left for the background, for up to 20 s, then queues the
 * next slice. A redelivery, or two deliveries at once, handle no line twice
 * (see `continueStatement`). Its actor is the person who imported the file.
 */
export const onBankStatementImportRequested = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const started = Date.now();
  const detail = BankStatementImportRequested.detail.parse(event.detail);
  const { statementId } = detail.data;
  const outcome = await continueStatement(
    financeDeps(),
    statementId,
    {
      actor: detail.metadata.actor,
      correlationId: detail.metadata.correlationId,
      now: () => new Date(),
      newId: randomUUID,
    },
    started + BACKGROUND_BUDGET_MS,
  );
  logger.info('bank statement import slice', { eventId: detail.metadata.eventId, statementId, outcome });
});
