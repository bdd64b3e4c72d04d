import {
  type BulkUpsertResponse,
  type BulkUpsertRowResult,
  bulkUpsertItemSchema,
  type MemberChangeEntry,
} from '@congdoan/contracts';
import { dbFromEnv } from '@congdoan/ddb';
import {
  createLogger,
  decodeCursor,
  encodeCursor,
  errorMap,
  type Lang,
  type RouteHandlers,
  toFieldErrors,
} from '@congdoan/http-kit';
import { createChangeFeed } from '../../adapters/change-feed.ts';
import { type BulkRow, bulkUpsertMembers, type RowError } from '../../app/integration/bulk-upsert.ts';
import { type ChangeFeed, fromPosition, readChanges, toPosition } from '../../app/integration/feed.ts';
import { memberView } from '../../app/members/masking.ts';
import type { integrationRoutes } from '../../integration-routes.ts';
import { membershipDeps } from '../deps.ts';
import { caller } from './caller.ts';

let feed: ChangeFeed | undefined;
const changeFeed = () => {
  feed ??= createChangeFeed(dbFromEnv('membership'));
  return feed;
};
let logger: ReturnType<typeof createLogger> | undefined;
const log = () => {
  logger ??= createLogger('membership');
  return logger;
};

/**
 * At most this many failing fields per row, each clipped, so that 500 bad rows
 * still answer well under DynamoDB's 400 KB item, where an Idempotency-Key keeps
 * the answer (about 300 KB at worst).
 */
const MAX_FIELDS_PER_ROW = 3;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Each row on its own against the row schema: a malformed row fails alone. */
function validateRow(raw: unknown, index: number, lang: Lang): BulkRow {
  const sent = (raw as { cccd?: unknown } | null)?.cccd;
  const cccd = typeof sent === 'string' ? sent.slice(0, 20) : null;
  const parsed = bulkUpsertItemSchema.safeParse(raw, { error: errorMap(lang) });
  if (parsed.success) return { index, cccd: parsed.data.cccd, input: parsed.data };
  const fields = toFieldErrors('body', parsed.error, lang).map(({ field, message }) => ({
    field: clip(field || '(row)', 64),
    message: clip(message, 160),
  }));
  const error: RowError = {
    code: 'validation-failed',
    detail: {
      vi: `Dòng có ${fields.length} trường không hợp lệ.`,
      en: `The row has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}.`,
    },
    retryable: false,
    fields: fields.slice(0, MAX_FIELDS_PER_ROW),
  };
  return { index, cccd, error };
}

export const integrationHandlers: RouteHandlers<typeof integrationRoutes> = {
  bulkUpsertMembers: async (req) => {
    const rows = req.body.items.map((raw, index) => validateRow(raw, index, req.lang));
    const { results, counts } = await bulkUpsertMembers(membershipDeps(), caller(req), req.params.id, rows, {
      onUnexpected: (index, error) =>
        log().error('bulk upsert row failed', { index, requestId: req.requestId, error: error as Error }),
    });
    const body: BulkUpsertResponse = {
      unitId: req.params.id,
      counts,
      results: results.map(
        ({ error, ...r }): BulkUpsertRowResult =>
          error ? { ...r, error: { ...error, detail: error.detail[req.lang] } } : r,
      ),
    };
    return { status: 200, body };
  },

  listMemberChanges: async (req) => {
    const page = await readChanges(
      { feed: changeFeed(), units: membershipDeps().units },
      req.auth,
      toPosition(decodeCursor(req.query.cursor)),
      { limit: req.query.limit, now: req.write.now() },
    );
    const items = page.items.map(
      (c): MemberChangeEntry => ({ ...c, member: c.member ? memberView(c.member, req.auth) : null }),
    );
    return {
      status: 200,
      body: { items, nextCursor: encodeCursor(fromPosition(page.next)), hasMore: page.hasMore },
    };
  },
};
