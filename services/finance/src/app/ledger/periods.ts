import {
  AccountingPeriodLocked,
  AccountingPeriodReopened,
  dayInVietnam,
  type LocalizedText,
  type Month,
  monthsBetween,
  type PeriodsView,
} from '@congdoan/contracts';
import { event, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { assertInScope } from '@congdoan/org-directory';
import { isLocked, type LockChange, planLock, planReopen } from '../../domain/ledger/books.ts';
import type { Caller, LedgerDeps, LockChangeRecord } from './ports.ts';

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };

/**
 * A unit's accounting periods (khóa sổ, docs/finance-ledger.md): the books are
 * locked through a month, and no posting, collection or reversal is dated in a
 * locked month. The ledger's posting transaction holds that; these use cases
 * move the lock, each change audited, logged and announced.
 */

/** The months of a year, locked or open, and the year's locks and reopenings. */
export async function listPeriods(
  deps: LedgerDeps,
  caller: Caller,
  unitId: string,
  year: number,
): Promise<PeriodsView> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  return periodsView(deps, unitId, year);
}

async function periodsView(deps: LedgerDeps, unitId: string, year: number): Promise<PeriodsView> {
  const [books, history] = await Promise.all([deps.ledger.booksState(unitId), deps.ledger.periodLog(unitId, year)]);
  return {
    unitId,
    year,
    lockedThrough: books.lockedThrough,
    books,
    months: monthsBetween(`${year}-01`, `${year}-12`).map((month) => ({
      month,
      state: isLocked(month, books.lockedThrough) ? ('locked' as const) : ('open' as const),
    })),
    history: history.map(({ unitId: _unit, ...change }) => change),
  };
}

/**
 * Locks the unit's books through `month` (an ended month), and so every month
 * before it. Roles: the unit's accountants (the route). 422
 * `period-not-ended`, 409 `period-already-locked`, 409 `books-closed`.
 */
export async function lockPeriod(
  deps: LedgerDeps,
  caller: Caller & { write: WriteContext },
  unitId: string,
  month: Month,
  body: { note?: string },
): Promise<PeriodsView> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const ctx = caller.write;
  await retryOnConflict(async () => {
    const books = await deps.ledger.booksState(unitId);
    const change = planLock(unitId, books, month, dayInVietnam(ctx.now()));
    await deps.ledger.changeLock(record(unitId, month, 'lock', change, body.note ?? null, null, ctx), ctx, [
      event(AccountingPeriodLocked, {
        unitId,
        month,
        lockedThrough: month,
        previousLockedThrough: change.previousLockedThrough,
      }),
    ]);
  });
  return periodsView(deps, unitId, Number(month.slice(0, 4)));
}

/**
 * Reopens `month` (and every later month) of a unit's books, with a reason:
 * an admin's act (the route), audited, announced by `AccountingPeriodReopened`.
 * The reason stays in the audit and the periods' history, not in the event.
 * 409 `period-not-locked`, 409 `books-closed`.
 */
export async function reopenPeriod(
  deps: LedgerDeps,
  caller: Caller & { write: WriteContext },
  unitId: string,
  month: Month,
  body: { reason: string },
): Promise<PeriodsView> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const ctx = caller.write;
  await retryOnConflict(async () => {
    const books = await deps.ledger.booksState(unitId);
    const change = planReopen(unitId, books, month);
    await deps.ledger.changeLock(record(unitId, month, 'reopen', change, null, body.reason, ctx), ctx, [
      event(AccountingPeriodReopened, {
        unitId,
        month,
        lockedThrough: change.lockedThrough,
        previousLockedThrough: change.previousLockedThrough,
      }),
    ]);
  });
  return periodsView(deps, unitId, Number(month.slice(0, 4)));
}

function record(
  unitId: string,
  month: Month,
  action: LockChangeRecord['action'],
  change: LockChange,
  note: string | null,
  reason: string | null,
  ctx: WriteContext,
): LockChangeRecord {
  return { unitId, month, action, ...change, note, reason, at: ctx.now().toISOString(), by: ctx.actor.id };
}
