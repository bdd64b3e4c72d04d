import {
  BankLineMatched,
  type BankLineView,
  type BankStatementView,
  conflict,
  dayInVietnam,
  type LevyPaymentView,
  type LocalizedText,
  notFound,
  unprocessable,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { bankPaymentId } from '../../domain/bank/ids.ts';
import { REASON_TEXT } from '../../domain/bank/matching.ts';
import type { MonthAmount } from '../../domain/levy/types.ts';
import type { PageKey } from '../ledger/ports.ts';
import { grassrootsUnit } from '../levy/access.ts';
import { preparePayment } from '../levy/payments.ts';
import type { LevyCaller } from '../levy/ports.ts';
import { accountUnit } from './access.ts';
import { type BankDeps, BankLineRecordedError } from './ports.ts';

const LINE: LocalizedText = { vi: 'giao dịch sao kê', en: 'statement line' };
const STATEMENT: LocalizedText = { vi: 'sao kê', en: 'bank statement' };
const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const alreadyMatched = (line: BankLineView) =>
  conflict('bank-line-already-matched', {
    vi: `Giao dịch "${line.reference}" đã được ghi nhận là khoản nộp ${line.paymentId ?? ''}; không thể ghi lần nữa.`,
    en: `Line "${line.reference}" has already been recorded as payment ${line.paymentId ?? ''}; it cannot be recorded again.`,
  });

async function lineOf(deps: BankDeps, caller: { unitId: string | null }, unitId: string, lineId: string) {
  await accountUnit(deps, caller, unitId);
  const line = await deps.bank.getLine(lineId);
  if (!line || line.unitId !== unitId) throw notFound(LINE, lineId);
  return line;
}

/**
 * A person assigns a credit under review to a CĐCS and months: it becomes a
 * levy payment exactly as a matched line does, in one transaction with the
 * line's new status. The line is rewritten only at the version read and while
 * not matched, and its payment id is the line's, so two confirmations at once
 * give one payment; the other gets 409.
 */
export async function confirmBankLine(
  deps: BankDeps,
  caller: LevyCaller,
  unitId: string,
  lineId: string,
  input: { unitId: string; months: { month: string; amount: number }[]; note?: string },
): Promise<{ line: BankLineView; payment: LevyPaymentView }> {
  const first = await lineOf(deps, caller, unitId, lineId);
  if (first.credit <= 0) {
    throw unprocessable('bank-line-not-credit', {
      vi: `Giao dịch "${first.reference}" là tiền ra (ghi nợ), không phải khoản nộp kinh phí.`,
      en: `Line "${first.reference}" is money out (a debit), not a levy payment.`,
    });
  }
  const cdcs = await grassrootsUnit(deps, caller, input.unitId);
  if (cdcs.parentId !== unitId) {
    throw unprocessable('bank-line-not-under-this-unit', {
      vi: `Công đoàn cơ sở "${cdcs.name}" không trực thuộc đơn vị chủ tài khoản: kinh phí của nó nộp về cấp trên khác.`,
      en: `Grassroots union "${cdcs.name}" is not directly under the account's unit: its levy goes to another upper level.`,
    });
  }
  const total = input.months.reduce((s, m) => s + m.amount, 0);
  if (total !== first.credit) {
    throw unprocessable('bank-line-amount-mismatch', {
      vi: `Tổng các tháng (${fmt(total)} đ) phải bằng số tiền của giao dịch (${fmt(first.credit)} đ).`,
      en: `The months must add up to the line's credit (${fmt(first.credit)} đồng), not ${fmt(total)} đồng.`,
    });
  }
  const policy = await deps.loadPolicy();
  const today = dayInVietnam(caller.write.now());
  const months = input.months as MonthAmount[];

  try {
    return await deps.ledger.retry(async () => {
      const line = await deps.bank.getLine(lineId);
      if (!line) throw notFound(LINE, lineId);
      if (line.status === 'matched') throw alreadyMatched(line);
      const prepared = await preparePayment(
        deps,
        {
          paymentId: bankPaymentId(lineId),
          cdcs,
          upperUnitId: unitId,
          request: {
            date: line.date,
            amount: line.credit,
            months,
            reference: line.reference,
            note: input.note ?? null,
          },
          source: { kind: 'bank', lineId, statementId: line.statementId },
          policy,
          today,
        },
        caller.write,
      );
      const matched: BankLineView = {
        ...line,
        status: 'matched',
        reason: null,
        matchedUnitId: cdcs.unitId,
        paymentId: prepared.payment.id,
        months: months.map(({ month, amount }) => ({ month, amount })),
        note: input.note ?? line.note,
        version: line.version + 1,
        updatedAt: caller.write.now().toISOString(),
        updatedBy: caller.write.actor.id,
      };
      await deps.bank.decideLine(
        line,
        matched,
        {
          action: 'confirm',
          counters: { matched: 1, matchedAmount: line.credit, [line.status]: -1 },
          payment: {
            change: prepared,
            events: [
              ...prepared.events,
              event(BankLineMatched, {
                lineId,
                accountUnitId: unitId,
                reference: line.reference,
                unitId: cdcs.unitId,
                paymentId: prepared.payment.id,
                amount: line.credit,
                months: matched.months,
                by: 'person',
              }),
            ],
          },
        },
        caller.write,
      );
      return { line: matched, payment: prepared.payment };
    });
  } catch (error) {
    if (error instanceof BankLineRecordedError) throw alreadyMatched(first);
    throw error;
  }
}

/** A person sets a line aside with a reason (a refund, another kind of income). A matched line cannot be (409). */
export async function ignoreBankLine(
  deps: BankDeps,
  caller: LevyCaller,
  unitId: string,
  lineId: string,
  input: { reason: string },
): Promise<BankLineView> {
  await lineOf(deps, caller, unitId, lineId);
  return deps.ledger.retry(async () => {
    const line = await deps.bank.getLine(lineId);
    if (!line) throw notFound(LINE, lineId);
    if (line.status === 'matched') throw alreadyMatched(line);
    if (line.status === 'ignored' && line.note === input.reason) return line;
    const ignored: BankLineView = {
      ...line,
      status: 'ignored',
      reason:
        line.reason?.code === 'debit'
          ? line.reason
          : { code: 'ignored-by-person', ...REASON_TEXT['ignored-by-person'] },
      note: input.reason,
      version: line.version + 1,
      updatedAt: caller.write.now().toISOString(),
      updatedBy: caller.write.actor.id,
    };
    await deps.bank.decideLine(
      line,
      ignored,
      { action: 'ignore', ...(line.status === 'ignored' ? {} : { counters: { ignored: 1, review: -1 } }) },
      caller.write,
    );
    return ignored;
  });
}

export async function listBankLines(
  deps: BankDeps,
  caller: { unitId: string | null },
  unitId: string,
  query: { status: string; limit: number; startKey?: PageKey },
) {
  await accountUnit(deps, caller, unitId);
  return deps.bank.listLines(unitId, query.status, query.limit, query.startKey);
}

export async function getBankLine(deps: BankDeps, caller: { unitId: string | null }, unitId: string, lineId: string) {
  return lineOf(deps, caller, unitId, lineId);
}

export async function getBankStatement(
  deps: BankDeps,
  caller: { unitId: string | null },
  unitId: string,
  statementId: string,
): Promise<BankStatementView & { lines: BankLineView[] }> {
  await accountUnit(deps, caller, unitId);
  const statement = await deps.bank.getStatement(statementId);
  if (!statement || statement.unitId !== unitId) throw notFound(STATEMENT, statementId);
  return { ...statement, lines: await deps.bank.statementLines(statementId) };
}

export async function listBankStatements(
  deps: BankDeps,
  caller: { unitId: string | null },
  unitId: string,
  query: { limit: number; startKey?: PageKey },
) {
  await accountUnit(deps, caller, unitId);
  return deps.bank.listStatements(unitId, query.limit, query.startKey);
}
