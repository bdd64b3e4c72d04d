import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BankLineView, LevyPaymentView } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/adapters/ledger-store.ts';
import { bankStatementKey } from '../../src/adapters/levy-keys.ts';
import { continueStatement, importStatement, StatementInvalidError } from '../../src/app/bank/import.ts';
import type { BankDeps } from '../../src/app/bank/ports.ts';
import { confirmBankLine, getBankStatement, ignoreBankLine, listBankLines } from '../../src/app/bank/review.ts';
import { declareLevy } from '../../src/app/levy/declarations.ts';
import { levyYear } from '../../src/app/levy/year.ts';
import { bankLineId } from '../../src/domain/bank/ids.ts';
import { levyHandlers } from '../../src/handlers/http/levy.ts';
import { levyRoutes } from '../../src/levy-routes.ts';
import { bacGiangTree, callerIn, levyTable } from '../levy/support.ts';
import { domainError } from '../support/errors.ts';
import { claimsFor, routesApi } from '../support/http.ts';
import { balanceOf } from '../support/ledger.ts';
import { registerUnits, unit } from '../support/units.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const ACCOUNT = '880021135678';

let db: Db;
let deps: BankDeps;
let tree: ReturnType<typeof bacGiangTree>;
/** A second CĐCS recorded with the Đài PT-TH's tax ID: the tax ID is ambiguous. */
let twin: ReturnType<typeof unit>;

const upper = () => callerIn(tree.upper.id);
const lineOf = (reference: string) => bankLineId(tree.upper.id, ACCOUNT, reference);
/** Imports a fixture, recording every line in the request (no time budget, so nothing depends on speed). */
const importFile = async (name: string, caller = upper()) => {
  const statement = await importStatement(
    deps,
    caller,
    tree.upper.id,
    { fileName: name, content: fixture(name), encoding: 'text', accountNumber: ACCOUNT },
    { budgetMs: 3_600_000 },
  );
  return getBankStatement(deps, caller, tree.upper.id, statement.id);
};

const balance = (unitId: string, account: string) => balanceOf(createLedger(db), unitId, account);

beforeAll(async () => {
  ({ db, deps } = await levyTable());
  tree = bacGiangTree();
  twin = unit({
    level: 'grassroots',
    code: 'CDCS-DPTTH-BG-CU',
    name: 'CĐCS Đài PT-TH (hồ sơ cũ)',
    parentId: tree.upper.id,
    agency: { name: 'Đài PT-TH Bắc Giang', taxId: '2400135172', fundingType: 'state-budget-partial' },
  });
  await registerUnits(db, ...Object.values(tree), twin);
  const declare = (id: string, month: string, payroll: number) =>
    declareLevy(deps, upper(), id, month as never, { payroll, headcount: 10 }, undefined);
  for (const month of ['2025-04', '2025-05', '2025-06']) {
    await declare(tree.bvdk.id, month, 3_100_000_000);
    await declare(tree.ttddtb.id, month, 150_000_000);
  }
  // What the statements pay for the LHH KH&KT (2% of 11 and 92 million) and the hospital's July.
  await declare(tree.lhhkhkt.id, '2025-05', 11_000_000);
  await declare(tree.lhhkhkt.id, '2025-06', 92_000_000);
  await declare(tree.bvdk.id, '2025-07', 3_200_000_000);
});

describe('importing a statement of the upper level’s account', () => {
  let first: Awaited<ReturnType<typeof importFile>>;

  it('matches the exact and variant memos, and sends the rest to review with a reason', async () => {
    first = await importFile('cdvc-bg-2025-07-a.csv');
    expect(first).toMatchObject({
      status: 'complete',
      account: ACCOUNT,
      summary: { lines: 9, new: 9, duplicates: 0, matched: 3, review: 4, ignored: 2, matchedAmount: 188_060_000 },
    });
    const byRef = new Map(first.lines.map((l) => [l.reference, l]));
    const outcome = (ref: string) => [byRef.get(ref)?.status, byRef.get(ref)?.reason?.code ?? null];
    expect(outcome('FT25182000101')).toEqual(['matched', null]); // exact form
    expect(outcome('FT25184000215')).toEqual(['matched', null]); // MST: … T4-6/2025, the sum of three months
    expect(outcome('FT25185000342')).toEqual(['review', 'amount-does-not-fit']); // quý II, 8.5 of 9 million
    expect(outcome('FT25188000417')).toEqual(['review', 'ambiguous-tax-id']); // two CĐCS share the tax ID
    expect(outcome('FT25189000533')).toEqual(['review', 'unknown-tax-id']);
    expect(outcome('FT25191000608')).toEqual(['ignored', 'debit']);
    expect(outcome('FT25196000712')).toEqual(['review', 'no-month']); // "THANG 6", no year
    expect(outcome('FT25199000810')).toEqual(['matched', null]);
    expect(outcome('FT25202000955')).toEqual(['ignored', 'debit']);

    const multi = byRef.get('FT25184000215')!;
    expect(multi).toMatchObject({
      matchedUnitId: tree.bvdk.id,
      months: [
        { month: '2025-04', amount: 62_000_000 },
        { month: '2025-05', amount: 62_000_000 },
        { month: '2025-06', amount: 62_000_000 },
      ],
      row: 7,
      counterName: 'BENH VIEN DA KHOA TINH BAC GIANG',
    });
    expect(byRef.get('FT25182000101')).toMatchObject({
      matchedUnitId: tree.lhhkhkt.id,
      months: [{ month: '2025-06', amount: 1_840_000 }],
    });
  });

  it('records each matched credit as a levy payment with its receipt at the upper level', async () => {
    const payment = (await deps.levy.getPayment(`bank-${lineOf('FT25184000215')}`)) as LevyPaymentView;
    expect(payment).toMatchObject({
      unitId: tree.bvdk.id,
      upperUnitId: tree.upper.id,
      date: '2025-07-03',
      amount: 186_000_000,
      reference: 'FT25184000215',
      source: { kind: 'bank', lineId: lineOf('FT25184000215'), statementId: first.id },
      posting: { voucherNumber: 'PT-2025-000002' },
    });
    expect(payment.months.map((m) => [m.month, m.late])).toEqual([
      ['2025-04', true],
      ['2025-05', true],
      ['2025-06', false],
    ]);
    expect(await balance(tree.upper.id, '112')).toBe(188_060_000);
    const year = await levyYear(deps, { unitId: null, now: new Date('2025-07-31T03:00:00Z') }, tree.bvdk.id, 2025);
    expect(year.months.slice(3, 6).map((m) => m.status)).toEqual(['paid-late', 'paid-late', 'paid']);
    const lhh = await levyYear(deps, { unitId: null, now: new Date('2025-07-31T03:00:00Z') }, tree.lhhkhkt.id, 2025);
    expect(lhh.months[4]!.paid).toMatchObject({ total: 220_000, late: 220_000 });
    expect(lhh.months[5]!.paid).toMatchObject({ total: 1_840_000, onTime: 1_840_000 });
  });

  it('adds nothing when the same file comes again, and says how many lines it already knew', async () => {
    const again = await importFile('cdvc-bg-2025-07-a.csv');
    expect(again.summary).toMatchObject({ lines: 9, new: 0, duplicates: 9, matched: 0, review: 0, ignored: 0 });
    expect(again.duplicates.map((d) => d.reference)).toContain('FT25184000215');
    expect(again.lines).toEqual([]);
    expect(await balance(tree.upper.id, '112')).toBe(188_060_000);
  });

  it('records only the new lines of an overlapping statement', async () => {
    const next = await importFile('cdvc-bg-2025-07-b.csv');
    expect(next.summary).toMatchObject({ lines: 4, new: 2, duplicates: 2, matched: 1, review: 1, ignored: 0 });
    expect(next.duplicates).toEqual([
      { row: 6, reference: 'FT25199000810', lineId: lineOf('FT25199000810') },
      { row: 7, reference: 'FT25202000955', lineId: lineOf('FT25202000955') },
    ]);
    expect(next.lines.map((l) => [l.reference, l.status, l.reason?.code ?? null])).toEqual([
      ['FT25206000901', 'matched', null],
      ['IN25212000001', 'review', 'no-tax-id'],
    ]);
    expect(await balance(tree.upper.id, '112')).toBe(188_060_000 + 62_000_000);
  });

  it('writes nothing from an invalid file, and lists every error by row and column', async () => {
    const before = await deps.bank.listStatements(tree.upper.id, 50);
    const bad = fixture('cdvc-bg-2025-07-a.csv')
      .replace('03/07/2025', '31/06/2025')
      .replace('8.500.000', '"8,5 triệu"');
    const error = await domainError(
      importStatement(deps, upper(), tree.upper.id, { fileName: 'bad.csv', content: bad, encoding: 'text' }),
    );
    expect(error).toBeInstanceOf(StatementInvalidError);
    expect((error as StatementInvalidError).rows.map((r) => [r.row, r.column])).toEqual([
      [7, 'Ngày giao dịch'],
      [8, 'Ghi có'],
    ]);
    expect((error as StatementInvalidError).localized('en').fieldErrors?.[0]?.message).toBe(
      'Row 7, column "Ngày giao dịch": "31/06/2025" is not a date in the form DD/MM/YYYY.',
    );
    expect((await deps.bank.listStatements(tree.upper.id, 50)).items).toHaveLength(before.items.length);
  });

  it('refuses a CĐCS as the account holder, and a caller outside the subtree (404)', async () => {
    const content = fixture('cdvc-bg-2025-07-a.csv');
    expect(
      (
        await domainError(
          importStatement(deps, upper(), tree.bvdk.id, { fileName: 'x.csv', content, encoding: 'text' }),
        )
      ).code,
    ).toBe('bank-statement-not-upper-level');
    expect(
      (
        await domainError(
          importStatement(deps, callerIn(tree.bvdk.id), tree.upper.id, {
            fileName: 'x.csv',
            content,
            encoding: 'text',
          }),
        )
      ).kind,
    ).toBe('not-found');
  });
});

describe('reviewing lines', () => {
  it('lists the lines under review, page by page', async () => {
    const page1 = await listBankLines(deps, upper(), tree.upper.id, { status: 'review', limit: 3 });
    expect(page1.items).toHaveLength(3);
    const page2 = await listBankLines(deps, upper(), tree.upper.id, {
      status: 'review',
      limit: 3,
      startKey: page1.lastKey,
    });
    expect([...page1.items, ...page2.items].map((l) => l.reference)).toEqual([
      'FT25185000342',
      'FT25188000417',
      'FT25189000533',
      'FT25196000712',
      'IN25212000001',
    ]);
  });

  it('confirms a line to a CĐCS and months: a payment like a matched line’s, and the statement’s summary follows', async () => {
    const id = lineOf('FT25188000417');
    const { line, payment } = await confirmBankLine(deps, upper(), tree.upper.id, id, {
      unitId: tree.dptth.id,
      months: [{ month: '2025-06', amount: 5_460_000 }],
      note: 'Đài PT-TH xác nhận qua điện thoại',
    });
    expect(line).toMatchObject({ status: 'matched', reason: null, matchedUnitId: tree.dptth.id, version: 2 });
    expect(payment).toMatchObject({ unitId: tree.dptth.id, amount: 5_460_000, source: { kind: 'bank', lineId: id } });
    const statement = await getBankStatement(deps, upper(), tree.upper.id, line.statementId);
    expect(statement.summary).toMatchObject({ matched: 4, review: 3, matchedAmount: 188_060_000 + 5_460_000 });

    const again = await domainError(
      confirmBankLine(deps, upper(), tree.upper.id, id, {
        unitId: tree.dptth.id,
        months: [{ month: '2025-06', amount: 5_460_000 }],
      }),
    );
    expect(again).toMatchObject({ kind: 'conflict', code: 'bank-line-already-matched' });
    expect((await domainError(ignoreBankLine(deps, upper(), tree.upper.id, id, { reason: 'x' }))).kind).toBe(
      'conflict',
    );
  });

  it('records one payment when the same line is confirmed twice at once', async () => {
    const id = lineOf('FT25185000342');
    const confirm = (by: string) =>
      confirmBankLine(deps, callerIn(tree.upper.id, undefined, by), tree.upper.id, id, {
        unitId: tree.ttddtb.id,
        months: [
          { month: '2025-04', amount: 3_000_000 },
          { month: '2025-05', amount: 3_000_000 },
          { month: '2025-06', amount: 2_500_000 },
        ],
      });
    const results = await Promise.allSettled([confirm('accountant-a'), confirm('accountant-b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'bank-line-already-matched' });
    const year = await levyYear(deps, { unitId: null, now: new Date('2025-07-31T03:00:00Z') }, tree.ttddtb.id, 2025);
    expect(year.months.slice(3, 6).map((m) => m.paid.total)).toEqual([3_000_000, 3_000_000, 2_500_000]);
    expect(year.months[5]).toMatchObject({ outstanding: 500_000, status: 'due' });
  });

  it('refuses a debit, a split that does not add up, and a CĐCS under another upper level', async () => {
    const otherUpper = unit({ level: 'upper', parentId: tree.province.id, name: 'Công đoàn ngành Y tế' });
    const elsewhere = unit({
      level: 'grassroots',
      parentId: otherUpper.id,
      agency: { name: 'TTYT', taxId: '2400777777', fundingType: 'self-funded' },
    });
    await registerUnits(db, otherUpper, elsewhere);
    const months = [{ month: '2025-06', amount: 3_200_000 }];
    const unknown = lineOf('FT25189000533');
    expect(
      (
        await domainError(
          confirmBankLine(deps, upper(), tree.upper.id, lineOf('FT25191000608'), { unitId: tree.bvdk.id, months }),
        )
      ).code,
    ).toBe('bank-line-not-credit');
    expect(
      (
        await domainError(
          confirmBankLine(deps, upper(), tree.upper.id, unknown, {
            unitId: tree.bvdk.id,
            months: [{ month: '2025-06', amount: 3_000_000 }],
          }),
        )
      ).code,
    ).toBe('bank-line-amount-mismatch');
    expect(
      (
        await domainError(
          confirmBankLine(deps, callerIn(null), tree.upper.id, unknown, { unitId: elsewhere.id, months }),
        )
      ).code,
    ).toBe('bank-line-not-under-this-unit');
  });

  it('sets a line aside with a reason, and a person may still confirm it later', async () => {
    const id = lineOf('IN25212000001');
    const ignored = await ignoreBankLine(deps, upper(), tree.upper.id, id, { reason: 'Lãi tiền gửi, không phải KPCĐ' });
    expect(ignored).toMatchObject({
      status: 'ignored',
      reason: { code: 'ignored-by-person' },
      note: 'Lãi tiền gửi, không phải KPCĐ',
    });
    const lists = async (status: string) =>
      (await listBankLines(deps, upper(), tree.upper.id, { status, limit: 50 })).items.map(
        (l: BankLineView) => l.reference,
      );
    expect(await lists('ignored')).toContain('IN25212000001');
    expect(await lists('review')).not.toContain('IN25212000001');
  });
});

describe('a statement recorded in the background', () => {
  const csv = [
    'Ngày giao dịch;Số tham chiếu;Nội dung;Ghi có;Ghi nợ;Số dư',
    '28/07/2025;BG-1;MST 2400119459 NOP KPCD THANG 07/2025 BO SUNG;1.000.000;;1.000.000',
    '29/07/2025;BG-2;Chuyen tien ung ho;500.000;;1.500.000',
    '30/07/2025;BG-3;Phi SMS;;11.000;1.489.000',
  ].join('\n');
  const raw = async (statementId: string) =>
    (await db.client.send(new GetCommand({ TableName: db.tableName, Key: bankStatementKey(statementId) }))).Item!;
  const julyPaid = async () =>
    (await levyYear(deps, { unitId: null, now: new Date('2025-07-31T03:00:00Z') }, tree.bvdk.id, 2025)).months[6]!.paid
      .total;

  it('answers importing past the budget, queues its continuation, and two deliveries record each line once', async () => {
    const before = await julyPaid();
    const started = await importStatement(
      deps,
      upper(),
      tree.upper.id,
      { fileName: 'bg.csv', content: csv, encoding: 'text', accountNumber: ACCOUNT },
      { budgetMs: 0 },
    );
    expect(started).toMatchObject({ status: 'importing', processed: 0 });
    expect((await raw(started.id)).continuations).toBe(1);

    // One slice that stops after a line: it queues the next.
    let ticks = 0;
    const slice = await continueStatement(deps, started.id, upper().write, 1, () => (ticks++ < 1 ? 0 : 2));
    expect(slice).toBe('paused');
    expect(await deps.bank.getStatement(started.id)).toMatchObject({ status: 'importing', processed: 1 });
    expect((await raw(started.id)).continuations).toBe(2);

    const outcomes = await Promise.all([
      continueStatement(deps, started.id, upper().write, Number.MAX_SAFE_INTEGER),
      continueStatement(deps, started.id, upper().write, Number.MAX_SAFE_INTEGER),
    ]);
    expect(outcomes).toContain('complete');
    const done = await getBankStatement(deps, upper(), tree.upper.id, started.id);
    expect(done).toMatchObject({
      status: 'complete',
      processed: 3,
      summary: { lines: 3, new: 3, duplicates: 0, matched: 1, review: 1, ignored: 1, matchedAmount: 1_000_000 },
    });
    expect(done.lines.map((l) => [l.reference, l.status])).toEqual([
      ['BG-1', 'matched'],
      ['BG-2', 'review'],
      ['BG-3', 'ignored'],
    ]);
    expect(await julyPaid()).toBe(before + 1_000_000);
    expect(await continueStatement(deps, started.id, upper().write, Number.MAX_SAFE_INTEGER)).toBe('complete');
  });
});

describe('the statement route on the HTTP stack', () => {
  it('imports base64 content (201 with Location) and answers an invalid file 422 with its errors in English', async () => {
    const api = routesApi(db, levyRoutes, levyHandlers);
    const call = (body: object, lang = 'vi') =>
      api({
        method: 'POST',
        path: `/v1/finance/units/${tree.upper.id}/bank-statements`,
        body,
        headers: { 'accept-language': lang },
        claims: claimsFor(['accountant'], tree.upper.id),
      });
    const csv =
      'date;reference;description;credit;debit;balance\n30/07/2025;HTTP-1;MST 2400119459 KPCD T7/2025;1.000;;1.000\n';
    const ok = await call({
      fileName: 'x.csv',
      content: Buffer.from(`\ufeff${csv}`).toString('base64'),
      encoding: 'base64',
    });
    // 201 when the request recorded the line within its 5 s, 202 when the background has it.
    expect([201, 202]).toContain(ok.status);
    const created = ok.body;
    expect(ok.headers.location).toBe(`/v1/finance/units/${tree.upper.id}/bank-statements/${created.id}`);
    await continueStatement(deps, created.id, upper().write, Number.MAX_SAFE_INTEGER);
    expect((await deps.bank.getStatement(created.id))?.summary).toMatchObject({ new: 1, matched: 1 });

    const bad = await call({ fileName: 'y.csv', content: csv.replace('30/07/2025', '30/13/2025') }, 'en');
    expect(bad.status).toBe(422);
    const problem = bad.body;
    expect(problem.code).toBe('bank-statement-invalid');
    expect(problem.errors).toEqual([
      {
        location: 'body',
        field: 'content[2][date]',
        message: 'Row 2, column "date": "30/13/2025" is not a date in the form DD/MM/YYYY.',
      },
    ]);
  });
});

describe('what waits for a person', () => {
  const csv = [
    'Ngày giao dịch;Số tham chiếu;Nội dung;Ghi có;Ghi nợ;Số dư',
    '28/07/2025;RV-1;MST 2400284316 TT DIEU DUONG NOP KPCD THANG 06/2025;500.000;;1.000.000',
    '29/07/2025;RV-2;MST 2400284316 TT DIEU DUONG NOP KPCD THANG 06/2025 LAN 2;500.000;;1.500.000',
    '29/07/2025;RV-3;MST 2400127805 SO NOI VU NOP KPCD THANG 06/2025;2.960.000;;4.460.000',
    '01/07/2025;FT25182000101;MST 2400312468 Liên hiệp các Hội KH&KT tỉnh Bắc Giang nộp KPCĐ tháng 06/2025;1.850.000;;1.251.850.000',
    '18/07/2025;FT25199000810;MST 2400312468 LHH KHKT  NOP KPCD T5/2025 NOP BO SUNG;220.000;;1.458.169.000',
    'Tổng cộng;;;5.630.000;;',
  ].join('\n');
  const importReview = async () => {
    const statement = await importStatement(
      deps,
      upper(),
      tree.upper.id,
      { fileName: 'review.csv', content: csv, encoding: 'text', accountNumber: ACCOUNT },
      { budgetMs: 3_600_000 },
    );
    return getBankStatement(deps, upper(), tree.upper.id, statement.id);
  };
  const june = async (unitId: string) =>
    (await levyYear(deps, { unitId: null, now: new Date('2025-07-31T03:00:00Z') }, unitId, 2025)).months[5]!;

  it('matches a credit up to what the month owes, and holds back the one beyond it, the undeclared month and a reference that came back changed', async () => {
    const bankBefore = await balance(tree.upper.id, '112');
    expect((await june(tree.ttddtb.id)).outstanding).toBe(500_000);

    const statement = await importReview();
    expect(statement.summary).toEqual({
      lines: 5,
      new: 4,
      duplicates: 1,
      conflicts: 1,
      matched: 1,
      review: 3,
      ignored: 0,
      matchedAmount: 500_000,
    });
    const byRef = new Map(statement.lines.map((l) => [l.reference, l]));
    expect([byRef.get('RV-1')?.status, byRef.get('RV-1')?.reason]).toEqual(['matched', null]);
    expect(byRef.get('RV-2')).toMatchObject({
      status: 'review',
      reason: { code: 'exceeds-due' },
      matchedUnitId: tree.ttddtb.id,
    });
    expect(byRef.get('RV-2')!.reason!.en).toContain('more than the month still owes');
    expect(byRef.get('RV-3')).toMatchObject({
      status: 'review',
      reason: { code: 'no-declaration' },
      matchedUnitId: tree.snv.id,
    });

    // The bank reference was seen with 1,840,000: with 1,850,000 it is a conflict for a person, not a duplicate.
    const known = lineOf('FT25182000101');
    const changed = byRef.get('FT25182000101')!;
    expect(changed).toMatchObject({
      status: 'review',
      reason: { code: 'reference-conflict' },
      credit: 1_850_000,
      conflictsWith: known,
      paymentId: null,
    });
    expect(changed.id).not.toBe(known);
    expect(statement.conflicts).toEqual([
      { row: 5, reference: 'FT25182000101', lineId: changed.id, knownLineId: known, differences: ['amount'] },
    ]);
    expect(statement.duplicates).toEqual([{ row: 6, reference: 'FT25199000810', lineId: lineOf('FT25199000810') }]);
    const review = (await listBankLines(deps, upper(), tree.upper.id, { status: 'review', limit: 50 })).items;
    expect(review.map((l: BankLineView) => l.id)).toEqual(expect.arrayContaining([changed.id]));

    expect(await balance(tree.upper.id, '112')).toBe(bankBefore + 500_000);
    expect(await june(tree.ttddtb.id)).toMatchObject({ outstanding: 0, paid: { total: 3_000_000 } });
    expect((await june(tree.snv.id)).paid.total).toBe(0);

    // The same file again: every line is now known as it is, the changed one included.
    const again = await importReview();
    expect(again.summary).toMatchObject({ new: 0, duplicates: 5, conflicts: 0, matched: 0, review: 0 });
    expect(again.conflicts).toEqual([]);
    expect(await balance(tree.upper.id, '112')).toBe(bankBefore + 500_000);
  });
});
