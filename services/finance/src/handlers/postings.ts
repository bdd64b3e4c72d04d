import { type BusEvent, LEDGER_POSTING_PRODUCERS, LEDGER_POSTING_REQUESTS } from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import {
  answerPostingRequest,
  type PostingRequest,
  type PostingRequestOutcome,
} from '../app/ledger/posting-requests.ts';
import { observed } from '../metrics.ts';
import { financeDeps } from './deps.ts';

const logger = createLogger('finance');
const CONSUMER = 'finance-ledger-postings';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

type RawDetail =
  | { metadata?: { correlationId?: unknown; eventId?: unknown }; data?: Record<string, unknown> }
  | undefined;

/**
 * The subscription `finance-ledger-postings`: reads another service's
 * `LedgerPostingRequested` and answers it (`answerPostingRequest`). A request
 * that does not parse is answered with its problems, as long as it names a
 * request id to answer; without one there is nobody to answer, and the bus
 * dead-letters the event.
 */
export const onPostingRequested = observedHandler(observed, async (bus: BusEvent): Promise<PostingRequestOutcome> => {
  const producer = LEDGER_POSTING_PRODUCERS.find((p) => bus.source === `congdoan.${p}`);
  const definition = LEDGER_POSTING_REQUESTS.find((d) => d.source === bus.source);
  if (!producer || !definition || bus['detail-type'] !== 'LedgerPostingRequested') {
    throw new Error(`unexpected event ${bus.source} ${bus['detail-type']}`);
  }
  const raw = bus.detail as RawDetail;
  const correlationId = typeof raw?.metadata?.correlationId === 'string' ? raw.metadata.correlationId : undefined;
  const parsed = definition.detail.safeParse(bus.detail);

  let request: PostingRequest;
  if (parsed.success) {
    request = { producer, data: parsed.data.data };
  } else {
    const requestId = raw?.data?.requestId;
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
      throw new Error(`malformed LedgerPostingRequested from ${producer}: no valid requestId`);
    }
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
    const unitId = typeof raw?.data?.unitId === 'string' ? raw.data.unitId : null;
    request = { producer, requestId, unitId, issues };
  }

  const answer = await answerPostingRequest(financeDeps(), request, systemContext(CONSUMER, correlationId));
  const requestId = 'data' in request ? request.data.requestId : request.requestId;
  const eventId = parsed.success ? parsed.data.metadata.eventId : undefined;
  if (answer.outcome === 'rejected') {
    const unitId = 'data' in request ? request.data.unitId : request.unitId;
    logger.warn('ledger posting request rejected', { producer, requestId, unitId, code: answer.code });
  } else {
    logger.info(`ledger posting request ${answer.outcome === 'posted' ? 'posted' : 'already handled'}`, {
      eventId,
      producer,
      requestId,
    });
  }
  return answer.outcome;
});
