import { type BulkUpsertOutcome, conflict, DomainError, type LocalizedText } from '@congdoan/contracts';
import { TransactionConflictError } from '@congdoan/ddb';
import type { MemberStore } from '../member-ports.ts';
import type { MemberDeps } from '../members/deps.ts';
import { assertUnitTakesMembers } from '../members/lifecycle.ts';
import { type UpsertInput, upsertMemberByCccd } from '../members/upsert.ts';
import type { Caller } from '../units/deps.ts';
import { Mutex, mapPool } from './pool.ts';

/** Rows in flight at once. Reads overlap; creates queue on one lane (see `createLane`). */
export const BULK_UPSERT_CONCURRENCY = 8;
/**
 * Rows start only within this budget from the request's start; later ones answer
 * `not-processed` (retryable). It leaves room under the HTTP function's 10 s
 * timeout (infra/lib/service-function.ts), well inside API Gateway's 29 s.
 */
export const BULK_UPSERT_BUDGET_MS = 8_000;
/** Whole-row retries after a transaction conflict outlasted the use case's own retries. */
const ROW_ATTEMPTS = 3;

export interface RowError {
  code: string;
  detail: LocalizedText;
  retryable: boolean;
  /** The failing fields of a row that did not validate, already in the caller's language. */
  fields?: { field: string; message: string }[];
}

/** A row as the handler validated it: a record to upsert, or the reason it cannot be. */
export type BulkRow = { index: number; cccd: string | null } & ({ input: UpsertInput } | { error: RowError });

export interface RowResult {
  index: number;
  cccd: string | null;
  outcome: BulkUpsertOutcome;
  memberId?: string;
  version?: number;
  error?: RowError;
}

export interface BulkUpsertOptions {
  concurrency?: number;
  budgetMs?: number;
  /** Milliseconds now; a test's clock. */
  clock?: () => number;
  /** Told of a row that failed for a reason that is not a domain rule, to log it. */
  onUnexpected?: (index: number, error: unknown) => void;
}

const duplicateInRequest = (first: number): RowError => ({
  code: 'duplicate-cccd-in-request',
  detail: {
    vi: `Số CCCD này đã có ở dòng ${first} của cùng yêu cầu; chỉ dòng đầu tiên được xử lý.`,
    en: `This CCCD already appears in row ${first} of the same request; only the first row is applied.`,
  },
  retryable: false,
});

const notProcessed = (): RowError => ({
  code: 'not-processed',
  detail: {
    vi: 'Yêu cầu đã hết thời gian xử lý trước khi tới dòng này. Hãy gửi lại dòng này.',
    en: 'The request ran out of time before reaching this row. Send the row again.',
  },
  retryable: true,
});

function rowError(error: unknown): RowError | undefined {
  if (error instanceof DomainError) {
    // A CCCD taken between the read and the write: sending again gives the definite answer.
    return { code: error.code, detail: error.detail, retryable: error.code === 'cccd-taken' };
  }
  if (error instanceof TransactionConflictError) {
    return {
      code: 'concurrent-update',
      detail: {
        vi: 'Bản ghi đang được sửa đồng thời bởi một yêu cầu khác. Hãy gửi lại dòng này.',
        en: 'The record was being changed by another request at the same time. Send the row again.',
      },
      retryable: true,
    };
  }
  return undefined;
}

const unexpected = (): RowError => ({
  code: 'row-failed',
  detail: {
    vi: 'Không ghi được dòng này do lỗi hệ thống tạm thời. Hãy gửi lại dòng này.',
    en: 'The row could not be written because of a temporary system error. Send the row again.',
  },
  retryable: true,
});

/** A row that waited for the create lane past the time budget. */
class OutOfTime extends Error {}

/**
 * Creates in one unit all move the same items (the card sequence of their year,
 * the unit's member counter and statistics), so concurrent ones would only
 * cancel each other's transactions. A row takes the lane when it reads the card
 * sequence, which only a create does, and leaves it once its save is done; the
 * lane remembers the sequence it just wrote, so the next create skips that read.
 * Updates and unchanged rows never wait for it.
 */
function createLane(store: MemberStore, outOfTime: () => boolean) {
  const lane = new Mutex();
  const known = new Map<number, number>();
  return () => {
    let release: (() => void) | undefined;
    const leave = () => {
      release?.();
      release = undefined;
    };
    const members: MemberStore = {
      // The store is a plain object of closures: its methods need no `this`.
      ...store,
      async readCardSequence(year) {
        release ??= await lane.acquire();
        // Rows queue here; one that gets its turn after the budget is spent gives way.
        if (outOfTime()) throw new OutOfTime();
        return known.get(year) ?? store.readCardSequence(year);
      },
      async save(change, ctx, events) {
        try {
          await store.save(change, ctx, events);
          if (change.card) known.set(change.card.year, change.card.read + 1);
        } catch (error) {
          if (change.card) known.delete(change.card.year);
          throw error;
        } finally {
          leave();
        }
      },
    };
    return { members, leave };
  };
}

/**
 * Brings up to 500 records of one unit in line, each keyed by CCCD, with a result
 * per row in the order given. A row's failure (invalid, a clash, a CCCD repeated
 * in the request) is reported on that row and never stops the others. The unit is
 * checked once: outside the caller's subtree it is a 404 for the whole request.
 */
export async function bulkUpsertMembers(
  deps: MemberDeps,
  caller: Caller,
  unitId: string,
  rows: readonly BulkRow[],
  options: BulkUpsertOptions = {},
): Promise<{ results: RowResult[]; counts: Record<BulkUpsertOutcome, number> }> {
  const clock = options.clock ?? Date.now;
  const deadline = clock() + (options.budgetMs ?? BULK_UPSERT_BUDGET_MS);
  const unit = await assertUnitTakesMembers(deps, caller, unitId, true);
  if (unit.status !== 'active') {
    throw conflict('unit-not-active', {
      vi: `Đơn vị "${unit.name}" đã giải thể, không thể nhận đoàn viên.`,
      en: `Unit "${unit.name}" is dissolved and cannot take members.`,
    });
  }

  const firstRowOf = new Map<string, number>();
  const outOfTime = () => clock() > deadline;
  const lane = createLane(deps.members, outOfTime);

  const results = await mapPool(rows, options.concurrency ?? BULK_UPSERT_CONCURRENCY, async (row) => {
    const base = { index: row.index, cccd: row.cccd };
    if ('error' in row) return { ...base, outcome: 'failed' as const, error: row.error };
    const cccd = row.input.cccd;
    const first = firstRowOf.get(cccd);
    if (first !== undefined) return { ...base, outcome: 'failed' as const, error: duplicateInRequest(first) };
    firstRowOf.set(cccd, row.index);
    if (outOfTime()) return { ...base, outcome: 'failed' as const, error: notProcessed() };

    for (let attempt = 1; ; attempt++) {
      const { members, leave } = lane();
      try {
        const { outcome, member } = await upsertMemberByCccd({ ...deps, members }, caller, unitId, row.input, {
          unitChecked: true,
          source: 'hệ thống tích hợp',
        });
        return { ...base, outcome, memberId: member.id, version: member.version };
      } catch (error) {
        if (error instanceof OutOfTime) return { ...base, outcome: 'failed' as const, error: notProcessed() };
        if (error instanceof TransactionConflictError && attempt < ROW_ATTEMPTS && !outOfTime()) continue;
        const known = rowError(error);
        if (!known) options.onUnexpected?.(row.index, error);
        return { ...base, outcome: 'failed' as const, error: known ?? unexpected() };
      } finally {
        leave();
      }
    }
  });

  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const r of results) counts[r.outcome]++;
  return { results, counts };
}
