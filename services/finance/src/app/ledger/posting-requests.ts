import {
  DomainError,
  LedgerPosted,
  type LedgerPostingProducer,
  LedgerPostingRejected,
  type LedgerPostingRequestData,
  type LocalizedText,
} from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import { totalsOf } from '../../domain/ledger/posting.ts';
import type { PostingInput } from '../../domain/ledger/types.ts';
import {
  type Ledger,
  PostingRequestAnsweredError,
  type PostingRequestRecord,
  type PostingRequestStore,
} from './ports.ts';

export interface PostingRequestDeps {
  ledger: Pick<Ledger, 'prepare' | 'retry'>;
  postingRequests: PostingRequestStore;
  directory: UnitLookup;
}

/** A request as the consumer read it: well formed, or malformed with what could be read of it. */
export type PostingRequest =
  | { producer: LedgerPostingProducer; data: LedgerPostingRequestData }
  | { producer: LedgerPostingProducer; requestId: string; unitId: string | null; issues: string };

export type PostingRequestOutcome = 'posted' | 'rejected' | 'duplicate';

export interface PostingRequestAnswer {
  outcome: PostingRequestOutcome;
  /** Why a request was rejected. */
  code?: string;
}

/** The posting made for a request: its id is derived from the producer and the request id, so it is made once. */
export const requestedPostingId = (producer: LedgerPostingProducer, requestId: string) => `${producer}:${requestId}`;

/**
 * Records the posting another service asked for (`LedgerPostingRequested`),
 * once per (producer, requestId), and answers in the same transaction:
 * `LedgerPosted` with the posting, or `LedgerPostingRejected` with the reason
 * when the request is malformed, breaks a rule, names an unknown unit or finds
 * the books closed. A rejection is recorded, not thrown, so it is not retried;
 * only transient failures throw (and are retried by the bus, then dead-lettered).
 */
export async function answerPostingRequest(
  deps: PostingRequestDeps,
  request: PostingRequest,
  ctx: WriteContext,
): Promise<PostingRequestAnswer> {
  if ('issues' in request) {
    const { producer, requestId, unitId, issues } = request;
    return reject(
      deps,
      { producer, requestId, unitId },
      'invalid-request',
      {
        vi: `Yêu cầu hạch toán sai cấu trúc: ${issues}`,
        en: `The posting request is malformed: ${issues}`,
      },
      ctx,
    );
  }
  const { producer, data } = request;
  const record: PostingRequestRecord = { producer, requestId: data.requestId, unitId: data.unitId };
  if (!(await deps.directory.getNode(data.unitId))) {
    return reject(
      deps,
      record,
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
    await deps.ledger.retry(async () => {
      const prepared = await deps.ledger.prepare(input, ctx);
      const { posting } = prepared;
      await deps.postingRequests.recordPosted(record, prepared, ctx, [
        event(LedgerPosted, {
          producer,
          requestId: data.requestId,
          unitId: data.unitId,
          postingId: posting.id,
          date: posting.date,
          amount: totalsOf(posting.lines).debit,
          voucherNumber: posting.voucherNumber,
        }),
      ]);
    });
    return { outcome: 'posted' };
  } catch (error) {
    if (error instanceof PostingRequestAnsweredError) return { outcome: 'duplicate' };
    if (error instanceof DomainError && (error.kind === 'unprocessable' || error.code === 'books-closed')) {
      return reject(deps, record, error.code, error.detail, ctx);
    }
    throw error;
  }
}

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

/** Whichever of posted and rejected commits first is final: a second answer is a duplicate. */
async function reject(
  deps: PostingRequestDeps,
  record: PostingRequestRecord,
  code: string,
  text: LocalizedText,
  ctx: WriteContext,
): Promise<PostingRequestAnswer> {
  const reason = { code, vi: text.vi, en: text.en };
  const recorded = await deps.postingRequests.recordRejected(record, reason, ctx, [
    event(LedgerPostingRejected, { ...record, reason }),
  ]);
  return recorded ? { outcome: 'rejected', code } : { outcome: 'duplicate' };
}
