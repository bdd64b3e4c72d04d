import { randomUUID } from 'node:crypto';
import { DomainError, type Unit, UnitDissolved } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type LedgerStore as Ledger } from '../../src/adapters/ledger-store.ts';
import { createPolicyStore } from '../../src/adapters/policy-store.ts';
import { createLevyFigures } from '../../src/adapters/report-sources.ts';
import { allocateLevy } from '../../src/app/levy/allocations.ts';
import { declareLevy } from '../../src/app/levy/declarations.ts';
import { recordLevyPayment } from '../../src/app/levy/payments.ts';
import { buildFinanceDeps } from '../../src/handlers/deps.ts';
import { ctx, poster, posting, reportsApi } from '../reports/support.ts';
import { domainError } from '../support/errors.ts';
import { membershipEvent } from '../support/events.ts';
import { type Answer, type Call, claimsFor } from '../support/http.ts';
import { financeTable } from '../support/tables.ts';
import { seedUnit, updateUnit } from '../support/units.ts';

let db: Db;
let ledger: Ledger;
let call: (c: Call) => Promise<Answer>;

beforeAll(async () => {
  db = await financeTable();
  ledger = createLedger(db);
  call = await reportsApi(db);
});

const balanceMap = async (unitId: string) =>
  Object.fromEntries((await ledger.balances(unitId)).filter((b) => b.balance !== 0).map((b) => [b.account, b.balance]));

/** Debit balances against credit balances: equal when the books balance. */
const trialBalance = async (unitId: string) => {
  let debit = 0;
  let credit = 0;
  for (const b of await ledger.balances(unitId)) {
    if (b.balance > 0) debit += b.balance;
    else credit -= b.balance;
  }
  return { debit, credit };
};

/**
 * An upper level and a CĐCS below it, with a year and a half of books: dues
 * collected in cash (the upper share of February still owed on 3361), a
 * donation at the bank, spending, and the levy through the levy area: July's
 * payroll declared, its levy paid to the upper level (which books the CĐCS's
 * share on 3362) and part of that share allocated back.
 */
async function scenario() {
  const upper = await seedUnit(db, { level: 'upper', name: 'Công đoàn Viên chức tỉnh Bắc Giang' });
  const cdcs = await seedUnit(db, { parentId: upper.id, name: 'CĐCS Sở Khoa học và Công nghệ' });
  const u = cdcs.id;
  const post = poster(ledger, u);
  await post(
    '2025-03-10',
    [
      ['111', 2_000_000, 0],
      ['5111', 0, 1_400_000],
      ['3361', 0, 600_000],
    ],
    { voucher: 'receipt' },
  );
  await post('2025-09-05', [
    ['112', 9_000_000, 0],
    ['5118', 0, 9_000_000],
  ]);
  await post(
    '2025-10-01',
    [
      ['3361', 600_000, 0],
      ['111', 0, 600_000],
    ],
    { voucher: 'payment' },
  );
  await post(
    '2026-02-10',
    [
      ['111', 1_000_000, 0],
      ['5111', 0, 700_000],
      ['3361', 0, 300_000],
    ],
    { voucher: 'receipt' },
  );
  await post(
    '2026-04-20',
    [
      ['6111', 2_500_000, 0],
      ['112', 0, 2_500_000],
    ],
    { voucher: 'payment' },
  );
  await post(
    '2026-05-15',
    [
      ['6112', 800_000, 0],
      ['111', 0, 800_000],
    ],
    { voucher: 'payment' },
  );
  const levy = buildFinanceDeps(db);
  const caller = { unitId: null, write: ctx };
  await declareLevy(levy, caller, u, '2025-07', { payroll: 100_000_000, headcount: 12 }, undefined);
  await recordLevyPayment(levy, caller, u, {
    date: '2025-08-10',
    amount: 2_000_000,
    months: [{ month: '2025-07', amount: 2_000_000 }],
  });
  await allocateLevy(levy, caller, u, { month: '2025-07', amount: 1_000_000, date: '2025-09-20' });
  const july = await createLevyFigures(db, () => createPolicyStore(db).load())(u, '2025-07', '2026-06-30');
  return { upper, cdcs, unallocated: july.allocationDue.amount - july.allocated };
}

/** A dissolved CĐCS under a new upper level, with 5,000,000 of dues in its cash. */
async function dissolvedWithCash() {
  const upper = await seedUnit(db, { level: 'upper' });
  const cdcs = await seedUnit(db, { parentId: upper.id, status: 'dissolved' });
  await poster(ledger, cdcs.id)('2026-01-10', [
    ['111', 5_000_000, 0],
    ['5111', 0, 5_000_000],
  ]);
  return { upper, cdcs };
}

const admin = (unitId: string) => claimsFor(['admin'], unitId, 'admin-upper');
const close = (unitId: string, body: unknown, claims = admin('*'), headers: Record<string, string> = {}) =>
  call({ method: 'POST', path: `/v1/finance/units/${unitId}/close-books`, body, claims, headers });

describe('closing the books of a dissolved CĐCS', () => {
  it('settles every balance to the upper level in one go, then refuses anything more', async () => {
    const { upper, cdcs, unallocated } = await scenario();
    expect(unallocated).toBeGreaterThan(0);

    // Still active: refused.
    const active = await close(cdcs.id, { date: '2026-06-30' }, admin(upper.id));
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('unit-not-dissolved');

    await updateUnit(db, cdcs, { status: 'dissolved' });
    const before = await balanceMap(cdcs.id);
    expect(before).toEqual({
      '111': 1_600_000,
      '112': 7_500_000,
      '3361': -300_000,
      '5111': -2_100_000,
      '5113': -1_000_000,
      '5118': -9_000_000,
      '6111': 2_500_000,
      '6112': 800_000,
    });
    const upperBefore = await balanceMap(upper.id);
    // The upper level owes the CĐCS the share it has not allocated back.
    expect(upperBefore['3362']).toBe(-unallocated);

    // The CĐCS's own accountant may not settle its books to the upper level.
    const own = await close(cdcs.id, { date: '2026-06-30' }, claimsFor(['accountant'], cdcs.id));
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('close-books-upper-level-only');
    // Before the last posting, or in the future: refused.
    expect((await close(cdcs.id, { date: '2026-05-01' }, admin(upper.id))).body.code).toBe(
      'closing-before-last-posting',
    );
    expect((await close(cdcs.id, { date: '2999-01-01' }, admin(upper.id))).body.code).toBe('closing-date-in-future');

    const key = randomUUID();
    const done = await close(
      cdcs.id,
      { date: '2026-06-30', note: 'QĐ 12/QĐ-CĐ giải thể' },
      claimsFor(['accountant'], upper.id, 'accountant-upper'),
      { 'idempotency-key': key },
    );
    expect(done.status).toBe(201);
    const settled = 1_600_000 + 7_500_000;
    const surplus = 2_100_000 + 1_000_000 + 9_000_000 - 2_500_000 - 800_000;
    expect(done.body.amounts).toEqual({
      cash: 1_600_000,
      bank: 7_500_000,
      settled,
      duesOwed: 300_000,
      allocationReceivable: 0,
      levyUnallocated: unallocated,
      fundBalance: surplus,
      closedSurplus: surplus,
      settlementIncome: settled + unallocated - 300_000,
    });
    expect(done.body.postings.unit.voucherNumber).toBe('PC-2026-000003');
    expect(done.body.postings.upper.voucherNumber).toBe('PT-2026-000001');

    // Every account of the CĐCS is zero; its books balance.
    expect(await balanceMap(cdcs.id)).toEqual({});
    expect(await trialBalance(cdcs.id)).toEqual({ debit: 0, credit: 0 });
    // The upper level received exactly the money settled, cancelled what it owed, and balances.
    const upperAfter = await balanceMap(upper.id);
    expect((upperAfter['112'] ?? 0) - (upperBefore['112'] ?? 0)).toBe(settled);
    expect(upperAfter['3362'] ?? 0).toBe(0);
    expect((upperAfter['5114'] ?? 0) - (upperBefore['5114'] ?? 0)).toBe(-300_000);
    expect(upperAfter['5116']).toBe(-(settled + unallocated - 300_000));
    const tb = await trialBalance(upper.id);
    expect(tb.debit).toBe(tb.credit);

    // The same request again (same Idempotency-Key) replays the answer; a new one is refused.
    const replay = await close(
      cdcs.id,
      { date: '2026-06-30', note: 'QĐ 12/QĐ-CĐ giải thể' },
      claimsFor(['accountant'], upper.id, 'accountant-upper'),
      { 'idempotency-key': key },
    );
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const again = await close(cdcs.id, { date: '2026-06-30' }, admin(upper.id));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('books-already-closed');

    // No posting is accepted on the closed books.
    const late = await domainError(
      ledger.post(
        posting(cdcs.id, '2026-07-01', [
          ['111', 1, 0],
          ['5118', 0, 1],
        ]),
        ctx,
      ),
    );
    expect(late.code).toBe('books-closed');
    expect(await balanceMap(cdcs.id)).toEqual({});

    // History stays readable.
    const books = await call({
      path: `/v1/finance/units/${cdcs.id}/books`,
      claims: claimsFor(['inspector'], upper.id),
    });
    expect(books.status).toBe(200);
    expect(books.body).toMatchObject({ unitId: cdcs.id, state: 'closed', toClose: false });
    expect(books.body.closing.postings.unit.id).toBe(`books-closing-${cdcs.id}`);
    const stored = await ledger.get(cdcs.id, `books-closing-${cdcs.id}`);
    expect(stored?.lines).toEqual(done.body.postings.unit.lines);
    // Six postings by hand, the levy allocation received, the closing.
    expect((await ledger.listPostings(cdcs.id, { limit: 100 })).items).toHaveLength(8);

    const d2026 = await call({ path: `/v1/finance/units/${cdcs.id}/disclosure/2026`, claims: admin(upper.id) });
    expect(d2026.status).toBe(200);
    // The year's real income and spending, not undone by the closing transfer into 421.
    expect(d2026.body.income.total.actual).toBe(700_000);
    expect(d2026.body.spending.total.actual).toBe(2_500_000 + 800_000);
    expect(d2026.body.balances.opening).toEqual({ cash: 1_400_000, bank: 10_000_000, total: 11_400_000 });
    expect(d2026.body.balances.closing).toEqual({ cash: 0, bank: 0, total: 0 });
    expect(d2026.body.settlement).toMatchObject({ date: '2026-06-30', upperUnitId: upper.id, settled });
    // The year the books closed still reconciles: what was owed and the fund went up with the money.
    expect(d2026.body.position.closing).toMatchObject({
      payables: { total: 0 },
      receivables: { total: 0 },
      fundBalance: 0,
    });
    expect(d2026.body.moneyReconciliation).toMatchObject({ openingMoney: 11_400_000, closingMoney: 0, difference: 0 });
    expect(d2026.body.moneyReconciliation.payablesChange + d2026.body.position.opening.payables.total).toBe(0);
    const d2025 = await call({ path: `/v1/finance/units/${cdcs.id}/disclosure/2025`, claims: admin(upper.id) });
    expect(d2025.body.income.total.actual).toBe(1_400_000 + 1_000_000 + 9_000_000);
    expect(d2025.body.settlement).toBeNull();
    // The upper level's disclosure shows the settlement received as income.
    const du = await call({ path: `/v1/finance/units/${upper.id}/disclosure/2026`, claims: admin(upper.id) });
    expect(du.body.income.lines.find((l: { category: string }) => l.category === 'settlements').actual).toBe(
      settled + unallocated - 300_000,
    );
  });

  it('closes books with nothing left without posting anything', async () => {
    const upper = await seedUnit(db, { level: 'upper' });
    const cdcs = await seedUnit(db, { parentId: upper.id, status: 'dissolved' });
    const done = await close(cdcs.id, { date: '2026-06-30' }, admin(upper.id));
    expect(done.status).toBe(201);
    expect(done.body.postings).toEqual({ unit: null, upper: null });
    expect((await ledger.booksState(cdcs.id)).closed).toBe(true);
    expect((await close(cdcs.id, { date: '2026-06-30' }, admin(upper.id))).body.code).toBe('books-already-closed');
  });

  it('answers 404 outside the caller’s subtree', async () => {
    const upper = await seedUnit(db, { level: 'upper' });
    const other = await seedUnit(db, { level: 'upper' });
    const cdcs = await seedUnit(db, { parentId: upper.id, status: 'dissolved' });
    const res = await close(cdcs.id, { date: '2026-06-30' }, admin(other.id));
    expect(res.status).toBe(404);
    expect((await call({ path: `/v1/finance/units/${cdcs.id}/books`, claims: admin(other.id) })).status).toBe(404);
  });

  it.each([
    {
      what: 'on an account the closing posts to',
      lines: [
        ['6111', 700_000, 0],
        ['111', 0, 700_000],
      ],
      settled: 4_300_000,
    },
    {
      what: 'on accounts the closing does not post to',
      lines: [
        ['6113', 700_000, 0],
        ['5118', 0, 700_000],
      ],
      settled: 5_000_000,
    },
  ] as const)(
    'computes the closing again when a posting lands between its read and its commit ($what)',
    async ({ lines, settled }) => {
      const { closeBooks } = await import('../../src/app/closing/close-books.ts');
      const { upper, cdcs } = await dissolvedWithCash();
      let reads = 0;
      const interfering: Ledger = {
        ...ledger,
        // The first read is followed at once by another posting, before the closing commits.
        balances: async (unitId) => {
          const figures = await ledger.balances(unitId);
          if (reads++ === 0) {
            await ledger.post(
              posting(
                cdcs.id,
                '2026-01-20',
                lines.map((l) => [...l]),
              ),
              ctx,
            );
          }
          return figures;
        },
      };
      const closing = await closeBooks(
        { ...buildFinanceDeps(db), ledger: interfering, levyUnallocated: async () => 0 },
        { unitId: upper.id, roles: ['admin'] },
        cdcs.id,
        { date: '2026-06-30' },
        ctx,
      );
      expect(reads).toBe(2);
      expect(closing.amounts.settled).toBe(settled);
      expect(await balanceMap(cdcs.id)).toEqual({});
      expect((await balanceMap(upper.id))['112']).toBe(settled);
    },
  );

  it('never loses a posting that races the closing: it is settled too, or refused', async () => {
    for (let round = 0; round < 3; round++) {
      const { upper, cdcs } = await dissolvedWithCash();
      const racing = Array.from({ length: 6 }, (_, i) =>
        ledger
          .post(
            posting(cdcs.id, '2026-01-20', [
              ['6111', 100_000 + i, 0],
              ['111', 0, 100_000 + i],
            ]),
            ctx,
          )
          .then(() => 'posted' as const)
          .catch((e: unknown) => {
            if (e instanceof DomainError && e.code === 'books-closed') return 'refused' as const;
            throw e;
          }),
      );
      const [closing, ...outcomes] = await Promise.all([
        close(cdcs.id, { date: '2026-06-30' }, admin(upper.id)),
        ...racing,
      ]);
      expect(closing.status).toBe(201);
      expect(await balanceMap(cdcs.id)).toEqual({});
      const spent = outcomes.reduce((s, o, i) => s + (o === 'posted' ? 100_000 + i : 0), 0);
      expect(closing.body.amounts.settled).toBe(5_000_000 - spent);
      expect((await balanceMap(upper.id))['112']).toBe(5_000_000 - spent);
    }
  });
});

describe('units whose books are to close', () => {
  const dissolvedEvent = (unit: Unit) =>
    membershipEvent(UnitDissolved.detailType, { unit }, '2026-06-30T03:00:00.000Z', {
      actor: { id: 'admin', roles: ['admin'], unitId: null },
    });

  it('lists a dissolved unit for its upper level until its books are closed; a duplicate event changes nothing', async () => {
    const { onUnitDissolved } = await import('../../src/handlers/closing.ts');
    const upper = await seedUnit(db, { level: 'upper' });
    const cdcs = await seedUnit(db, { parentId: upper.id });
    const dissolved = await updateUnit(db, cdcs, {
      status: 'dissolved',
      dissolution: { reason: 'KL 157', decisionNumber: '1/QĐ', effectiveDate: '2026-06-15' },
    });
    await onUnitDissolved(dissolvedEvent(dissolved));
    await onUnitDissolved(dissolvedEvent(dissolved));
    const list = await call({ path: `/v1/finance/units/${upper.id}/books-to-close`, claims: admin(upper.id) });
    expect(list.body.items).toEqual([
      { unitId: cdcs.id, code: cdcs.code, name: cdcs.name, parentId: upper.id, dissolvedAt: '2026-06-15' },
    ]);
    expect((await call({ path: `/v1/finance/units/${cdcs.id}/books`, claims: admin(upper.id) })).body).toMatchObject({
      state: 'open',
      toClose: true,
      closing: null,
    });

    expect((await close(cdcs.id, { date: '2026-06-30' }, admin(upper.id))).status).toBe(201);
    expect(
      (await call({ path: `/v1/finance/units/${upper.id}/books-to-close`, claims: admin(upper.id) })).body.items,
    ).toEqual([]);
    // Redelivered after the closing: not listed again.
    await onUnitDissolved(dissolvedEvent(dissolved));
    expect(
      (await call({ path: `/v1/finance/units/${upper.id}/books-to-close`, claims: admin(upper.id) })).body.items,
    ).toEqual([]);
  });
});
