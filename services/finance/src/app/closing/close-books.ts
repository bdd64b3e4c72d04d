import {
  type BooksClosing,
  type CloseBooksInput,
  conflict,
  DomainError,
  dayInVietnam,
  type LocalizedText,
  notFound,
  unprocessable,
} from '@congdoan/contracts';
import { TransactionConflictError, type WriteContext } from '@congdoan/ddb';
import { assertInScope, isInScope } from '@congdoan/org-directory';
import { planClosing } from '../../domain/closing/settlement.ts';
import { MONEY_ACCOUNTS } from '../../domain/ledger/chart.ts';
import type { Posting, PostingInput, PostingLine } from '../../domain/ledger/types.ts';
import type { PreparedPosting } from '../ledger/ports.ts';
import { BooksClosedMeanwhileError, type ClosingCaller, type ClosingDeps } from './ports.ts';

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };
/** Reruns of the read-plan-commit when a posting got in between; each rerun reads everything again. */
const ATTEMPTS = 20;

/** The posting ids of a unit's closing: one per unit, so the closing cannot be posted twice. */
export const closingPostingId = (unitId: string) => `books-closing-${unitId}`;
export const settlementPostingId = (unitId: string) => `books-settlement-${unitId}`;

const MAX_MEMO = 500;
const memo = (text: string) => (text.length > MAX_MEMO ? `${text.slice(0, MAX_MEMO - 1)}…` : text);

/**
 * Closes the books of a dissolved unit and settles every balance to its upper
 * level (docs/finance-reports.md), in ONE transaction:
 *
 * - at the unit, one posting (phiếu chi when money leaves): income and spending
 *   closed into 421, every other balance but the money moved to 3363, and the
 *   money paid up against 3363; its transaction closes the books;
 * - at the upper level, one posting (phiếu thu when money arrives): Dr 112 by
 *   the money, Dr 3362 by the unit's levy share it received and never allocated
 *   back (kept now), Cr 5114 by the dues share still owed, 5116 by the rest;
 * - the closing record, the "to close" mark removed, the audit.
 *
 * Every balance of the unit is guarded in the same transaction, so a posting
 * that lands between the read and the commit makes the commit fail and the
 * whole closing is computed again. Refused: 404 outside the caller's subtree,
 * 409 `unit-not-dissolved`, 403 unless the caller's subtree holds the upper
 * level, 409 `books-already-closed` the second time.
 */
export async function closeBooks(
  deps: ClosingDeps,
  caller: ClosingCaller,
  unitId: string,
  input: CloseBooksInput,
  ctx: WriteContext,
): Promise<BooksClosing> {
  await assertInScope(deps.directory, caller, unitId, UNIT);
  const profile = await deps.profiles.get(unitId);
  if (!profile) throw notFound(UNIT, unitId);
  if (profile.status !== 'dissolved') {
    throw conflict('unit-not-dissolved', {
      vi: `Đơn vị "${profile.name}" chưa giải thể (trạng thái: ${profile.status}); chỉ khóa sổ, quyết toán đơn vị đã giải thể.`,
      en: `Unit "${profile.name}" is not dissolved (status: ${profile.status}); only a dissolved unit's books are closed and settled.`,
    });
  }
  const upperId = profile.parentId;
  if (!upperId) {
    throw unprocessable('no-upper-level', {
      vi: `Đơn vị "${profile.name}" không có công đoàn cấp trên để nhận quyết toán.`,
      en: `Unit "${profile.name}" has no upper level to settle its balances to.`,
    });
  }
  if (!(await isInScope(deps.directory, caller.unitId, upperId))) {
    throw new DomainError(
      'forbidden',
      'close-books-upper-level-only',
      { vi: 'Không đủ quyền', en: 'Forbidden' },
      {
        vi: 'Chỉ cán bộ của công đoàn cấp trên (quản trị hoặc kế toán) mới được khóa sổ, quyết toán đơn vị giải thể.',
        en: 'Only the upper level’s staff (an administrator or its accountant) may close and settle a dissolved unit’s books.',
      },
    );
  }
  const today = dayInVietnam(ctx.now());
  if (input.date > today) {
    throw unprocessable('closing-date-in-future', {
      vi: `Ngày khóa sổ (${input.date}) không được sau hôm nay (${today}).`,
      en: `The closing date (${input.date}) may not be after today (${today}).`,
    });
  }
  const upper = await deps.profiles.get(upperId);
  const upperName = upper?.name ?? upperId;

  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptClose(deps, { unitId, unitName: profile.name, upperId, upperName }, input, ctx);
    } catch (error) {
      if (error instanceof BooksClosedMeanwhileError) {
        throw error.whose === 'upper' ? upperBooksClosed(upperName) : alreadyClosed(profile.name);
      }
      // A posting landed between the read and the commit: compute the closing again.
      if (!(error instanceof TransactionConflictError) || attempt >= ATTEMPTS) throw error;
      const ceiling = Math.min(400, 8 * 2 ** Math.min(attempt, 8));
      await new Promise((r) => setTimeout(r, ceiling / 2 + Math.random() * (ceiling / 2)));
    }
  }
}

interface Parties {
  unitId: string;
  unitName: string;
  upperId: string;
  upperName: string;
}

async function attemptClose(
  deps: ClosingDeps,
  parties: Parties,
  input: CloseBooksInput,
  ctx: WriteContext,
): Promise<BooksClosing> {
  const { unitId, upperId } = parties;
  const [books, figures, last, levyUnallocated] = await Promise.all([
    deps.ledger.booksState(unitId),
    deps.ledger.balances(unitId),
    deps.ledger.listPostings(unitId, { order: 'desc', limit: 1 }),
    deps.levyUnallocated(unitId, input.date),
  ]);
  if (books.closed) throw alreadyClosed(parties.unitName);
  const lastDate = last.items[0]?.date;
  if (lastDate && input.date < lastDate) {
    throw unprocessable('closing-before-last-posting', {
      vi: `Ngày khóa sổ (${input.date}) không được trước bút toán cuối cùng của đơn vị (${lastDate}).`,
      en: `The closing date (${input.date}) may not be before the unit's last posting (${lastDate}).`,
    });
  }

  const balances = Object.fromEntries(figures.map((f) => [f.account, f.balance]));
  const plan = planClosing(balances, { levyUnallocated });
  const closedAt = ctx.now().toISOString();
  const note = input.note ?? null;
  const suffix = note ? ` — ${note}` : '';
  const source = { service: 'finance' as const, kind: 'books-closing', id: unitId };

  const unitLines = [...plan.close, ...plan.transfer, ...plan.pay];
  // Books with nothing left get only the close itself.
  let unitPosting: PreparedPosting | null = null;
  if (unitLines.length > 0) {
    unitPosting = await stalePlanAsConflict(
      deps.ledger.prepare(
        {
          id: closingPostingId(unitId),
          unitId,
          date: input.date,
          memo: memo(
            `Khóa sổ khi giải thể: kết chuyển thu chi, quyết toán số dư và nộp lên ${parties.upperName}${suffix}`,
          ),
          lines: unitLines,
          ...(paysOut(unitLines) ? { voucher: 'payment' as const } : {}),
          source,
        } satisfies PostingInput,
        ctx,
        { closeBooksAt: closedAt },
      ),
    );
  }

  let upperPosting: PreparedPosting | null = null;
  if (plan.receive.length > 0) {
    upperPosting = await deps.ledger.prepare(
      {
        id: settlementPostingId(unitId),
        unitId: upperId,
        date: input.date,
        memo: memo(`Nhận quyết toán của đơn vị giải thể ${parties.unitName}${suffix}`),
        lines: plan.receive,
        ...(receivesIn(plan.receive) ? { voucher: 'receipt' as const } : {}),
        source,
      } satisfies PostingInput,
      ctx,
    );
  }

  const record: BooksClosing = {
    unitId,
    upperUnitId: upperId,
    date: input.date,
    note,
    closedAt,
    closedBy: ctx.actor.id,
    amounts: plan.amounts,
    postings: { unit: view(unitPosting?.posting ?? null), upper: view(upperPosting?.posting ?? null) },
  };
  await deps.closings.close({ record, unitPosting, upperPosting, balancesRead: figures }, ctx);
  return record;
}

/**
 * The plan pays out exactly the money the unit held when it was read, so the
 * ledger finding less now means a posting got in between: plan again.
 */
async function stalePlanAsConflict(prepared: Promise<PreparedPosting>): Promise<PreparedPosting> {
  try {
    return await prepared;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'money-balance-negative')
      throw new TransactionConflictError(error);
    throw error;
  }
}

const paysOut = (lines: readonly PostingLine[]) =>
  lines.some((l) => MONEY_ACCOUNTS.includes(l.account) && l.credit > 0);
const receivesIn = (lines: readonly PostingLine[]) =>
  lines.some((l) => MONEY_ACCOUNTS.includes(l.account) && l.debit > 0);

function view(p: Posting | null): BooksClosing['postings']['unit'] {
  if (!p) return null;
  return { id: p.id, unitId: p.unitId, date: p.date, memo: p.memo, voucherNumber: p.voucherNumber, lines: p.lines };
}

const alreadyClosed = (name: string) =>
  conflict('books-already-closed', {
    vi: `Sổ sách của đơn vị "${name}" đã được khóa và quyết toán.`,
    en: `The books of unit "${name}" are already closed and settled.`,
  });

const upperBooksClosed = (name: string) =>
  conflict('upper-books-closed', {
    vi: `Sổ sách của công đoàn cấp trên "${name}" đã khóa: không thể nhận quyết toán.`,
    en: `The books of the upper level "${name}" are closed: it cannot receive the settlement.`,
  });
