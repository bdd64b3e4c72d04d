import type { Books, LocalizedText, Unit } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import { assertInScope } from '@congdoan/org-directory';
import type { BooksToClose, ClosingCaller, ClosingDeps } from './ports.ts';

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };

/**
 * Whether the unit's books are open or closed, with the closing (date, amounts,
 * both postings) once closed; two GetItems and the closing record. Works for a
 * dissolved unit like any other: its history stays readable.
 */
export async function getBooks(deps: ClosingDeps, caller: ClosingCaller, unitId: string): Promise<Books> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const [state, closing, toClose, profile] = await Promise.all([
    deps.ledger.booksState(unitId),
    deps.closings.get(unitId),
    deps.closings.isToClose(unitId),
    deps.profiles.get(unitId),
  ]);
  return {
    unitId,
    state: state.closed ? 'closed' : 'open',
    closedAt: state.closedAt,
    toClose: !state.closed && (toClose || profile?.status === 'dissolved'),
    closing: closing ?? null,
  };
}

/** The dissolved units below an upper level whose books are still open; one Query. */
export async function listBooksToClose(
  deps: ClosingDeps,
  caller: ClosingCaller,
  upperId: string,
): Promise<{ items: BooksToClose[] }> {
  await assertInScope(deps.directory, caller, upperId, UNIT);
  return { items: await deps.closings.listToClose(upperId) };
}

/**
 * Membership dissolved a unit: record that its books are to close, for its upper
 * level's list. Money is never posted without a person: closing is a request.
 * Idempotent: a duplicate event, or one arriving after the closing, changes nothing.
 */
export async function recordDissolution(
  deps: Pick<ClosingDeps, 'closings'>,
  unit: Unit,
  ctx: WriteContext,
): Promise<boolean> {
  if (unit.status !== 'dissolved' || !unit.parentId) return false;
  return deps.closings.markToClose(
    {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      parentId: unit.parentId,
      dissolvedAt: unit.dissolution?.effectiveDate ?? unit.updatedAt,
    },
    ctx,
  );
}
