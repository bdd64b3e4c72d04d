import { type BudgetView, type LocalizedText, unprocessable } from '@congdoan/contracts';
import { assertVersion, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { assertInScope } from '@congdoan/org-directory';
import { type Budget, budgetWithActuals, fullAmounts } from '../../domain/ledger/budget.ts';
import type { BudgetCategory } from '../../domain/ledger/chart.ts';
import type { Caller, LedgerDeps } from '../ledger/ports.ts';

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };
/** Without If-Match a whole-budget replacement wins over a concurrent one; this many tries before giving up. */
const ATTEMPTS = 5;

/** The unit's budget for the year beside the year's actuals from the ledger (one Query of the year's movements). */
export async function getBudget(deps: LedgerDeps, caller: Caller, unitId: string, year: number): Promise<BudgetView> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const [budget, movements] = await Promise.all([
    deps.budgets.get(unitId, year),
    deps.ledger.movements(unitId, `${year}-01`, `${year}-12`),
  ]);
  return budgetWithActuals(unitId, year, budget, movements);
}

export interface BudgetInput {
  amounts: Partial<Record<BudgetCategory, number | undefined>>;
  note?: string;
}

/**
 * Replaces the whole budget of a year (a category left out is planned at 0).
 * With If-Match the stored version must be the one given (412 otherwise; a
 * budget not yet set has version 0); without, the latest write wins.
 */
export async function putBudget(
  deps: LedgerDeps,
  caller: Caller & { write: WriteContext },
  unitId: string,
  year: number,
  input: BudgetInput,
  ifMatch: number | undefined,
): Promise<BudgetView> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const amounts = fullAmounts(input.amounts);
  const total = Object.values(amounts).reduce((s, v) => s + v, 0);
  if (!Number.isSafeInteger(total)) {
    throw unprocessable('budget-too-large', {
      vi: 'Tổng dự toán vượt quá giới hạn tính toán chính xác.',
      en: 'The budget’s total exceeds what can be computed exactly.',
    });
  }
  await retryOnConflict(async () => {
    const before = await deps.budgets.get(unitId, year);
    assertVersion(ifMatch, before?.version ?? 0);
    const after: Budget = {
      unitId,
      year,
      amounts,
      note: input.note ?? null,
      version: (before?.version ?? 0) + 1,
      updatedAt: caller.write.now().toISOString(),
      updatedBy: caller.write.actor.id,
    };
    await deps.budgets.save(before, after, caller.write, ifMatch);
  }, ATTEMPTS);
  return getBudget(deps, caller, unitId, year);
}
