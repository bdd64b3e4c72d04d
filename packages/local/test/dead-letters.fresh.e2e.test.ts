/**
 * Issue 9, item 13: a dead letter can be replayed once its consumer is fixed
 * (`POST /_local/dead-letters/{id}/redrive`) or dropped (`DELETE /_local/dead-letters/{id}`).
 * The product's own services run here; finance's unit-profile consumer is broken, then fixed.
 */
import type { BusEvent } from '@congdoan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHandler, type LambdaHandler } from '../src/lambda.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { uniquePrefix } from './stub-service.ts';

const RULE = 'finance-finance-unit-profiles';

let platform: Platform;
let token: string;
let broken = true;
/** Event ids finance's unit-profile consumer applied (its effect), in order. */
const applied: string[] = [];
/** Every consumer's invocations with a UnitCreated event, as `<service>:<file>#<export> <eventId>`. */
const invocations: string[] = [];

const eventIdOf = (event: BusEvent) => event.detail.metadata.eventId;

beforeAll(async () => {
  platform = await startPlatform({
    port: 0,
    dataDir: null,
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    tablePrefix: uniquePrefix(),
    quiet: true,
    startScheduler: false,
    bus: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    async resolveHandler(manifest, ref) {
      const real = await importHandler(manifest, ref);
      const name = `${manifest.service}:${ref.file}#${ref.export}`;
      const wrapped: LambdaHandler = async (event: BusEvent, context) => {
        if (event['detail-type'] === 'UnitCreated') invocations.push(`${name} ${eventIdOf(event)}`);
        if (name !== 'finance:events#onUnitChanged') return real(event, context);
        if (broken) throw new Error('the finance table is unavailable');
        const result = await real(event, context);
        applied.push(eventIdOf(event));
        return result;
      };
      return ref.file === 'http' ? real : wrapped;
    },
  });
  token = (await platform.issueToken({ roles: ['admin'] })).token;
}, 60_000);

afterAll(async () => {
  await platform?.stop();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${platform.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'en' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface Letter {
  id: string;
  rule: string;
  event: BusEvent;
}

const deadLetters = async (): Promise<Letter[]> =>
  ((await (await fetch(`${platform.url}/_local/dead-letters`)).json()) as { items: Letter[] }).items;

async function createUnit(code: string): Promise<string> {
  const res = await api('POST', '/v1/membership/units', { code, name: `Công đoàn ${code}`, level: 'province' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('dead letters', () => {
  it('are replayed to their rule alone once the consumer is fixed, and take effect exactly once', async () => {
    const unitId = await createUnit(`DL-${Date.now().toString(36).toUpperCase()}`);
    await platform.drain();
    const [letter, ...others] = (await deadLetters()).filter((l) => l.rule === RULE);
    expect(others).toEqual([]);
    expect(letter!.event['detail-type']).toBe('UnitCreated');
    const eventId = eventIdOf(letter!.event);
    expect((await api('GET', `/v1/finance/units/${unitId}`)).status).toBe(404);
    expect(applied).toEqual([]);
    const before = invocations.filter((i) => !i.startsWith('finance:events#onUnitChanged'));

    // Still broken: the redrive fails, and the event is back under a new id.
    const failed = await fetch(`${platform.url}/_local/dead-letters/${letter!.id}/redrive`, {
      method: 'POST',
      headers: { 'accept-language': 'en' },
    });
    expect(failed.status).toBe(502);
    const problem = (await failed.json()) as { code: string; detail: string };
    expect(problem.code).toBe('redrive-failed');
    expect(problem.detail).toContain('the finance table is unavailable');
    const [again] = (await deadLetters()).filter((l) => l.rule === RULE);
    expect(again!.id).not.toBe(letter!.id);
    expect(problem.detail).toContain(again!.id);
    expect(eventIdOf(again!.event)).toBe(eventId);

    // Fixed: two redrives of the same letter at once; one delivers, the other finds nothing.
    broken = false;
    const redrive = () => fetch(`${platform.url}/_local/dead-letters/${again!.id}/redrive`, { method: 'POST' });
    const answers = await Promise.all([redrive(), redrive()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
    const delivered = answers.find((a) => a.status === 200)!;
    expect(await delivered.json()).toMatchObject({ id: again!.id, rule: RULE, status: 'delivered', attempts: 1 });
    const missing = answers.find((a) => a.status === 404)!;
    expect(((await missing.json()) as { code: string }).code).toBe('dead-letter-not-found');

    const profile = await api('GET', `/v1/finance/units/${unitId}`);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ unitId, sourceVersion: 1 });
    expect(applied).toEqual([eventId]);
    expect(await deadLetters()).toEqual([]);
    // The other consumers of UnitCreated got it once, at first delivery: the redrive went to this rule only.
    await platform.drain();
    expect(invocations.filter((i) => !i.startsWith('finance:events#onUnitChanged'))).toEqual(before);
    const history = platform.bus.history().filter((r) => r.redriveOf !== undefined);
    expect(history.map((r) => [r.redriveOf, r.outcomes.map((o) => o.status)])).toEqual([
      [letter!.id, ['dead-lettered']],
      [again!.id, ['delivered']],
    ]);
  });

  it('can be discarded without being delivered', async () => {
    broken = true;
    const unitId = await createUnit(`DX-${Date.now().toString(36).toUpperCase()}`);
    await platform.drain();
    const [letter] = (await deadLetters()).filter((l) => l.rule === RULE);
    broken = false;

    const deleted = await fetch(`${platform.url}/_local/dead-letters/${letter!.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deadLetters()).toEqual([]);
    const twice = await fetch(`${platform.url}/_local/dead-letters/${letter!.id}`, { method: 'DELETE' });
    expect(twice.status).toBe(404);
    const redriven = await fetch(`${platform.url}/_local/dead-letters/${letter!.id}/redrive`, { method: 'POST' });
    expect(redriven.status).toBe(404);
    expect((await api('GET', `/v1/finance/units/${unitId}`)).status).toBe(404);
    expect(applied).not.toContain(eventIdOf(letter!.event));
  });
});
