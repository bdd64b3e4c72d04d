import { outboxItem } from '@congdoan/ddb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { enrichOutboxRecord, handler } from '../lib/outbox-enrichment/handler.ts';

const detail = {
  metadata: {
    eventId: '01J000000000000000000000EV',
    eventVersion: 1,
    occurredAt: '2026-11-22T01:30:00.000Z',
    correlationId: 'corr-1',
    actor: { id: 'user-1', roles: ['admin'], unitId: 'u-1' },
  },
  data: { unitId: 'u-2', name: 'CĐCS Trường THPT Lê Quý Đôn' },
};

/** A stream record as the pipe hands it over, made from the real outbox item (strings and numbers only). */
function streamRecord(item: Record<string, unknown>): DynamoDBRecord {
  const image = Object.fromEntries(
    Object.entries(item).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: String(v) }]),
  );
  return {
    eventID: 'stream-1',
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { NewImage: image, StreamViewType: 'NEW_IMAGE' },
  };
}

const item = outboxItem(
  { source: 'congdoan.membership', detailType: 'UnitCreated', detail: detail as never },
  new Date('2026-11-22T01:30:00Z'),
);

describe('outbox enrichment', () => {
  it('turns the outbox item’s JSON detail into the object the bus receives', async () => {
    const [out] = await handler([streamRecord(item)]);
    expect(out!.detail).toEqual(detail);
    expect(out!.dynamodb.NewImage.source.S).toBe('congdoan.membership');
    expect(out!.dynamodb.NewImage.detailType.S).toBe('UnitCreated');
  });

  it('does not carry the raw detail string twice', async () => {
    const [out] = await handler([streamRecord(item)]);
    expect(JSON.stringify(out)).not.toContain('\\"metadata\\"');
  });

  it('keeps every record of a batch, in order', async () => {
    const other = { ...item, detailType: 'UnitMoved' };
    const out = await handler([streamRecord(item), streamRecord(other)]);
    expect(out.map((r) => r.dynamodb.NewImage.detailType.S)).toEqual(['UnitCreated', 'UnitMoved']);
  });

  it('fails the batch on a detail that is not JSON, so it is retried and then dead-lettered', () => {
    expect(() => enrichOutboxRecord(streamRecord({ ...item, detail: '{not json' }))).toThrow(/not JSON/);
  });

  it('fails on a record that is not an outbox item', () => {
    expect(() => enrichOutboxRecord(streamRecord({ pk: 'UNIT#1', sk: 'UNIT' }))).toThrow(
      /lacks source, detailType or detail/,
    );
  });
});
