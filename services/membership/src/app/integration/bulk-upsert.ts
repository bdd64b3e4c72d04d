import { type BulkUpsertOutcome, conflict, DomainError, type LocalizedText } from '@congdoan/contracts';
import { TransactionConflictError } from '@congdoan/ddb';
import type { MemberDeps } from '../members/deps.ts';
import { assertUnitTakesMembers } from '../members/lifecycle.ts';
import { type UpsertInput, upsertMemberByCccd } from '../members/upsert.ts';
import { NotStarted, type UpsertManyResult, upsertManyByCccd } from '../members/upsert-many.ts';
import type { Caller } from '../units/deps.ts';

/** Rows looked up (and updated) at once. Creates go in batches, one transaction at a time (see `upsertManyByCccd`). */
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

  const outOfTime = () => clock() > deadline;
  const results = new Array<RowResult>(rows.length);
  const firstRowOf = new Map<string, number>();
  const applied: { at: number; row: BulkRow & { input: UpsertInput } }[] = [];
  rows.forEach((row, at) => {
    const base = { index: row.index, cccd: row.cccd };
    if ('error' in row) {
      results[at] = { ...base, outcome: 'failed', error: row.error };
      return;
    }
    const first = firstRowOf.get(row.input.cccd);
    if (first !== undefined) {
      results[at] = { ...base, outcome: 'failed', error: duplicateInRequest(first) };
      return;
    }
    firstRowOf.set(row.input.cccd, row.index);
    applied.push({ at, row });
  });

  // Updates overlap; creates go in batches, one transaction each (see `upsertManyByCccd`).
  const source = 'hệ thống tích hợp';
  const outcomes = await upsertManyByCccd(
    deps,
    caller,
    unitId,
    applied.map(({ row }) => row.input),
    { unitChecked: true, source, concurrency: options.concurrency ?? BULK_UPSERT_CONCURRENCY, stopped: outOfTime },
  );

  for (const [i, { at, row }] of applied.entries()) {
    const base = { index: row.index, cccd: row.cccd };
    let outcome = outcomes[i] as UpsertManyResult;
    // A conflict that outlasted the use case's own retries: the whole row again, while time lasts.
    for (let attempt = 1; 'error' in outcome && outcome.error instanceof TransactionConflictError; attempt++) {
      if (attempt >= ROW_ATTEMPTS || outOfTime()) break;
      try {
        outcome = await upsertMemberByCccd(deps, caller, unitId, row.input, { unitChecked: true, source });
      } catch (error) {
        outcome = { error };
      }
    }
    if (!('error' in outcome)) {
      results[at] = { ...base, outcome: outcome.outcome, memberId: outcome.member.id, version: outcome.member.version };
      continue;
    }
    const { error } = outcome;
    if (error instanceof NotStarted) {
      results[at] = { ...base, outcome: 'failed', error: notProcessed() };
      continue;
    }
    const known = rowError(error);
    if (!known) options.onUnexpected?.(row.index, error);
    results[at] = { ...base, outcome: 'failed', error: known ?? unexpected() };
  }

  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const r of results) counts[r.outcome]++;
  return { results, counts };
}
