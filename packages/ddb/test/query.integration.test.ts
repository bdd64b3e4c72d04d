import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { encodeCursor } from '@congdoan/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../test/support/tables.ts';
import { type Db, queryAll, queryPage, queryPages, stripKeys } from '../src/index.ts';

let db: Db;
beforeAll(async () => {
  db = await freshTable('membership');
  for (let i = 1; i <= 5; i++) {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { pk: 'QUERY#1', sk: `ITEM#${i}`, kind: 'thing', gsi1pk: 'BY#x', gsi1sk: `${i}`, n: i },
      }),
    );
  }
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { pk: 'QUERY#2', sk: 'ITEM#1', n: 99 } }));
});

const byPk = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'QUERY#1' } };

describe('queryPages / queryAll', () => {
  it('follows LastEvaluatedKey through every page', async () => {
    const pages: number[] = [];
    for await (const page of queryPages(db, { ...byPk, Limit: 2 })) pages.push(page.length);
    expect(pages.slice(0, 3)).toEqual([2, 2, 1]);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(5);
    const all = await queryAll(db, { ...byPk, Limit: 2 });
    expect(all.map((i) => i.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads only the partition asked for, and a GSI without a consistent read', async () => {
    expect(
      await queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'NONE' } }),
    ).toEqual([]);
    const viaIndex = await queryAll(db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'BY#x' },
    });
    expect(viaIndex).toHaveLength(5);
  });

  it('strips the storage attributes and keeps the rest', async () => {
    const [first] = await queryAll(db, { ...byPk, Limit: 1 });
    expect(stripKeys(first!)).toEqual({ n: 1 });
  });
});

describe('queryPage', () => {
  const byIndex = {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'BY#x' },
  };

  it('reads a list page by page, each cursor continuing where the last page ended', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage(db, byIndex, { limit: 2, cursor }, { gsi1pk: 'BY#x' });
      seen.push(...page.items.map((i) => i.n));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a cursor of another list, or one without the index’s keys, as invalid-cursor', async () => {
    const foreign = encodeCursor({ pk: 'QUERY#2', sk: 'ITEM#1', gsi1pk: 'BY#y', gsi1sk: '1' });
    await expect(queryPage(db, byIndex, { limit: 2, cursor: foreign }, { gsi1pk: 'BY#x' })).rejects.toMatchObject({
      code: 'invalid-cursor',
    });
    const tableOnly = encodeCursor({ pk: 'QUERY#1', sk: 'ITEM#1' });
    await expect(queryPage(db, byIndex, { limit: 2, cursor: tableOnly }, { gsi1pk: 'BY#x' })).rejects.toMatchObject({
      code: 'invalid-cursor',
    });
  });
});
