import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Unit } from '@congdoan/contracts';
import type { Db, WriteContext } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../test/support/tables.ts';
import { createUnitStore } from '../src/adapters/unit-store.ts';
import { checkUnitCounters } from '../src/app/units/check-unit-counters.ts';
import { createUnit } from '../src/app/units/create-unit.ts';
import type { UnitDeps } from '../src/app/units/deps.ts';
import { dissolveUnit } from '../src/app/units/dissolve-unit.ts';
import { listUnitChildren, listUnitSubtree, type SubtreeCursor } from '../src/app/units/list-units.ts';
import { moveUnit } from '../src/app/units/move-unit.ts';
import { getUnit } from '../src/app/units/read-unit.ts';
import { updateUnit } from '../src/app/units/update-unit.ts';

const agency = (taxId: string) => ({ name: `Cơ quan ${taxId}`, taxId, fundingType: 'self-funded' as const });

function write(): WriteContext {
  return {
    actor: { id: 'tester', roles: ['admin'], unitId: null },
    correlationId: randomUUID(),
    now: () => new Date(),
    newId: randomUUID,
  };
}

const wholeTree = () => ({ unitId: null, write: write() });
const scopedTo = (unitId: string) => ({ unitId, write: write() });

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: { code?: string; name?: string }) => e.code ?? e.name,
  );

let db: Db;
let deps: UnitDeps;
let seq = 0;
const code = (prefix: string) => `${prefix}-${++seq}`;

async function tree() {
  const root = await createUnit(deps, wholeTree(), { code: code('VN'), name: 'Tổng Liên đoàn', level: 'national' });
  const province = await createUnit(deps, wholeTree(), {
    code: code('BG'),
    name: 'LĐLĐ Bắc Giang',
    level: 'province',
    parentId: root.id,
  });
  const upper = await createUnit(deps, wholeTree(), {
    code: code('CDVC'),
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province.id,
  });
  const other = await createUnit(deps, wholeTree(), {
    code: code('CDN'),
    name: 'CĐ ngành',
    level: 'upper',
    parentId: province.id,
  });
  const cdcs = await createUnit(deps, wholeTree(), {
    code: code('LHH'),
    name: 'CĐCS Liên hiệp các Hội KH&KT',
    level: 'grassroots',
    parentId: upper.id,
    agency: agency('2400123456'),
  });
  return { root, province, upper, other, cdcs };
}

beforeAll(async () => {
  db = await freshTable('membership');
  deps = { units: createUnitStore(db) };
});

describe('the organisation tree on DynamoDB', () => {
  it('creates units, counts children and writes a UnitCreated event to the outbox', async () => {
    const { upper, cdcs } = await tree();
    expect((await getUnit(deps, { unitId: null }, upper.id)).childCount).toBe(1);
    const outbox = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#unit#${cdcs.id}` },
      }),
    );
    expect(outbox.Items?.[0]).toMatchObject({ action: 'create', actor: { id: 'tester' } });
  });

  it('keeps the founding decision’s day (foundedOn) given at creation or by an update, never in the future', async () => {
    const { upper, cdcs } = await tree();
    expect(cdcs.foundedOn).toBeNull();
    const founded = await createUnit(deps, wholeTree(), {
      code: code('NEW'),
      name: 'CĐCS mới thành lập',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400999111'),
      foundedOn: '2025-03-01',
    });
    expect((await getUnit(deps, { unitId: null }, founded.id)).foundedOn).toBe('2025-03-01');

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await errorCode(
        createUnit(deps, wholeTree(), {
          code: code('FUT'),
          name: 'CĐCS tương lai',
          level: 'grassroots',
          parentId: upper.id,
          agency: agency('2400999222'),
          foundedOn: tomorrow,
        }),
      ),
    ).toBe('date-in-future');
    expect(await errorCode(updateUnit(deps, wholeTree(), cdcs.id, { foundedOn: tomorrow }, undefined))).toBe(
      'date-in-future',
    );

    const updated = await updateUnit(deps, wholeTree(), cdcs.id, { foundedOn: '1995-05-20' }, undefined);
    expect(updated).toMatchObject({ foundedOn: '1995-05-20', version: cdcs.version + 1 });
    expect((await getUnit(deps, { unitId: null }, cdcs.id)).foundedOn).toBe('1995-05-20');
    // The same day again changes nothing.
    expect((await updateUnit(deps, wholeTree(), cdcs.id, { foundedOn: '1995-05-20' }, undefined)).version).toBe(
      updated.version,
    );
    const audit = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#unit#${cdcs.id}` },
      }),
    );
    expect(audit.Items?.map((i) => i.action)).toEqual(['create', 'update']);
  });

  it('refuses a second unit with the same code, writing nothing', async () => {
    const { upper } = await tree();
    const taken = code('DUP');
    await createUnit(deps, wholeTree(), {
      code: taken,
      name: 'A',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400000001'),
    });
    expect(
      await errorCode(
        createUnit(deps, wholeTree(), {
          code: taken,
          name: 'B',
          level: 'grassroots',
          parentId: upper.id,
          agency: agency('2400000002'),
        }),
      ),
    ).toBe('unit-code-taken');
    expect((await getUnit(deps, { unitId: null }, upper.id)).childCount).toBe(2);
  });

  it('answers 404 for a unit outside the caller’s subtree, and lets them see their own subtree', async () => {
    const { upper, other, cdcs } = await tree();
    expect(await errorCode(getUnit(deps, { unitId: other.id }, cdcs.id))).toBe('not-found');
    expect((await getUnit(deps, { unitId: upper.id }, cdcs.id)).id).toBe(cdcs.id);
    expect(
      await errorCode(
        createUnit(deps, scopedTo(other.id), {
          code: code('X'),
          name: 'X',
          level: 'grassroots',
          parentId: upper.id,
          agency: agency('2400000003'),
        }),
      ),
    ).toBe('not-found');
  });

  it('renames with optimistic locking: a stale If-Match is refused', async () => {
    const { cdcs } = await tree();
    const renamed = await updateUnit(deps, wholeTree(), cdcs.id, { name: 'Tên mới' }, 1);
    expect(renamed).toMatchObject({ name: 'Tên mới', version: 2 });
    expect(await errorCode(updateUnit(deps, wholeTree(), cdcs.id, { name: 'Tên khác' }, 1))).toBe('stale-version');
  });

  it('changes a unit code and frees the old one', async () => {
    const { cdcs, upper } = await tree();
    const newCode = code('RENAMED');
    await updateUnit(deps, wholeTree(), cdcs.id, { code: newCode }, undefined);
    const reused = await createUnit(deps, wholeTree(), {
      code: cdcs.code,
      name: 'Reuse',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400000004'),
    });
    expect(reused.code).toBe(cdcs.code);
  });

  it('moves a unit with its subtree and keeps both parents’ counters right', async () => {
    const { upper, other, cdcs } = await tree();
    const moved = await moveUnit(deps, wholeTree(), cdcs.id, other.id, undefined);
    expect(moved.parentId).toBe(other.id);
    expect((await getUnit(deps, { unitId: null }, upper.id)).childCount).toBe(0);
    expect((await getUnit(deps, { unitId: null }, other.id)).childCount).toBe(1);
    // A caller scoped to the old parent no longer sees it.
    expect(await errorCode(getUnit(deps, { unitId: upper.id }, cdcs.id))).toBe('not-found');
  });

  it('refuses a move that would make a cycle', async () => {
    const { province, cdcs } = await tree();
    expect(await errorCode(moveUnit(deps, wholeTree(), province.id, cdcs.id, undefined))).toBe('unit-move-cycle');
    const section = await createUnit(deps, wholeTree(), {
      code: code('SEC'),
      name: 'Bộ phận',
      level: 'section',
      parentId: cdcs.id,
    });
    const inner = await createUnit(deps, wholeTree(), {
      code: code('CDCS'),
      name: 'CĐCS thành viên',
      level: 'grassroots',
      parentId: cdcs.id,
      agency: agency('2400000005'),
    });
    expect(await errorCode(moveUnit(deps, wholeTree(), cdcs.id, inner.id, undefined))).toBe('unit-move-cycle');
    expect(section.parentId).toBe(cdcs.id);
  });

  it('never lets two concurrent crossing moves make a cycle', async () => {
    const { upper } = await tree();
    const a = await createUnit(deps, wholeTree(), {
      code: code('A'),
      name: 'A',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400000006'),
    });
    const b = await createUnit(deps, wholeTree(), {
      code: code('B'),
      name: 'B',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400000007'),
    });
    const results = await Promise.allSettled([
      moveUnit(deps, wholeTree(), a.id, b.id, undefined),
      moveUnit(deps, wholeTree(), b.id, a.id, undefined),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [aNow, bNow] = [await getUnit(deps, { unitId: null }, a.id), await getUnit(deps, { unitId: null }, b.id)];
    expect(aNow.parentId === b.id && bNow.parentId === a.id).toBe(false);
    const counts = await checkUnitCounters(deps, write());
    expect(counts.drift.filter((d) => [a.id, b.id, upper.id].includes(d.unitId))).toEqual([]);
  });

  it('refuses to dissolve a unit with children, then dissolves it once they are gone', async () => {
    const { upper, cdcs } = await tree();
    expect(await errorCode(dissolveUnit(deps, wholeTree(), upper.id, { reason: 'Sáp nhập' }, undefined))).toBe(
      'unit-has-children',
    );
    await dissolveUnit(deps, wholeTree(), cdcs.id, { reason: 'Kết luận 157-KL/TW' }, undefined);
    const dissolved = await dissolveUnit(deps, wholeTree(), upper.id, { reason: 'Sáp nhập' }, undefined);
    expect(dissolved.status).toBe('dissolved');
    expect((await getUnit(deps, { unitId: null }, cdcs.id)).status).toBe('dissolved');
  });

  it('refuses to dissolve a unit that still has members', async () => {
    const { cdcs } = await tree();
    // Members arrive with the membership lifecycle; their counter lives on the unit.
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `UNIT#${cdcs.id}`, sk: 'UNIT' },
        UpdateExpression: 'SET memberCount = :n',
        ExpressionAttributeValues: { ':n': 7 },
      }),
    );
    expect(await errorCode(dissolveUnit(deps, wholeTree(), cdcs.id, { reason: 'x' }, undefined))).toBe(
      'unit-has-members',
    );
  });

  it('lists a subtree depth first, the same whatever the page size', async () => {
    const { province, upper, other, cdcs } = await tree();
    const full = await listUnitSubtree(deps, { unitId: null }, province.id, { limit: 200 });
    expect(full.next).toBeUndefined();
    // Children by code (CDN… before CDVC…), each followed by its own subtree.
    expect(full.items.map((u) => [u.id, u.depth])).toEqual([
      [other.id, 1],
      [upper.id, 1],
      [cdcs.id, 2],
    ]);
    for (const limit of [1, 2]) {
      const collected: (Unit & { depth: number })[] = [];
      let cursor: SubtreeCursor | undefined;
      do {
        const page = await listUnitSubtree(deps, { unitId: null }, province.id, { limit, cursor });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        collected.push(...page.items);
        cursor = page.next;
      } while (cursor);
      expect(collected.map((u) => u.id)).toEqual(full.items.map((u) => u.id));
    }
    const shallow = await listUnitSubtree(deps, { unitId: null }, province.id, { limit: 50, maxDepth: 1 });
    expect(shallow.items.every((u) => u.depth === 1)).toBe(true);
  });

  it('pages children with a cursor', async () => {
    const { upper } = await tree();
    for (let i = 0; i < 3; i++) {
      await createUnit(deps, wholeTree(), {
        code: code('P'),
        name: `P${i}`,
        level: 'grassroots',
        parentId: upper.id,
        agency: agency(`24000001${i}0`),
      });
    }
    const first = await listUnitChildren(deps, { unitId: null }, upper.id, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listUnitChildren(deps, { unitId: null }, upper.id, { limit: 2, startKey: first.next });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((u) => u.id)).size).toBe(4);
  });

  it('finds and repairs counter drift', async () => {
    const { upper } = await tree();
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `UNIT#${upper.id}`, sk: 'UNIT' },
        UpdateExpression: 'SET childCount = :n',
        ExpressionAttributeValues: { ':n': 5 },
      }),
    );
    const report = await checkUnitCounters(deps, write());
    expect(report.drift).toContainEqual({ unitId: upper.id, code: upper.code, stored: 5, actual: 1 });
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: { pk: `UNIT#${upper.id}`, sk: 'UNIT' } }),
    );
    expect(Item?.childCount).toBe(1);
  });
});
