import { createHash } from 'node:crypto';
import {
  BankLineMatched,
  type BankLineView,
  BankStatementImportRequested,
  type BankStatementInput,
  type BankStatementView,
  conflict,
  DomainError,
  dayInVietnam,
  type FieldError,
  type FinanceUnitProfile,
  type Month,
  unprocessable,
} from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import { bankConflictLineId, bankLineId, bankPaymentId } from '../../domain/bank/ids.ts';
import {
  fitAmount,
  type IgnoreReason,
  identifyPayer,
  lineDifferences,
  REASON_TEXT,
  type ReviewReason,
  type TaxIdHolder,
} from '../../domain/bank/matching.ts';
import { type ParsedMemo, parseMemo } from '../../domain/bank/memo.ts';
import {
  decodeStatement,
  parseStatement,
  type StatementError,
  type StatementLine,
} from '../../domain/bank/statement.ts';
import { outstandingOf } from '../../domain/levy/month.ts';
import { emptyLevyMonth, type MonthAmount } from '../../domain/levy/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { preparePayment } from '../levy/payments.ts';
import type { LevyCaller, LevyPaymentChange, MonthGuard } from '../levy/ports.ts';
import { accountUnit } from './access.ts';
import { type BankDeps, BankLineRecordedError, type LineProgress, StatementOvertakenError } from './ports.ts';

/** The account a statement is of when the request names none. */
export const DEFAULT_ACCOUNT = 'default';

/**
 * A statement that cannot be read: every problem by row and column. Nothing
 * was written. `fieldErrors` are in Vietnamese; `localized(lang)` gives them in
 * the caller's language.
 */
export class StatementInvalidError extends DomainError {
  constructor(readonly rows: readonly StatementError[]) {
    super(
      'unprocessable',
      'bank-statement-invalid',
      { vi: 'Sao kê không hợp lệ', en: 'Invalid bank statement' },
      {
        vi: `Sao kê có ${rows.length} lỗi (xem danh sách theo dòng và cột); chưa ghi giao dịch nào. Sửa tệp rồi nhập lại.`,
        en: `The statement has ${rows.length} error(s) (listed by row and column); nothing was recorded. Fix the file and import it again.`,
      },
      { fieldErrors: toFieldErrors(rows, 'vi') },
    );
  }

  localized(lang: 'vi' | 'en'): DomainError {
    return new DomainError(this.kind, this.code, this.title, this.detail, {
      fieldErrors: toFieldErrors(this.rows, lang),
    });
  }
}

function toFieldErrors(rows: readonly StatementError[], lang: 'vi' | 'en'): FieldError[] {
  return rows.map((e) => ({
    location: 'body',
    field: `content[${e.row}]${e.column ? `[${e.column}]` : ''}`,
    message: `${lang === 'vi' ? 'Dòng' : 'Row'} ${e.row}${e.column ? `, ${lang === 'vi' ? 'cột' : 'column'} "${e.column}"` : ''}: ${e.message[lang]}`,
  }));
}

type Outcome = 'matched' | 'review' | 'ignored' | 'duplicate' | 'conflict';

interface ImportContext {
  deps: BankDeps;
  ctx: WriteContext;
  unitId: string;
  account: string;
  statementId: string;
  total: number;
  policy: Policy;
  today: string;
  holders: Map<string, Promise<TaxIdHolder[]>>;
  profiles: Map<string, Promise<FinanceUnitProfile | undefined>>;
}

/** How long a request records lines itself before leaving the rest to the background (the HTTP function has 10 s). */
export const INLINE_BUDGET_MS = 5_000;
/** How long one background slice runs before queuing the next (its function has 30 s). */
export const BACKGROUND_BUDGET_MS = 20_000;

/** What the memo was read as, for the line's record. */
const memoFacts = (memo: ParsedMemo) => ({
  taxIds: memo.taxIds,
  months: memo.months,
  mentionsLevy: memo.mentionsLevy,
});

const reasonOf = (code: ReviewReason | IgnoreReason) => ({ code, ...REASON_TEXT[code] });

export function newLineView(
  line: StatementLine,
  args: { id: string; unitId: string; account: string; statementId: string; memo: ParsedMemo; ctx: WriteContext },
): BankLineView {
  return {
    id: args.id,
    unitId: args.unitId,
    account: args.account,
    reference: line.reference,
    date: line.date,
    description: line.description,
    credit: line.credit,
    debit: line.debit,
    balance: line.balance,
    counterAccount: line.counterAccount,
    counterName: line.counterName,
    statementId: args.statementId,
    row: line.row,
    status: 'review',
    reason: null,
    memo: memoFacts(args.memo),
    matchedUnitId: null,
    conflictsWith: null,
    paymentId: null,
    months: [],
    note: null,
    version: 1,
    updatedAt: args.ctx.now().toISOString(),
    updatedBy: args.ctx.actor.id,
  };
}

/** Why the ledger's refusal of a matched credit's receipt sends the line to a person. */
function unpostableReason(error: DomainError): ReviewReason {
  if (error.code === 'period-locked') return 'period-locked';
  if (error.code.startsWith('policy-') || error.code === 'no-rule') return 'no-rule';
  return 'not-postable';
}

/**
 * Records line `index` of the statement in its own transaction, which also
 * moves the import past it: a debit is ignored, a credit matched by its memo
 * becomes a levy payment with its receipt, anything else waits for review. A
 * line whose account and reference are already known with the same content is
 * a duplicate and changes nothing but the import's progress; with another
 * amount, date or memo it is a conflict, recorded as a line of its own that
 * waits for review beside the known one, and listed in the import.
 */
async function recordLine(c: ImportContext, index: number, line: StatementLine): Promise<Outcome> {
  const { deps, ctx } = c;
  const referenceId = bankLineId(c.unitId, c.account, line.reference);
  const progress = (delta: LineProgress['delta'], conflict?: LineProgress['conflict']): LineProgress => ({
    statementId: c.statementId,
    index,
    total: c.total,
    delta,
    ...(conflict ? { conflict } : {}),
  });
  let lineId = referenceId;
  const duplicate = async (): Promise<Outcome> => {
    await deps.bank.recordKnownLine(
      progress({ duplicates: 1 }),
      { row: line.row, reference: line.reference, lineId },
      ctx,
    );
    return 'duplicate';
  };
  const known = await deps.bank.getLine(referenceId);
  let conflict: LineProgress['conflict'];
  if (known) {
    const differences = lineDifferences(known, line);
    if (differences.length === 0) return duplicate();
    lineId = bankConflictLineId(referenceId, line);
    if (await deps.bank.getLine(lineId)) return duplicate();
    conflict = { row: line.row, reference: line.reference, lineId, knownLineId: referenceId, differences };
  }
  const memo = parseMemo(line.description);
  const base = newLineView(line, {
    id: lineId,
    unitId: c.unitId,
    account: c.account,
    statementId: c.statementId,
    memo,
    ctx,
  });

  if (conflict) {
    // Never matched by itself: a person decides which of the two the bank meant.
    const held: BankLineView = {
      ...base,
      status: 'review',
      reason: reasonOf('reference-conflict'),
      conflictsWith: conflict.knownLineId,
    };
    try {
      await deps.bank.recordLine(held, progress({ new: 1, review: 1, conflicts: 1 }, conflict), ctx);
    } catch (error) {
      if (error instanceof BankLineRecordedError) return duplicate();
      throw error;
    }
    return 'conflict';
  }

  const attempt = async (): Promise<Outcome> => {
    const taxId = memo.taxIds.length === 1 ? memo.taxIds[0]! : null;
    let holders: TaxIdHolder[] = [];
    if (taxId) {
      if (!c.holders.has(taxId)) c.holders.set(taxId, deps.bank.taxIdHolders(taxId));
      holders = await c.holders.get(taxId)!;
    }
    const identified = identifyPayer(line, memo, holders, c.unitId);
    let months: MonthAmount[] | null = null;
    let guards: Map<Month, MonthGuard> | undefined;
    let reason: ReviewReason | IgnoreReason | null = null;
    let matchedUnitId: string | null = null;
    if (identified.kind === 'ignored') reason = identified.reason;
    else if (identified.kind === 'review') {
      reason = identified.reason;
      matchedUnitId = identified.unitId;
    } else {
      matchedUnitId = identified.unitId;
      const wanted = identified.months;
      const stored = await deps.levy.getMonths(identified.unitId, wanted[0]!, wanted[wanted.length - 1]!);
      const byMonth = new Map(stored.map((s) => [s.month, s]));
      const state = (m: Month) => byMonth.get(m) ?? emptyLevyMonth(identified.unitId, m);
      try {
        const fit = fitAmount(line.credit, wanted, new Map(wanted.map((m) => [m, outstandingOf(state(m), c.policy)])));
        if (fit.kind === 'fit') months = fit.months;
        else reason = fit.reason;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        reason = 'no-rule';
      }
      // The months were fitted to what each still owed: a payment in between must send the line back here.
      if (months) guards = new Map(months.map((m) => [m.month, { paid: state(m.month).paid }]));
    }

    if (months && matchedUnitId) {
      if (!c.profiles.has(matchedUnitId)) c.profiles.set(matchedUnitId, deps.profiles.get(matchedUnitId));
      const cdcs = (await c.profiles.get(matchedUnitId))!;
      let prepared: LevyPaymentChange | null = null;
      try {
        prepared = await preparePayment(
          deps,
          {
            paymentId: bankPaymentId(lineId),
            cdcs,
            upperUnitId: c.unitId,
            request: { date: line.date, amount: line.credit, months, reference: line.reference, note: null },
            source: { kind: 'bank', lineId, statementId: c.statementId },
            policy: c.policy,
            today: c.today,
            guards,
          },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'unprocessable') throw error;
        reason = unpostableReason(error);
      }
      if (prepared) {
        const matched: BankLineView = {
          ...base,
          status: 'matched',
          matchedUnitId,
          paymentId: prepared.payment.id,
          months,
        };
        await deps.bank.recordLine(matched, progress({ new: 1, matched: 1, matchedAmount: line.credit }), ctx, {
          change: prepared,
          events: [
            ...prepared.events,
            event(BankLineMatched, {
              lineId,
              accountUnitId: c.unitId,
              reference: line.reference,
              unitId: matchedUnitId,
              paymentId: prepared.payment.id,
              amount: line.credit,
              months,
              by: 'memo',
            }),
          ],
        });
        return 'matched';
      }
    }

    const status = identified.kind === 'ignored' ? 'ignored' : 'review';
    const recorded: BankLineView = { ...base, status, reason: reasonOf(reason!), matchedUnitId };
    await deps.bank.recordLine(recorded, progress({ new: 1, [status]: 1 }), ctx);
    return status;
  };

  try {
    return await deps.ledger.retry(attempt);
  } catch (error) {
    if (error instanceof BankLineRecordedError) return duplicate();
    throw error;
  }
}

/**
 * Records the import's lines from where it stands, in file order, one after the
 * other (so the receipts are numbered in the order the bank credited them),
 * until done or `deadline` (epoch ms) has passed; then, with lines left, queues
 * its own continuation. Any number of deliveries of the continuation may run:
 * each line's transaction moves the import on only from the line it read, so a
 * worker overtaken by another stops and no line is handled twice.
 */
export async function continueStatement(
  deps: BankDeps,
  statementId: string,
  ctx: WriteContext,
  deadline: number,
  clock: () => number = Date.now,
): Promise<'complete' | 'paused' | 'overtaken'> {
  const statement = await deps.bank.getStatement(statementId);
  if (!statement || statement.status === 'complete') return 'complete';
  const [lines, policy] = await Promise.all([deps.bank.statementFileLines(statementId), deps.loadPolicy()]);
  const c: ImportContext = {
    deps,
    ctx,
    unitId: statement.unitId,
    account: statement.account,
    statementId,
    total: lines.length,
    policy,
    today: dayInVietnam(ctx.now()),
    holders: new Map(),
    profiles: new Map(),
  };
  let index = statement.processed;
  try {
    for (; index < lines.length; index++) {
      if (clock() >= deadline) break;
      await recordLine(c, index, lines[index]!);
    }
  } catch (error) {
    if (error instanceof StatementOvertakenError) return 'overtaken';
    throw error;
  }
  if (index >= lines.length) return 'complete';
  // False when another worker moved it on meanwhile; that one queues what is left.
  await deps.bank.queueContinuation(statementId, index, ctx, [
    event(BankStatementImportRequested, { statementId, unitId: statement.unitId, processed: index }),
  ]);
  return 'paused';
}

/**
 * Imports a statement of the upper level's account: reads the CSV (every
 * problem by row and column, nothing written when the file is invalid), keeps
 * its lines with the import, then records them in file order — in the request
 * for up to `budgetMs`, the rest in the background (status `importing` until
 * then). Lines already known (same account and bank reference) are counted as
 * duplicates and change nothing, so importing the same file twice, or
 * overlapping statements, never pays twice.
 */
const booksClosedForImport = (unitId: string, closedAt: string | null) =>
  conflict('books-closed', {
    vi: `Sổ sách của đơn vị "${unitId}" đã khóa${closedAt ? ` từ ${closedAt.slice(0, 10)}` : ''}: không thể nhập sao kê vào tài khoản của đơn vị này.`,
    en: `The books of unit "${unitId}" are closed${closedAt ? ` since ${closedAt.slice(0, 10)}` : ''}: no statement can be imported into its account.`,
  });

export async function importStatement(
  deps: BankDeps,
  caller: LevyCaller,
  unitId: string,
  input: BankStatementInput,
  options: { budgetMs?: number; clock?: () => number } = {},
): Promise<BankStatementView> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  await accountUnit(deps, caller, unitId);
  // A matched credit posts a receipt in this unit's books: refuse the whole file up
  // front rather than failing it line by line (and, in the background, forever).
  const books = await deps.ledger.booksState(unitId);
  if (books.closed) throw booksClosedForImport(unitId, books.closedAt);
  const text = decodeStatement(input.content, input.encoding ?? 'text');
  if (text === null) {
    throw unprocessable('bank-statement-encoding', {
      vi: 'Tệp sao kê không phải văn bản UTF-8 (hoặc base64 của nó). Hãy xuất sao kê dạng CSV UTF-8.',
      en: 'The statement is not UTF-8 text (or its base64). Export the statement as UTF-8 CSV.',
    });
  }
  const parsed = parseStatement(text);
  if (!parsed.ok) throw new StatementInvalidError(parsed.errors);
  const today = dayInVietnam(caller.write.now());
  const future = parsed.lines
    .filter((l) => l.date > today)
    .map(
      (l): StatementError => ({
        row: l.row,
        column: 'Ngày giao dịch',
        message: {
          vi: `Ngày ${l.date} ở sau hôm nay (${today}).`,
          en: `The date ${l.date} is after today (${today}).`,
        },
      }),
    );
  if (future.length > 0) throw new StatementInvalidError(future);

  const account = input.accountNumber ?? DEFAULT_ACCOUNT;
  const statement: BankStatementView = {
    id: caller.write.newId(),
    unitId,
    account,
    fileName: input.fileName,
    sha256: createHash('sha256').update(text).digest('hex'),
    importedAt: caller.write.now().toISOString(),
    importedBy: caller.write.actor.id,
    status: 'importing',
    processed: 0,
    summary: {
      lines: parsed.lines.length,
      new: 0,
      duplicates: 0,
      conflicts: 0,
      matched: 0,
      review: 0,
      ignored: 0,
      matchedAmount: 0,
    },
    duplicates: [],
    conflicts: [],
  };
  await deps.bank.saveStatement(statement, parsed.lines, caller.write);
  await continueStatement(deps, statement.id, caller.write, started + (options.budgetMs ?? INLINE_BUDGET_MS), clock);
  // The lines are read with GET: a statement of 2,000 lines would not fit an idempotency record (400 KB).
  return (await deps.bank.getStatement(statement.id))!;
}
