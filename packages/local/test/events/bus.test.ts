import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusEvent } from '@congdoan/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type BusTarget, LocalEventBus, UnknownDeadLetterError } from '../../src/events/bus.ts';

const detail = (eventId: string, data: unknown = {}) => ({
  metadata: {
    eventId,
    eventVersion: 1,
    occurredAt: '2026-11-22T08:00:00.000Z',
    correlationId: 'c-1',
    actor: { id: 'system:test', roles: [], unitId: null },
  },
  data,
});

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bus-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recorder(ruleName: string, pattern: BusTarget['pattern'], service = 'finance') {
  const received: BusEvent[] = [];
  const target: BusTarget = {
    ruleName,
    service,
    pattern,
    async invoke(event) {
      received.push(event);
    },
  };
  return { target, received };
}

describe('LocalEventBus', () => {
  it('builds an EventBridge event and delivers it only to the rules it matches', async () => {
    const bus = new LocalEventBus({ dataDir: null });
    const admitted = recorder('finance-on-admitted', { 'detail-type': ['MemberAdmitted'] });
    const left = recorder('finance-on-left', { 'detail-type': ['MemberLeft'] });
    bus.addRule(admitted.target);
    bus.addRule(left.target);

    const record = await bus.publish({
      source: 'congdoan.membership',
      detailType: 'MemberAdmitted',
      detail: detail('ev-1', { memberId: 'm-1' }),
    });

    expect(admitted.received).toHaveLength(1);
    expect(left.received).toHaveLength(0);
    const event = admitted.received[0]!;
    expect(event).toMatchObject({
      version: '0',
      source: 'congdoan.membership',
      'detail-type': 'MemberAdmitted',
      account: '000000000000',
      region: 'local',
      resources: [],
      detail: { metadata: { eventId: 'ev-1' }, data: { memberId: 'm-1' } },
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(record.outcomes).toEqual([
      { rule: 'finance-on-admitted', service: 'finance', status: 'delivered', attempts: 1, at: expect.any(String) },
    ]);
    expect(bus.history()).toHaveLength(1);
    expect(bus.history()[0]!.event.id).toBe(event.id);
    await bus.close();
  });

  it('keeps a given id and time', async () => {
    const bus = new LocalEventBus({ dataDir: null });
    const r = recorder('r', { source: ['s'] });
    bus.addRule(r.target);
    await bus.publish({ source: 's', detailType: 'T', detail: detail('e'), id: 'fixed', time: '2026-01-01T00:00:00Z' });
    expect(r.received[0]).toMatchObject({ id: 'fixed', time: '2026-01-01T00:00:00Z' });
    await bus.close();
  });

  it('records an event no rule matches, with no outcomes', async () => {
    const bus = new LocalEventBus({ dataDir: null });
    const record = await bus.publish({ source: 's', detailType: 'Nobody', detail: detail('e') });
    expect(record.outcomes).toEqual([]);
    expect(bus.history().map((r) => r.event['detail-type'])).toEqual(['Nobody']);
    await bus.close();
  });

  it('refuses a malformed pattern and a duplicate rule name', () => {
    const bus = new LocalEventBus({ dataDir: null });
    expect(() => bus.addRule(recorder('bad', { source: 'x' } as never).target)).toThrow(
      /rule "bad" \(finance\): invalid event pattern at source/,
    );
    bus.addRule(recorder('r', { source: ['x'] }).target);
    expect(() => bus.addRule(recorder('r', { source: ['y'] }).target)).toThrow(/already on the bus/);
  });

  it('gives each target its own copy of the event', async () => {
    const bus = new LocalEventBus({ dataDir: null });
    const seen: unknown[] = [];
    for (const name of ['a', 'b', 'c']) {
      bus.addRule({
        ruleName: name,
        service: name,
        pattern: { source: ['s'] },
        async invoke(event) {
          seen.push(structuredClone((event.detail.data as { list: string[] }).list));
          (event.detail.data as { list: string[] }).list.push(name);
          (event as { source: string }).source = 'mutated';
        },
      });
    }
    const record = await bus.publish({ source: 's', detailType: 'T', detail: detail('e', { list: ['x'] }) });
    expect(seen).toEqual([['x'], ['x'], ['x']]);
    expect(record.event.source).toBe('s');
    expect(record.event.detail.data).toEqual({ list: ['x'] });
  });

  it('delivers to matching rules in parallel', async () => {
    const bus = new LocalEventBus({ dataDir: null });
    let running = 0;
    let peak = 0;
    for (const name of ['a', 'b', 'c']) {
      bus.addRule({
        ruleName: name,
        service: name,
        pattern: { source: ['s'] },
        async invoke() {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 30));
          running--;
        },
      });
    }
    await bus.publish({ source: 's', detailType: 'T', detail: detail('e') });
    expect(peak).toBe(3);
  });

  it('retries a failing target with growing delays, then delivers', async () => {
    const bus = new LocalEventBus({ dataDir: null, baseDelayMs: 20, maxDelayMs: 1000 });
    const calls: number[] = [];
    bus.addRule({
      ruleName: 'flaky',
      service: 'welfare',
      pattern: { source: ['s'] },
      async invoke() {
        calls.push(Date.now());
        if (calls.length < 4) throw new Error(`boom ${calls.length}`);
      },
    });
    const record = await bus.publish({ source: 's', detailType: 'T', detail: detail('e') });
    expect(record.outcomes).toEqual([
      {
        rule: 'flaky',
        service: 'welfare',
        status: 'delivered',
        attempts: 4,
        lastError: 'Error: boom 3',
        at: expect.any(String),
      },
    ]);
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
    // equal jitter: attempt n waits between half and all of 20 * 2^(n-1) ms
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(39);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters a target that keeps failing, without rejecting or hurting other targets', async () => {
    const log: string[] = [];
    const bus = new LocalEventBus({ dataDir: null, maxAttempts: 3, baseDelayMs: 1, log: (l) => log.push(l) });
    let attempts = 0;
    bus.addRule({
      ruleName: 'broken',
      service: 'emulation',
      pattern: { source: ['s'] },
      async invoke() {
        attempts++;
        throw new Error('always');
      },
    });
    const ok = recorder('fine', { source: ['s'] });
    bus.addRule(ok.target);

    const record = await bus.publish({ source: 's', detailType: 'T', detail: detail('e-dead', { n: 1 }) });

    expect(attempts).toBe(3);
    expect(ok.received).toHaveLength(1);
    const byRule = Object.fromEntries(record.outcomes.map((o) => [o.rule, o]));
    expect(byRule.broken).toMatchObject({ status: 'dead-lettered', attempts: 3, lastError: 'Error: always' });
    expect(byRule.fine).toMatchObject({ status: 'delivered', attempts: 1 });
    const dead = bus.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ rule: 'broken', service: 'emulation', attempts: 3, error: 'Error: always' });
    expect(dead[0]!.event).toEqual(record.event);
    expect(log.some((l) => l.includes('dead-lettered'))).toBe(true);
  });

  it('persists history and dead letters and reloads them on start', async () => {
    const dataDir = tempDir();
    const bus = new LocalEventBus({ dataDir, maxAttempts: 2, baseDelayMs: 1 });
    bus.addRule({
      ruleName: 'broken',
      service: 'x',
      pattern: { 'detail-type': ['Bad'] },
      invoke: () => Promise.reject(new Error('nope')),
    });
    await bus.publish({ source: 's', detailType: 'Good', detail: detail('e1') });
    await bus.publish({ source: 's', detailType: 'Bad', detail: detail('e2') });
    await bus.close();

    const lines = readFileSync(join(dataDir, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).event['detail-type'])).toEqual(['Good', 'Bad']);

    const again = new LocalEventBus({ dataDir });
    expect(again.history().map((r) => r.event['detail-type'])).toEqual(['Good', 'Bad']);
    expect(again.history()[1]!.outcomes[0]).toMatchObject({ rule: 'broken', status: 'dead-lettered' });
    expect(again.deadLetters()).toHaveLength(1);
    expect(again.deadLetters()[0]!.event.detail.metadata.eventId).toBe('e2');
    await again.close();
  });

  it('bounds the history, newest last', async () => {
    const bus = new LocalEventBus({ dataDir: null, historySize: 3 });
    for (let i = 1; i <= 5; i++) await bus.publish({ source: 's', detailType: `T${i}`, detail: detail(`e${i}`) });
    expect(bus.history().map((r) => r.event['detail-type'])).toEqual(['T3', 'T4', 'T5']);
  });

  it('reloads only the newest records and compacts an oversized file', async () => {
    const dataDir = tempDir();
    const bus = new LocalEventBus({ dataDir, historySize: 100 });
    for (let i = 1; i <= 7; i++) await bus.publish({ source: 's', detailType: `T${i}`, detail: detail(`e${i}`) });
    await bus.close();
    const small = new LocalEventBus({ dataDir, historySize: 3 });
    expect(small.history().map((r) => r.event['detail-type'])).toEqual(['T5', 'T6', 'T7']);
    await small.close();
    const lines = readFileSync(join(dataDir, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
  });

  it('redrives a dead letter once its target works again', async () => {
    const dataDir = tempDir();
    let healthy = false;
    const received: BusEvent[] = [];
    const bus = new LocalEventBus({ dataDir, maxAttempts: 2, baseDelayMs: 1 });
    bus.addRule({
      ruleName: 'sometimes',
      service: 'x',
      pattern: { source: ['s'] },
      async invoke(event) {
        if (!healthy) throw new Error('down');
        received.push(event);
      },
    });
    const record = await bus.publish({ source: 's', detailType: 'T', detail: detail('e1') });
    expect(bus.deadLetters()).toHaveLength(1);
    const first = bus.deadLetters()[0]!.id;

    const failed = await bus.redrive(first);
    expect(failed).toMatchObject({ status: 'dead-lettered' });
    expect(bus.deadLetters()).toHaveLength(1);
    const second = bus.deadLetters()[0]!.id;
    expect(second).not.toBe(first);
    expect(failed.deadLetterId).toBe(second);
    await expect(bus.redrive(first)).rejects.toThrow(UnknownDeadLetterError);

    healthy = true;
    await expect(bus.redrive(second)).resolves.toMatchObject({ status: 'delivered', attempts: 1 });
    expect(received.map((e) => e.id)).toEqual([record.event.id]);
    expect(bus.deadLetters()).toEqual([]);
    await expect(bus.redrive(second)).rejects.toThrow(/no dead letter has the id/);
    expect(bus.history().map((r) => r.redriveOf)).toEqual([undefined, first, second]);
    await bus.close();

    const again = new LocalEventBus({ dataDir });
    expect(again.deadLetters()).toEqual([]);
  });

  it('close waits for deliveries in flight and then refuses new events', async () => {
    const bus = new LocalEventBus({ dataDir: null });
    let finished = false;
    bus.addRule({
      ruleName: 'slow',
      service: 'x',
      pattern: { source: ['s'] },
      async invoke() {
        await new Promise((r) => setTimeout(r, 50));
        finished = true;
      },
    });
    void bus.publish({ source: 's', detailType: 'T', detail: detail('e') });
    await bus.close();
    expect(finished).toBe(true);
    await expect(bus.publish({ source: 's', detailType: 'T', detail: detail('e') })).rejects.toThrow(/closed/);
  });
});
