import {
  dayInVietnam,
  LevyAllocated,
  type LevyAllocationView,
  type LocalizedText,
  type Month,
  notFound,
  unprocessable,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { ACCOUNT } from '../../domain/ledger/chart.ts';
import { allocatable } from '../../domain/levy/month.ts';
import { monthList } from '../../domain/levy/payment.ts';
import { grassrootsUnit, upperLevelOf } from './access.ts';
import type { LevyCaller, LevyDeps } from './ports.ts';

const ALLOCATION: LocalizedText = { vi: 'khoản phân phối kinh phí công đoàn', en: 'levy allocation' };
const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export interface LevyAllocationInput {
  month: string;
  amount: number;
  date: string;
  note?: string;
}

/**
 * The upper level allocates part of a month's levy back to the CĐCS, in one
 * transaction: a payment voucher at the upper level (Dr 3362 / Cr 112), a receipt
 * at the CĐCS (Dr 112 / Cr 5113), the month's allocated figure and the
 * allocation. Refused (422) beyond the CĐCS's share of what was paid for the
 * month minus what was already allocated; the month's update is conditional on
 * the figures the limit was computed from, so two allocations at once cannot
 * both pass it.
 */
export async function allocateLevy(
  deps: LevyDeps,
  caller: LevyCaller,
  unitId: string,
  input: LevyAllocationInput,
): Promise<LevyAllocationView> {
  const cdcs = await grassrootsUnit(deps, caller, unitId);
  const upperUnitId = await upperLevelOf(deps, caller, cdcs);
  const today = dayInVietnam(caller.write.now());
  if (input.date > today) {
    throw unprocessable('levy-allocation-in-future', {
      vi: `Ngày phân phối ${input.date} ở sau hôm nay (${today}).`,
      en: `The allocation date ${input.date} is after today (${today}).`,
    });
  }
  const month = input.month as Month;
  const policy = await deps.loadPolicy();
  const id = caller.write.newId();

  return deps.ledger.retry(async () => {
    const state = await deps.levy.getMonth(unitId, month);
    const { share, remaining } = allocatable(state, policy);
    if (input.amount > remaining) {
      throw unprocessable('levy-allocation-exceeds-share', {
        vi: `Chỉ còn được phân phối ${fmt(Math.max(0, remaining))} đ cho tháng ${month}: phần công đoàn cơ sở của số đã nộp (${fmt(state.paid)} đ) là ${share.formula}, đã phân phối ${fmt(state.allocated)} đ.`,
        en: `Only ${fmt(Math.max(0, remaining))} đồng may still be allocated for ${month}: the grassroots share of the ${fmt(state.paid)} đồng paid is ${share.formula}, and ${fmt(state.allocated)} đồng were already allocated.`,
      });
    }
    const memo = `Phân phối KPCĐ tháng ${monthList([month])} cho ${cdcs.name}`.slice(0, 500);
    const source = { service: 'finance' as const, kind: 'levy-allocation', id };
    const upper = await deps.ledger.prepare(
      {
        id: `levy-allocation:${id}:upper`,
        unitId: upperUnitId,
        date: input.date,
        memo,
        voucher: 'payment',
        lines: [
          { account: ACCOUNT.allocationPayableDown, debit: input.amount, credit: 0 },
          { account: ACCOUNT.bank, debit: 0, credit: input.amount },
        ],
        source,
      },
      caller.write,
    );
    const grassroots = await deps.ledger.prepare(
      {
        id: `levy-allocation:${id}:grassroots`,
        unitId,
        date: input.date,
        memo: `Nhận KPCĐ cấp trên phân phối tháng ${monthList([month])}`,
        voucher: 'receipt',
        lines: [
          { account: ACCOUNT.bank, debit: input.amount, credit: 0 },
          { account: ACCOUNT.allocationIncome, debit: 0, credit: input.amount },
        ],
        source,
      },
      caller.write,
    );
    const allocation: LevyAllocationView = {
      id,
      unitId,
      upperUnitId,
      month,
      amount: input.amount,
      date: input.date,
      note: input.note ?? null,
      share,
      remainingBefore: remaining,
      postings: {
        upper: { unitId: upperUnitId, postingId: upper.posting.id, voucherNumber: upper.posting.voucherNumber },
        grassroots: { unitId, postingId: grassroots.posting.id, voucherNumber: grassroots.posting.voucherNumber },
      },
      createdAt: caller.write.now().toISOString(),
      createdBy: caller.write.actor.id,
    };
    await deps.levy.saveAllocation(
      {
        allocation,
        entry: { allocationId: id, date: input.date, amount: input.amount },
        guard: { paid: state.paid, allocated: state.allocated },
        postings: [upper, grassroots],
      },
      caller.write,
      [event(LevyAllocated, { allocationId: id, unitId, upperUnitId, month, amount: input.amount, date: input.date })],
    );
    return allocation;
  });
}

export async function getLevyAllocation(
  deps: LevyDeps,
  caller: { unitId: string | null },
  unitId: string,
  allocationId: string,
): Promise<LevyAllocationView> {
  await grassrootsUnit(deps, caller, unitId);
  const allocation = await deps.levy.getAllocation(allocationId);
  if (!allocation || allocation.unitId !== unitId) throw notFound(ALLOCATION, allocationId);
  return allocation;
}
