import {
  type BusEvent,
  DomainError,
  LEDGER_POSTING_PRODUCERS,
  LEDGER_POSTING_REQUESTS,
  LedgerPosted,
  type LedgerPostingProducer,
  LedgerPostingRejected,
  type LedgerPostingRequestData,
  type LocalizedText,
} from '@congdoan/contracts';
import { ConditionFailedError, commit, event, systemContext, type WriteContext } from '@congdoan/ddb';
import { createLogger, observedHandler } from '@congdoan/http-kit';
import { KIND, postingRequestKey } from '../adapters/ledger-keys.ts';
import { isDuplicatePosting, withLedgerRetry } from '../adapters/ledger-store.ts';
import { totalsOf } from '../domain/ledger/posting.ts';
import type { PostingInput } from '../domain/ledger/types.ts';
import { observed } from '../metrics.ts';
import { ledgerDeps } from './ledger-deps.ts';

const logger = createLogger('finance');
const CONSUMER = 'finance-ledger-postings';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The posting made for a request: its id is derived from the producer and the request id, so it is made once. */
export const requestedPostingId = (producer: LedgerPostingProducer, requestId: string) => `${producer}:${requestId}`;

export type PostingRequestOutcome = 'posted' | 'rejected' | 'duplicate';

/**
 * Records the posting another service asked for (`LedgerPostingRequested`),
 * once per (producer, requestId), and answers in the same transaction:
 * `LedgerPosted` with the posting, or `LedgerPostingRejected` with the reason
 * when the request breaks a rule, names an unknown unit or finds the books
 * closed. A rejection is recorded, not thrown, so it is not retried; only
 * transient failures throw (and are retried by the bus, then dead-lettered).
 */
export const onPostingRequested = observedHandler(observed, async (bus: BusEvent): Promise<PostingRequestOutcome> => {
  const producer = LEDGER_POSTING_PRODUCERS.find((p) => bus.source === `congdoan.${p}`);
  const definition = LEDGER_POSTING_REQUESTS.find((d) => d.source === bus.source);
  if (!producer || !definition || bus['detail-type'] !== 'LedgerPostingRequested') {
    throw new Error(`unexpected event ${bus.source} ${bus['detail-type']}`);
  }
  const raw = bus.detail as { metadata?: { correlationId?: unknown }; data?: Record<string, unknown> } | undefined;
  const correlationId = typeof raw?.metadata?.correlationId === 'string' ? raw.metadata.correlationId : undefined;
  const ctx = systemContext(CONSUMER, correlationId);
  const parsed = definition.detail.safeParse(bus.detail);

  if (!parsed.success) {
    const requestId = raw?.data?.requestId;
    // Without a usable request id there is nobody to answer: the bus dead-letters the event.
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
      throw new Error(`malformed LedgerPostingRequested from ${producer}: no valid requestId`);
    }
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
    const unitId = typeof raw?.data?.unitId === 'string' ? raw.data.unitId : null;
    return reject(
      producer,
      requestId,
      unitId,
      'invalid-request',
      {
        vi: `Yêu cầu hạch toán sai cấu trúc: ${issues}`,
        en: `The posting request is malformed: ${issues}`,
      },
      ctx,
    );
  }

  const { metadata, data } = parsed.data;
  const deps = ledgerDeps();
  if (!(await deps.directory.getNode(data.unitId))) {
    return reject(
      producer,
      data.requestId,
      data.unitId,
      'unknown-unit',
      {
        vi: `Không có đơn vị "${data.unitId}" trong hệ thống tổ chức mà bộ phận tài chính biết.`,
        en: `Finance knows no unit "${data.unitId}".`,
      },
      ctx,
    );
  }

  const input = postingInput(producer, data);
  try {
    await withLedgerRetry(async () => {
      const { items, posting } = await deps.ledger.prepare(input, ctx);
      await commit(
        deps.db,
        {
          items: [requestItem(producer, data, 'posted', ctx, { postingId: posting.id }), ...items],
          events: [
            event(LedgerPosted, {
              producer,
              requestId: data.requestId,
              unitId: data.unitId,
              postingId: posting.id,
              date: posting.date,
              amount: totalsOf(posting.lines).debit,
              voucherNumber: posting.voucherNumber,
            }),
          ],
          audit: [
            {
              entityType: 'ledger-posting',
              entityId: `${posting.unitId}:${posting.id}`,
              action: 'post',
              before: null,
              after: posting,
            },
          ],
        },
        ctx,
      );
    });
    logger.info('ledger posting request posted', { eventId: metadata.eventId, producer, requestId: data.requestId });
    return 'posted';
  } catch (error) {
    if (isRequestRecorded(error) || isDuplicatePosting(error)) {
      logger.info('ledger posting request already handled', {
        eventId: metadata.eventId,
        producer,
        requestId: data.requestId,
      });
      return 'duplicate';
    }
    if (error instanceof DomainError && (error.kind === 'unprocessable' || error.code === 'books-closed')) {
      return reject(producer, data.requestId, data.unitId, error.code, error.detail, ctx);
    }
    throw error;
  }
});

function postingInput(producer: LedgerPostingProducer, data: LedgerPostingRequestData): PostingInput {
  return {
    id: requestedPostingId(producer, data.requestId),
    unitId: data.unitId,
    date: data.date,
    memo: data.memo,
    lines: data.lines.map((l) => ({
      account: l.account,
      debit: l.debit,
      credit: l.credit,
      ...(l.memo !== undefined ? { memo: l.memo } : {}),
    })),
    ...(data.voucher ? { voucher: data.voucher } : {}),
    source: { service: producer, kind: data.source.kind, id: data.source.id },
  };
}

/** The request's outcome, one item per (producer, requestId): whichever of posted and rejected commits first is final. */
function requestItem(
  producer: LedgerPostingProducer,
  data: { requestId: string; unitId: string | null },
  status: 'posted' | 'rejected',
  ctx: WriteContext,
  extra: { postingId?: string; reason?: LocalizedText & { code: string } },
) {
  return {
    Put: {
      Item: {
        ...postingRequestKey(producer, data.requestId),
        kind: KIND.request,
        producer,
        requestId: data.requestId,
        unitId: data.unitId,
        status,
        ...extra,
        at: ctx.now().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

const isRequestRecorded = (error: unknown) =>
  error instanceof ConditionFailedError && error.item?.kind === KIND.request;

async function reject(
  producer: LedgerPostingProducer,
  requestId: string,
  unitId: string | null,
  code: string,
  text: LocalizedText,
  ctx: WriteContext,
): Promise<PostingRequestOutcome> {
  const reason = { code, vi: text.vi, en: text.en };
  try {
    await commit(
      ledgerDeps().db,
      {
        items: [requestItem(producer, { requestId, unitId }, 'rejected', ctx, { reason })],
        events: [event(LedgerPostingRejected, { producer, requestId, unitId, reason })],
        audit: [
          {
            entityType: 'ledger-posting-request',
            entityId: `${producer}:${requestId}`,
            action: 'reject',
            before: null,
            after: { unitId, reason },
          },
        ],
      },
      ctx,
    );
  } catch (error) {
    if (isRequestRecorded(error)) return 'duplicate';
    throw error;
  }
  logger.warn('ledger posting request rejected', { producer, requestId, unitId, code });
  return 'rejected';
}
