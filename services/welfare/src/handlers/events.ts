import {
  type BusEvent,
  findEvent,
  LedgerPosted,
  LedgerPostingRejected,
  MemberDuesStandingChanged,
} from '@congdoan/contracts';
import { systemContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { recordPostingAnswer } from '../app/funds.ts';
import { observed } from '../metrics.ts';
import { welfareDeps } from './deps.ts';

const logger = createLogger('welfare');

/**
 * The subscription `welfare-ledger-answers`: finance's answer to a posting request welfare
 * made, recorded on the movement once (a redelivery changes nothing). Answers to another
 * producer's requests are not welfare's.
 */
export const onLedgerAnswer = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const definition = findEvent(event.source, event['detail-type']);
  if (!definition) throw new Error(`unknown event ${event.source} ${event['detail-type']}`);
  const detail = definition.detail.parse(event.detail);
  const { eventId, correlationId } = detail.metadata;
  const ctx = systemContext('welfare-ledger-answers', correlationId);
  if (event['detail-type'] === LedgerPosted.detailType) {
    const data = LedgerPosted.data.parse(detail.data);
    if (data.producer !== 'welfare') return;
    const outcome = await recordPostingAnswer(
      welfareDeps(),
      data.requestId,
      { status: 'posted', postingId: data.postingId, voucherNumber: data.voucherNumber },
      eventId,
      ctx,
    );
    logger.info('ledger posted', { eventId, requestId: data.requestId, outcome });
    return;
  }
  const data = LedgerPostingRejected.data.parse(detail.data);
  if (data.producer !== 'welfare') return;
  const outcome = await recordPostingAnswer(
    welfareDeps(),
    data.requestId,
    { status: 'unposted', reason: data.reason },
    eventId,
    ctx,
  );
  logger.warn('ledger posting rejected', { eventId, requestId: data.requestId, code: data.reason.code, outcome });
});

/**
 * The subscription `welfare-dues-standing`: a member's dues standing as finance announced it,
 * the highest version kept (a redelivered or older announcement changes nothing).
 */
export const onDuesStanding = observedHandler(observed, async (event: BusEvent): Promise<void> => {
  const detail = MemberDuesStandingChanged.detail.parse(event.detail);
  const ctx = systemContext('welfare-dues-standing', detail.metadata.correlationId);
  const applied = await welfareDeps().dues.apply(detail.data, ctx);
  logger.info('dues standing', { eventId: detail.metadata.eventId, applied });
});
