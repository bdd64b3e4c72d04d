import { randomUUID } from 'node:crypto';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { MemberAdmitted } from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberCreation, MemberStore } from '../src/app/member-ports.ts';
import { admittedMember, plannedCreation, type UpsertInput, upsertMemberByCccd } from '../src/app/members/upsert.ts';
import { MAX_CREATE_BATCH, upsertManyByCccd } from '../src/app/members/upsert-many.ts';
import { createUnit } from '../src/app/units/create-unit.ts';
import { callerAt, type World, world } from './integration/support.ts';
import { person } from './support/members.ts';

let w: World;
const admin = () => callerAt(null);
let units = 0;

async function freshUnit() {
  units++;
  return createUnit(w.deps, admin(), {
    code: `BATCH${units}`,
    name: `CĐCS Batch ${units}`,
    level: 'grassroots',
    parentId: w.units.upper,
    agency: {
      name: `Cơ quan batch ${units}`,
      taxId: `24000001${String(units).padStart(2, '0')}`,
      fundingType: 'self-funded',
    },
  });
}

async function stats(unitId: string, day?: string) {
  const { Item } = await w.db.client.send(
    new GetCommand({ TableName: w.db.tableName, Key: { pk: `STATS#${unitId}`, sk: day ? `DAY#${day}` : 'CURRENT' } }),
  );
  return Item ?? {};
}

/** MemberAdmitted events in the outbox for members of `unitId`, by member id. */
async function admittedEvents(unitId: string) {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await w.db.client.send(
      new ScanCommand({
        TableName: w.db.tableName,
        FilterExpression: 'kind = :k AND detailType = :t',
        ExpressionAttributeValues: { ':k': 'outbox', ':t': 'MemberAdmitted' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of out.Items ?? []) {
      const member = JSON.parse(item.detail as string).data.member as { id: string; unitId: string };
      if (member.unitId === unitId) ids.push(member.id);
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

const created = (r: Awaited<ReturnType<typeof upsertManyByCccd>>[number]) => ('error' in r ? undefined : r.member);
const codeOf = (r: Awaited<ReturnType<typeof upsertManyByCccd>>[number]) =>
  'error' in r ? ((r.error as { code?: string }).code ?? String(r.error)) : r.outcome;

beforeAll(async () => {
  w = await world();
});

describe('creating members in batches (upsertManyByCccd, MemberStore.createMany)', () => {
  it('keeps a batch within one transaction', () => {
    expect(MAX_CREATE_BATCH).toBeGreaterThanOrEqual(12);
    expect(3 + 7 * MAX_CREATE_BATCH).toBeLessThanOrEqual(100);
  });

  it('creates 40 new members: consecutive card numbers, counters and statistics exactly +40, one event each', async () => {
    const unit = await freshUnit();
    const before = await stats(unit.id);
    const inputs: UpsertInput[] = Array.from({ length: 40 }, (_, i) => ({
      ...person({ fullName: `Trần Thị Số ${i}` }),
      // Two business days, so the day items are summed per day.
      joinDate: i % 2 === 0 ? '2021-03-01' : '2021-03-02',
    }));
    const results = await upsertManyByCccd(w.deps, admin(), unit.id, inputs);

    expect(results.map(codeOf)).toEqual(Array(40).fill('created'));
    const members = results.map((r) => created(r)!);
    expect(members.map((m) => m.cardNumber)).toEqual(
      Array.from({ length: 40 }, (_, i) => `2021${String(i + 1).padStart(6, '0')}`),
    );
    for (const [i, m] of members.entries()) {
      const stored = (await w.deps.members.get(m.id))!.member;
      expect(stored).toMatchObject({ cccd: inputs[i]!.cccd, status: 'active', unitId: unit.id, version: m.version });
      expect((await w.deps.members.findByCard(m.cardNumber!))?.id).toBe(m.id);
      expect((await w.deps.members.findHolder(m.cccd))?.member.id).toBe(m.id);
    }
    expect(await w.deps.members.readCardSequence(2021)).toBe(40);
    expect((await w.deps.units.get(unit.id))!.memberCount).toBe(40);
    const after = await stats(unit.id);
    expect(Number(after.total ?? 0) - Number(before.total ?? 0)).toBe(40);
    expect(after['gender:female']).toBe(40);
    expect((await stats(unit.id, '2021-03-01'))['flow:admitted']).toBe(20);
    expect((await stats(unit.id, '2021-03-02'))['flow:admitted']).toBe(20);
    expect((await admittedEvents(unit.id)).sort()).toEqual(members.map((m) => m.id).sort());

    // The same records again: nothing is created twice.
    const again = await upsertManyByCccd(w.deps, admin(), unit.id, inputs);
    expect(again.map(codeOf)).toEqual(Array(40).fill('unchanged'));
    expect((await w.deps.units.get(unit.id))!.memberCount).toBe(40);
  });

  it('answers per row: a CCCD held in another unit, a repeated CCCD, an update, and the rest created', async () => {
    const unit = await freshUnit();
    const elsewhere = person({ fullName: 'Hoàng Văn Em', gender: 'male', dateOfBirth: '1990-07-07' });
    await upsertMemberByCccd(w.deps, admin(), w.units.b, elsewhere);
    const existing = person({ fullName: 'Lê Thị Cúc' });
    await upsertMemberByCccd(w.deps, admin(), unit.id, { ...existing, joinDate: '2022-01-01' });
    const fresh = Array.from({ length: 16 }, (_, i) => ({
      ...person({ fullName: `Phạm Thị Mới ${i}` }),
      joinDate: '2022-05-01',
    }));
    const misfit = { ...person(), dateOfBirth: '1975-01-01', joinDate: '2022-05-01' };

    const inputs: UpsertInput[] = [
      fresh[0]!,
      elsewhere,
      ...fresh.slice(1, 8),
      { ...fresh[0]!, jobTitle: 'Kế toán' },
      { ...existing, jobTitle: 'Thủ quỹ' },
      misfit,
      ...fresh.slice(8),
    ];
    const results = await upsertManyByCccd(w.deps, admin(), unit.id, inputs);
    expect(results.map(codeOf)).toEqual([
      'created',
      'cccd-in-other-unit',
      ...Array(7).fill('created'),
      // The repeat meets the member the first occurrence made.
      'updated',
      'updated',
      'invalid-cccd',
      ...Array(8).fill('created'),
    ]);
    expect(created(results[9]!)!.id).toBe(created(results[0]!)!.id);
    expect(created(results[9]!)!.jobTitle).toBe('Kế toán');
    const cards = results.flatMap((r) => ('outcome' in r && r.outcome === 'created' ? [r.member.cardNumber] : []));
    // 2022000001 went to `existing`; the rest follow without gaps.
    expect(cards).toEqual(Array.from({ length: 16 }, (_, i) => `2022${String(i + 2).padStart(6, '0')}`));
    expect((await w.deps.units.get(unit.id))!.memberCount).toBe(17);
    expect((await stats(unit.id)).total).toBe(17);
    expect((await w.deps.members.findHolder(elsewhere.cccd))!.member.unitId).toBe(w.units.b);
  });

  it('falls back to one by one when a batch fails: a CCCD taken meanwhile gets its own answer, the others are created', async () => {
    const unit = await freshUnit();
    const inputs: UpsertInput[] = Array.from({ length: 10 }, (_, i) => ({
      ...person({ fullName: `Đỗ Văn Số ${i}`, gender: 'male', dateOfBirth: '1983-09-09' }),
      joinDate: '2023-02-01',
    }));
    const stolen = inputs[4]!;
    let batches = 0;
    const members: MemberStore = {
      ...w.deps.members,
      async createMany(creations, ctx) {
        batches++;
        // Another request takes one of the CCCDs after the look-up, before the batch commits.
        if (batches === 1) await upsertMemberByCccd(w.deps, admin(), w.units.c, { ...stolen, joinDate: '2023-01-01' });
        return w.deps.members.createMany(creations, ctx);
      },
    };
    const results = await upsertManyByCccd({ ...w.deps, members }, admin(), unit.id, inputs);

    expect(batches).toBe(1);
    expect(results.map(codeOf)).toEqual([
      ...Array(4).fill('created'),
      'cccd-in-other-unit',
      ...Array(5).fill('created'),
    ]);
    const cards = results.flatMap((r) => ('outcome' in r && r.outcome === 'created' ? [r.member.cardNumber] : []));
    // The failed batch took no numbers; `stolen` got 2023000001 in unit c.
    expect(cards).toEqual(Array.from({ length: 9 }, (_, i) => `2023${String(i + 2).padStart(6, '0')}`));
    expect((await w.deps.units.get(unit.id))!.memberCount).toBe(9);
    expect((await stats(unit.id)).total).toBe(9);
    expect((await admittedEvents(unit.id)).length).toBe(9);
    expect((await w.deps.members.findHolder(stolen.cccd))!.member.unitId).toBe(w.units.c);
  });

  it('createMany is all or nothing: a CCCD lock taken fails the batch with cccd-taken and writes none of it', async () => {
    const unit = await freshUnit();
    const caller = admin();
    const inputs = Array.from({ length: 3 }, () => ({ ...person(), joinDate: '2024-04-04' }));
    await upsertMemberByCccd(w.deps, admin(), w.units.a, inputs[2]!);
    const read = await w.deps.members.readCardSequence(2024);
    const creations = inputs.map((input, i): MemberCreation => {
      const member = admittedMember(
        caller,
        unit.id,
        input,
        plannedCreation(caller, input),
        randomUUID(),
        read + i,
        'x',
      );
      return {
        after: member,
        action: 'upsert-create',
        day: '2024-04-04',
        flows: { [unit.id]: { 'flow:admitted': 1 } },
        card: { year: 2024, read: read + i },
        events: [event(MemberAdmitted, { member })],
      };
    });
    const error = await w.deps.members.createMany(creations, caller.write).then(
      () => undefined,
      (e: { code?: string }) => e.code,
    );
    expect(error).toBe('cccd-taken');
    expect(await w.deps.members.get(creations[0]!.after.id)).toBeUndefined();
    expect(await w.deps.members.readCardSequence(2024)).toBe(read);
    expect((await w.deps.units.get(unit.id))!.memberCount ?? 0).toBe(0);
    expect((await stats(unit.id)).total).toBeUndefined();
  });
});
