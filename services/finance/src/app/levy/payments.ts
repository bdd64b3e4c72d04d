import {
  dayInVietnam,
  type FinanceUnitProfile,
  type LevyPaymentInput,
  LevyPaymentRecorded,
  type LevyPaymentView,
  type LocalizedText,
  type Month,
  notFound,
} from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import { isInScope } from '@congdoan/org-directory';
import { type LevyPaymentRequest, monthList, planLevyPayment } from '../../domain/levy/payment.ts';
import type { MonthAmount } from '../../domain/levy/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { grassrootsUnit, upperLevelOf } from './access.ts';
import type { LevyCaller, LevyDeps, LevyPaymentChange, MonthGuard, MonthPaymentChange } from './ports.ts';

const PAYMENT: LocalizedText = { vi: 'khoản nộp kinh phí công đoàn', en: 'levy payment' };

export interface PaymentSource {
  kind: 'manual' | 'bank';
  lineId?: string;
  statementId?: string | null;
}

export const levyPostingId = (paymentId: string) => `levy-payment:${paymentId}`;

/**
 * A levy payment received by the upper level, ready to commit: the payment,
 * each month's paid figure (and penalty), the receipt posting at the upper level
 * and the event. `guards` makes a month's update fail (and the caller re-read)
 * if what was paid changed since the amount was fitted.
 */
export async function preparePayment(
  deps: Pick<LevyDeps, 'ledger'>,
  args: {
    paymentId: string;
    cdcs: FinanceUnitProfile;
    upperUnitId: string;
    request: LevyPaymentRequest & { reference?: string | null; note?: string | null };
    source: PaymentSource;
    policy: Policy;
    today: string;
    guards?: ReadonlyMap<Month, MonthGuard>;
  },
  ctx: WriteContext,
): Promise<LevyPaymentChange> {
  const { paymentId, cdcs, upperUnitId, request, source, policy, today } = args;
  const plan = planLevyPayment(request, policy, today);
  const postingId = levyPostingId(paymentId);
  const prepared = await deps.ledger.prepare(
    {
      id: postingId,
      unitId: upperUnitId,
      date: request.date,
      memo: `Thu KPCĐ của ${cdcs.agencyName ?? cdcs.name}${cdcs.taxId ? ` (MST ${cdcs.taxId})` : ''}, tháng ${monthList(
        plan.months.map((m) => m.month),
      )}`.slice(0, 500),
      lines: plan.lines,
      voucher: 'receipt',
      source: { service: 'finance', kind: 'levy-payment', id: paymentId },
    },
    ctx,
  );
  const payment: LevyPaymentView = {
    id: paymentId,
    unitId: cdcs.unitId,
    upperUnitId,
    date: request.date,
    amount: request.amount,
    months: plan.months.map((m) => ({
      month: m.month,
      amount: m.amount,
      late: m.late,
      deadline: m.deadline,
      grassroots: m.grassroots,
      upper: m.upper,
    })),
    penalties: plan.penalties,
    reference: request.reference ?? null,
    note: request.note ?? null,
    source:
      source.kind === 'manual'
        ? { kind: 'manual' }
        : { kind: 'bank', lineId: source.lineId!, statementId: source.statementId ?? null },
    posting: { unitId: upperUnitId, postingId: prepared.posting.id, voucherNumber: prepared.posting.voucherNumber },
    createdAt: ctx.now().toISOString(),
    createdBy: ctx.actor.id,
  };

  const byMonth = new Map<Month, MonthPaymentChange>();
  for (const m of plan.months) {
    byMonth.set(m.month, {
      payment: { paymentId, date: request.date, amount: m.amount, late: m.late, source: source.kind },
    });
  }
  for (const p of plan.penalties) {
    byMonth.set(p.month, {
      ...byMonth.get(p.month),
      penalty: { paymentId, date: request.date, amount: p.amount },
    });
  }
  if (args.guards) {
    for (const [month, change] of byMonth) byMonth.set(month, { ...change, guard: args.guards.get(month) });
  }

  return {
    payment,
    months: byMonth,
    posting: prepared,
    events: [
      event(LevyPaymentRecorded, {
        paymentId,
        unitId: cdcs.unitId,
        upperUnitId,
        date: payment.date,
        amount: payment.amount,
        months: payment.months.map(({ month, amount, late }) => ({ month, amount, late })),
        penalties: payment.penalties,
        source: source.kind,
        bankLineId: source.lineId ?? null,
        postingId: prepared.posting.id,
      }),
    ],
  };
}

/**
 * Records a levy payment typed in by the upper level's accountant, with its
 * receipt voucher, in one transaction. Repeating a request with the same
 * `Idempotency-Key` answers the first payment.
 */
export async function recordLevyPayment(
  deps: LevyDeps,
  caller: LevyCaller,
  unitId: string,
  input: LevyPaymentInput,
): Promise<LevyPaymentView> {
  const cdcs = await grassrootsUnit(deps, caller, unitId);
  const upperUnitId = await upperLevelOf(deps, caller, cdcs);
  const policy = await deps.loadPolicy();
  const today = dayInVietnam(caller.write.now());
  const paymentId = caller.write.newId();
  return deps.ledger.retry(async () => {
    const prepared = await preparePayment(
      deps,
      {
        paymentId,
        cdcs,
        upperUnitId,
        request: {
          ...input,
          months: input.months as MonthAmount[],
          penalties: input.penalties as MonthAmount[] | undefined,
        },
        source: { kind: 'manual' },
        policy,
        today,
      },
      caller.write,
    );
    await deps.levy.savePayment(prepared, caller.write);
    return prepared.payment;
  });
}

/** A payment of a CĐCS, for the CĐCS's and the upper level's readers. */
export async function getLevyPayment(
  deps: LevyDeps,
  caller: { unitId: string | null },
  unitId: string,
  paymentId: string,
): Promise<LevyPaymentView> {
  await grassrootsUnit(deps, caller, unitId);
  const payment = await deps.levy.getPayment(paymentId);
  if (!payment || payment.unitId !== unitId || !(await isInScope(deps.directory, caller.unitId, payment.unitId))) {
    throw notFound(PAYMENT, paymentId);
  }
  return payment;
}
