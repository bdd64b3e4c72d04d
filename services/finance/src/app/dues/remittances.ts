import { dayInVietnam, type Month, notFound, unprocessable } from '@congdoan/contracts';
import { afterRemittance, assertRemittance } from '../../domain/dues/remittance.ts';
import type { DuesRemittance, PaymentMethod } from '../../domain/dues/types.ts';
import { ACCOUNT } from '../../domain/ledger/chart.ts';
import { displayMonth, onDuesMonth } from './month.ts';
import type { DuesCaller, DuesDeps } from './ports.ts';
import { UNIT_DUES, unitInScope } from './units.ts';

export interface RemitInput {
  month: Month;
  amount: number;
  date: string;
  method: PaymentMethod;
  note?: string;
}

/**
 * The CĐCS pays its upper level (its parent unit) the upper share of a month's
 * dues. ONE transaction holds the remittance, the month's new state (guarded by
 * its version, so the amount can never exceed the upper share collected and not
 * yet remitted, even under concurrency), a payment voucher at the CĐCS
 * (Dr 3361 / Cr 112 or 111) and a receipt voucher at the upper level
 * (Dr 112 or 111 / Cr 5114).
 */
export async function remitDues(
  deps: DuesDeps,
  caller: DuesCaller,
  unitId: string,
  input: RemitInput,
): Promise<DuesRemittance> {
  const profile = await unitInScope(deps, caller, unitId);
  if (!profile.parentId) {
    throw unprocessable('no-upper-level', {
      vi: `Đơn vị ${profile.name} không có công đoàn cấp trên để nộp đoàn phí.`,
      en: `Unit ${profile.name} has no upper level to remit dues to.`,
    });
  }
  const upperUnitId = profile.parentId;
  const upper = await deps.profiles.get(upperUnitId);
  if (!upper) throw notFound(UNIT_DUES, upperUnitId);
  const today = dayInVietnam(caller.write.now());
  const id = caller.write.newId();
  const money = input.method === 'cash' ? ACCOUNT.cash : ACCOUNT.bank;
  const memo =
    `Nộp đoàn phí tháng ${displayMonth(input.month)} lên cấp trên${input.note ? `: ${input.note}` : ''}`.slice(0, 500);

  return onDuesMonth(deps, unitId, input.month, async () => {
    const state = await deps.dues.monthState(unitId, input.month);
    assertRemittance(state, { month: input.month, amount: input.amount, date: input.date, today });
    const unitPostingId = `dues-remittance-${id}`;
    const upperPostingId = `dues-remittance-${id}-upper`;
    const paid = await deps.ledger.prepare(
      {
        id: unitPostingId,
        unitId,
        date: input.date,
        memo,
        lines: [
          { account: ACCOUNT.duesPayableUp, debit: input.amount, credit: 0 },
          { account: money, debit: 0, credit: input.amount },
        ],
        voucher: 'payment',
        source: { service: 'finance', kind: 'dues-remittance', id },
      },
      caller.write,
    );
    const received = await deps.ledger.prepare(
      {
        id: upperPostingId,
        unitId: upperUnitId,
        date: input.date,
        memo: `Nhận đoàn phí tháng ${displayMonth(input.month)} do ${profile.name} nộp lên`.slice(0, 500),
        lines: [
          { account: money, debit: input.amount, credit: 0 },
          { account: ACCOUNT.duesFromLowerIncome, debit: 0, credit: input.amount },
        ],
        voucher: 'receipt',
        source: { service: 'finance', kind: 'dues-remittance', id },
      },
      caller.write,
    );
    const remittance: DuesRemittance = {
      id,
      unitId,
      upperUnitId,
      month: input.month,
      amount: input.amount,
      date: input.date,
      method: input.method,
      note: input.note ?? null,
      postingIds: { unit: unitPostingId, upper: upperPostingId },
      voucherNumbers: { payment: paid.posting.voucherNumber, receipt: received.posting.voucherNumber },
      createdAt: caller.write.now().toISOString(),
      createdBy: caller.write.actor.id,
    };
    await deps.dues.saveRemittance(remittance, afterRemittance(state, input.amount), [paid, received], caller.write);
    return remittance;
  });
}

/** A unit's remittances of dues months in `year`, oldest month first, with their total. */
export async function listRemittances(
  deps: DuesDeps,
  caller: { unitId: string | null },
  unitId: string,
  year: string,
): Promise<{ unitId: string; year: string; items: DuesRemittance[]; total: number }> {
  await unitInScope(deps, caller, unitId);
  const items = await deps.dues.remittances(unitId, year);
  return { unitId, year, items, total: items.reduce((sum, r) => sum + r.amount, 0) };
}
