import type { LocalizedText } from '@congdoan/contracts';
import { ConditionFailedError, commit, type Db, type WriteContext, type WriteItem } from '@congdoan/ddb';
import {
  PostingRequestAnsweredError,
  type PostingRequestRecord,
  type PostingRequestStore,
} from '../app/ledger/ports.ts';
import { KIND, postingRequestKey } from './ledger-keys.ts';
import { postingAudit } from './ledger-store.ts';

/** The request's outcome, one item per (producer, requestId): whichever of posted and rejected commits first is final. */
function requestItem(
  request: PostingRequestRecord,
  status: 'posted' | 'rejected',
  ctx: WriteContext,
  extra: { postingId?: string; reason?: LocalizedText & { code: string } },
): WriteItem {
  return {
    Put: {
      Item: {
        ...postingRequestKey(request.producer, request.requestId),
        kind: KIND.request,
        producer: request.producer,
        requestId: request.requestId,
        unitId: request.unitId,
        status,
        ...extra,
        at: ctx.now().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** The request's answer is already recorded. */
const requestRecorded = (error: unknown) => error instanceof ConditionFailedError && error.item?.kind === KIND.request;

export function createPostingRequestStore(db: Db): PostingRequestStore {
  return {
    async recordPosted(request, prepared, ctx, events) {
      try {
        await commit(
          db,
          {
            items: [requestItem(request, 'posted', ctx, { postingId: prepared.posting.id }), ...prepared.items],
            events,
            audit: [postingAudit(prepared.posting)],
          },
          ctx,
        );
      } catch (error) {
        // The request was answered, or its posting (whose id it gives) made, by an earlier delivery.
        const postingMade = error instanceof ConditionFailedError && error.item?.kind === KIND.postingId;
        if (requestRecorded(error) || postingMade) throw new PostingRequestAnsweredError(request);
        throw error;
      }
    },

    async recordRejected(request, reason, ctx, events) {
      try {
        await commit(
          db,
          {
            items: [requestItem(request, 'rejected', ctx, { reason })],
            events,
            audit: [
              {
                entityType: 'ledger-posting-request',
                entityId: `${request.producer}:${request.requestId}`,
                action: 'reject',
                before: null,
                after: { unitId: request.unitId, reason },
              },
            ],
          },
          ctx,
        );
        return true;
      } catch (error) {
        if (requestRecorded(error)) return false;
        throw error;
      }
    },
  };
}
