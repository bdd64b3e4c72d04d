import { beforeAll, describe, expect, it } from 'vitest';
import { type BulkRow, bulkUpsertMembers } from '../../src/app/integration/bulk-upsert.ts';
import type { MemberStore } from '../../src/app/member-ports.ts';
import { applyForMembership } from '../../src/app/members/lifecycle.ts';
import { upsertMemberByCccd } from '../../src/app/members/upsert.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { dissolveUnit } from '../../src/app/units/dissolve-unit.ts';
import { cccdFor, person } from '../support/members.ts';
import { callerAt, type World, world } from './support.ts';

let w: World;
const admin = () => callerAt(null);
const rowsOf = (inputs: ReturnType<typeof person>[]): BulkRow[] =>
  inputs.map((input, index) => ({ index, cccd: input.cccd, input }));
const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: { code?: string; name?: string }) => e.code ?? e.name,
  );

beforeAll(async () => {
  w = await world();
});

describe('bulk upsert by CCCD', () => {
  it('answers every row in request order: created, updated, unchanged, and failures that stop nothing', async () => {
    const existing = person({ fullName: 'Lê Văn Cường', gender: 'male', dateOfBirth: '1979-02-03' });
    const untouched = person({ fullName: 'Phạm Thị Dung' });
    const elsewhere = person({ fullName: 'Hoàng Văn Em', gender: 'male', dateOfBirth: '1990-07-07' });
    await upsertMemberByCccd(w.deps, admin(), w.units.a, existing);
    await upsertMemberByCccd(w.deps, admin(), w.units.a, untouched);
    await upsertMemberByCccd(w.deps, admin(), w.units.b, elsewhere);

    const fresh = person({ fullName: 'Đỗ Thị Giang' });
    const misfit = person();
    const rows: BulkRow[] = [
      { index: 0, cccd: fresh.cccd, input: { ...fresh, joinDate: '2019-05-01' } },
      { index: 1, cccd: existing.cccd, input: { ...existing, duesSalary: 9_100_000 } },
      { index: 2, cccd: untouched.cccd, input: untouched },
      { index: 3, cccd: elsewhere.cccd, input: elsewhere },
      { index: 4, cccd: fresh.cccd, input: { ...fresh, jobTitle: 'Kế toán' } },
      {
        index: 5,
        cccd: 'x',
        error: { code: 'validation-failed', detail: { vi: 'sai', en: 'bad' }, retryable: false },
      },
      // The CCCD says a woman born in 1988; the row says 1975.
      { index: 6, cccd: misfit.cccd, input: { ...misfit, dateOfBirth: '1975-01-01' } },
    ];
    const { results, counts } = await bulkUpsertMembers(w.deps, admin(), w.units.a, rows);

    expect(results.map((r) => [r.index, r.outcome, r.error?.code])).toEqual([
      [0, 'created', undefined],
      [1, 'updated', undefined],
      [2, 'unchanged', undefined],
      [3, 'failed', 'cccd-in-other-unit'],
      [4, 'failed', 'duplicate-cccd-in-request'],
      [5, 'failed', 'validation-failed'],
      [6, 'failed', 'invalid-cccd'],
    ]);
    expect(counts).toEqual({ created: 1, updated: 1, unchanged: 1, failed: 4 });
    expect(results[4]!.error!.detail.en).toContain('row 0');
    expect(results.map((r) => r.cccd)).toEqual(rows.map((r) => r.cccd));

    const created = (await w.deps.members.get(results[0]!.memberId!))!.member;
    expect(created).toMatchObject({
      unitId: w.units.a,
      status: 'active',
      joinDate: '2019-05-01',
      cardNumber: expect.stringMatching(/^2019\d{6}$/),
      version: results[0]!.version,
    });
    const updated = (await w.deps.members.get(results[1]!.memberId!))!.member;
    expect(updated).toMatchObject({ duesSalary: 9_100_000, version: results[1]!.version });

    // Sending the same list again changes nothing that was applied.
    const again = await bulkUpsertMembers(w.deps, admin(), w.units.a, rows.slice(0, 3));
    expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('creates many members of one year concurrently without burning retries: consecutive card numbers, counted once', async () => {
    const unit = await createUnit(w.deps, admin(), {
      code: 'BULK1',
      name: 'CĐCS Bulk 1',
      level: 'grassroots',
      parentId: w.units.upper,
      agency: { name: 'Cơ quan B1', taxId: '2400000099', fundingType: 'self-funded' },
    });
    const inputs = Array.from({ length: 60 }, (_, i) =>
      person({ fullName: `Nguyễn Văn Số ${i}`, gender: 'male', dateOfBirth: '1985-03-03' }),
    );
    const rows = rowsOf(inputs).map((r) =>
      'input' in r ? { ...r, input: { ...r.input, joinDate: '2015-06-01' } } : r,
    );
    // The wall-clock budget is not under test here: a busy machine must not cut the batch short.
    const { results, counts } = await bulkUpsertMembers(w.deps, admin(), unit.id, rows, { budgetMs: 600_000 });
    expect(counts).toEqual({ created: 60, updated: 0, unchanged: 0, failed: 0 });
    const cards = await Promise.all(
      results.map(async (r) => (await w.deps.members.get(r.memberId!))!.member.cardNumber),
    );
    expect(new Set(cards).size).toBe(60);
    expect([...cards].sort()).toEqual(Array.from({ length: 60 }, (_, i) => `2015${String(i + 1).padStart(6, '0')}`));
    expect((await w.deps.units.get(unit.id))!.memberCount).toBe(60);
  });

  it('stops starting rows when the time budget is spent; those rows are retryable and succeed when sent again', async () => {
    const inputs = Array.from({ length: 10 }, () => person());
    let started = 0;
    const clock = () => (started++ < 5 ? 0 : 10_000);
    const first = await bulkUpsertMembers(w.deps, admin(), w.units.b, rowsOf(inputs), {
      concurrency: 1,
      budgetMs: 1_000,
      clock,
    });
    const skipped = first.results.filter((r) => r.error?.code === 'not-processed');
    expect(skipped.length).toBeGreaterThan(0);
    expect(first.counts.created + skipped.length).toBe(10);
    expect(skipped.every((r) => r.error?.retryable && r.memberId === undefined)).toBe(true);

    const resend = skipped.map((r) => ({ index: r.index, cccd: r.cccd, input: inputs[r.index]! }));
    const second = await bulkUpsertMembers(w.deps, admin(), w.units.b, resend);
    expect(second.counts.created).toBe(skipped.length);
  });

  it('reports a row that fails for an unexpected reason as retryable, and the other rows still land', async () => {
    const inputs = Array.from({ length: 4 }, () => person());
    const poisoned = inputs[2]!.cccd;
    const members: MemberStore = {
      ...w.deps.members,
      save: (change, ctx, events) =>
        change.after.cccd === poisoned ? Promise.reject(new Error('boom')) : w.deps.members.save(change, ctx, events),
      // A batch holding the row fails as a whole; its rows are then written one by one.
      createMany: (creations, ctx) =>
        creations.some((c) => c.after.cccd === poisoned)
          ? Promise.reject(new Error('boom'))
          : w.deps.members.createMany(creations, ctx),
    };
    const seen: number[] = [];
    const { results } = await bulkUpsertMembers({ ...w.deps, members }, admin(), w.units.b, rowsOf(inputs), {
      onUnexpected: (index) => seen.push(index),
    });
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'failed', 'created']);
    expect(results[2]!.error).toMatchObject({ code: 'row-failed', retryable: true });
    expect(seen).toEqual([2]);
  });

  it('refuses the whole request for a unit outside the caller’s subtree (404), a dissolved unit (409) or a unit without members (422)', async () => {
    const rows = rowsOf([person()]);
    expect(await errorCode(bulkUpsertMembers(w.deps, callerAt(w.units.otherUpper), w.units.a, rows))).toBe('not-found');
    const empty = await createUnit(w.deps, admin(), {
      code: 'GONE',
      name: 'CĐCS đã giải thể',
      level: 'grassroots',
      parentId: w.units.upper,
      agency: { name: 'Cơ quan G', taxId: '2400000098', fundingType: 'state-budget-full' },
    });
    await dissolveUnit(w.deps, admin(), empty.id, { reason: 'KL 157-KL/TW' }, undefined);
    expect(await errorCode(bulkUpsertMembers(w.deps, admin(), empty.id, rows))).toBe('unit-not-active');
    expect(await errorCode(bulkUpsertMembers(w.deps, admin(), w.units.upper, rows))).toBe('unit-holds-no-members');
  });

  it('a pending application in the same unit is updated, not duplicated', async () => {
    const applicant = person({ cccd: cccdFor('1992-01-01', 'female'), dateOfBirth: '1992-01-01' });
    const applied = await applyForMembership(w.deps, admin(), w.units.a, applicant);
    const { results } = await bulkUpsertMembers(w.deps, admin(), w.units.a, rowsOf([{ ...applicant, phone: null }]));
    expect(results[0]).toMatchObject({ outcome: 'updated', memberId: applied.id });
  });
});
