import { randomUUID } from 'node:crypto';
import { DomainError, type Month } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sized } from '../../../../test/support/scale.ts';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { ACCOUNT, CHART } from '../../src/domain/ledger/chart.ts';
import type { Posting, PostingInput, PostingLine } from '../../src/domain/ledger/types.ts';
import { financeTable } from '../support/tables.ts';
import { ctx as systemCtx } from './support.ts';

/**
 * After any random sequence of postings and reversals, run 8 at a time on
 * DynamoDB Local, every account's stored balance equals the sum of the lines
 * actually posted to it, the trial balance is zero, the monthly ledger check
 * finds nothing, each voucher sequence runs 1..n without a gap, and cash and
 * bank never went below zero (a posting or reversal that would take them there
 * is refused, and writes nothing).
 *
 * Size: `LEDGER_OPS` operations (TEST_SCALE=ci: 200, deep: 1,000); docs/testing.md says
 * why 200 still finds what 1,000 finds.
 */

/** Every random date (2025–2026) is in the past. */
const ctx = { ...systemCtx, now: () => new Date('2027-01-15T03:00:00.000Z') };
const MONEY_REFUSED = 'money-balance-negative';

const OPERATIONS = sized('LEDGER_OPS', { ci: 200, deep: 1_000 });
const CONCURRENCY = 8;
const UNITS = 3;
const CODES = CHART.map((a) => a.code);

let db: Db;
let ledger: Ledger;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
});

const account = fc.constantFrom(...CODES);
const amount = fc.integer({ min: 1, max: 5_000_000_000 });
const day = fc
  .record({
    year: fc.constantFrom(2025, 2026),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

type Op =
  | {
      kind: 'post';
      unit: number;
      date: string;
      debits: { account: string; amount: number }[];
      credits: string[];
      voucher: boolean;
    }
  | { kind: 'reverse'; target: number; date: string };

const postOp = fc.record({
  kind: fc.constant('post' as const),
  unit: fc.integer({ min: 0, max: UNITS - 1 }),
  date: day,
  debits: fc.array(fc.record({ account, amount }), { minLength: 1, maxLength: 3 }),
  credits: fc.array(account, { minLength: 1, maxLength: 3 }),
  voucher: fc.boolean(),
});
const reverseOp = fc.record({ kind: fc.constant('reverse' as const), target: fc.nat(), date: day });
const op: fc.Arbitrary<Op> = fc.oneof({ arbitrary: postOp, weight: 4 }, { arbitrary: reverseOp, weight: 1 });

/** Balanced lines from the op: the debit total split across the credit accounts, the remainder on the last. */
function linesOf(o: Extract<Op, { kind: 'post' }>): PostingLine[] {
  const total = o.debits.reduce((s, d) => s + d.amount, 0);
  const share = Math.floor(total / o.credits.length);
  return [
    ...o.debits.map((d) => ({ account: d.account, debit: d.amount, credit: 0 })),
    ...o.credits.map((a, i) => ({
      account: a,
      debit: 0,
      credit: i === o.credits.length - 1 ? total - share * (o.credits.length - 1) : share,
    })),
  ].filter((l) => l.debit > 0 || l.credit > 0);
}

/** A voucher only where the rules allow one: a receipt debits cash or bank, a payment credits one of them. */
function voucherOf(lines: PostingLine[], wanted: boolean): PostingInput['voucher'] {
  if (!wanted) return undefined;
  if (lines.some((l) => (l.account === ACCOUNT.cash || l.account === ACCOUNT.bank) && l.debit > 0)) return 'receipt';
  if (lines.some((l) => (l.account === ACCOUNT.cash || l.account === ACCOUNT.bank) && l.credit > 0)) return 'payment';
  return undefined;
}

describe('ledger invariants under random postings and reversals', () => {
  it(`hold after ${OPERATIONS} operations, ${CONCURRENCY} at a time`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: OPERATIONS, maxLength: OPERATIONS }), async (ops) => {
        const units = Array.from({ length: UNITS }, () => randomUUID());
        const started = performance.now();
        const posted: Posting[] = [];
        let refusedReversals = 0;
        let refusedForMoney = 0;

        for (let start = 0; start < ops.length; start += CONCURRENCY) {
          // Reversals aim at postings of earlier waves, so their target exists.
          const targets = [...posted];
          const wave = ops.slice(start, start + CONCURRENCY).map(async (o): Promise<void> => {
            if (o.kind === 'post') {
              const lines = linesOf(o);
              const id = randomUUID();
              const voucher = voucherOf(lines, o.voucher);
              const input: PostingInput = {
                id,
                unitId: units[o.unit]!,
                date: o.date,
                memo: 'Bút toán ngẫu nhiên',
                lines,
                ...(voucher ? { voucher } : {}),
                source: { service: 'finance', kind: 'property-test', id },
              };
              try {
                posted.push(await ledger.post(input, ctx));
              } catch (error) {
                if (!(error instanceof DomainError) || error.code !== MONEY_REFUSED) throw error;
                refusedForMoney++;
              }
              return;
            }
            if (targets.length === 0) return;
            const target = targets[o.target % targets.length]!;
            const date = [o.date, target.date].sort()[1]!; // the later day: a reversal is not dated before its original
            try {
              posted.push(await ledger.reverse(target.unitId, target.id, { date }, ctx));
            } catch (error) {
              // Already reversed (maybe in this very wave), or itself a reversal: refused, nothing written.
              // Or it would take cash or bank below zero.
              if (
                !(error instanceof DomainError) ||
                !['already-reversed', 'reversal-of-reversal', MONEY_REFUSED].includes(error.code)
              ) {
                throw error;
              }
              if (error.code === MONEY_REFUSED) refusedForMoney++;
              else refusedReversals++;
            }
          });
          await Promise.all(wave);
        }
        const postedIn = performance.now() - started;

        for (const unitId of units) {
          const mine = posted.filter((p) => p.unitId === unitId);
          const expected = new Map<string, number>();
          for (const p of mine) {
            for (const l of p.lines) expected.set(l.account, (expected.get(l.account) ?? 0) + l.debit - l.credit);
          }
          const balances = await ledger.balances(unitId);
          for (const code of CODES) {
            expect(balances.find((b) => b.account === code)?.balance ?? 0, `${unitId} ${code}`).toBe(
              expected.get(code) ?? 0,
            );
          }
          const debit = balances.reduce((s, b) => s + b.debit, 0);
          const credit = balances.reduce((s, b) => s + b.credit, 0);
          expect(debit).toBe(credit);
          expect(balances.reduce((s, b) => s + b.balance, 0)).toBe(0);
          for (const money of [ACCOUNT.cash, ACCOUNT.bank]) {
            expect(balances.find((b) => b.account === money)?.balance ?? 0).toBeGreaterThanOrEqual(0);
          }

          // What the ledger lists is what was posted.
          const listed: Posting[] = [];
          let startKey: Awaited<ReturnType<Ledger['listPostings']>>['lastKey'];
          do {
            const page = await ledger.listPostings(unitId, { limit: 200, startKey, order: 'asc' });
            listed.push(...page.items);
            startKey = page.lastKey;
          } while (startKey);
          expect(listed.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort());

          const months = [...new Set(mine.map((p) => p.period))] as Month[];
          for (const month of months) {
            const check = await ledger.ledgerCheck(unitId, month);
            expect(check.consistent, `${unitId} ${month}`).toBe(true);
            expect(check.trialBalance.debit).toBe(check.trialBalance.credit);
          }

          for (const year of [2025, 2026]) {
            for (const kind of ['receipt', 'payment'] as const) {
              const issued = mine.filter((p) => p.voucher === kind && Number(p.date.slice(0, 4)) === year);
              const vouchers = await ledger.vouchers(unitId, year, kind, { limit: 500 });
              expect(vouchers.items.map((v) => v.n)).toEqual(issued.map((_, i) => i + 1));
              expect(vouchers.items.map((v) => v.postingId).sort()).toEqual(issued.map((p) => p.id).sort());
            }
          }
        }
        console.info(
          `${posted.length} postings (${posted.filter((p) => p.reverses).length} reversals, ${refusedReversals} refused; ${refusedForMoney} refused for money) on ${UNITS} units: posted in ${Math.round(postedIn)} ms, checked in ${Math.round(performance.now() - started - postedIn)} ms`,
        );
      }),
      { numRuns: 1, endOnFailure: true },
    );
  }, 600_000);
});
