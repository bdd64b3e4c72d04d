import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Platform } from '@congdoan/local';
import { afterAll, describe, expect, it } from 'vitest';
import { agency, client, startTestPlatform, uniqueCode } from '../support/platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'congdoan-restart-'));
let platform: Platform | undefined;

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The product as `npm start` runs it: its own DynamoDB Local with data on disk. */
const start = (ports: { port: number; dynamoPort: number }, startPollers: boolean) =>
  startTestPlatform({ dataDir, dynamoEndpoint: undefined, ...ports, tablePrefix: 'congdoan-local-', startPollers });

describe('stopping and restarting the product', () => {
  it('loses no unit and no undelivered event', async () => {
    // Same ports, as `npm start` keeps them: the token issuer names the gateway's port.
    const ports = { port: await freePort(), dynamoPort: await freePort() };
    platform = await start(ports, false);
    const { token } = await platform.issueToken({ roles: ['admin'] });
    const admin = client(platform, token);
    const root = (
      await admin.post('/v1/membership/units', { code: uniqueCode('R'), name: 'LĐLĐ tỉnh', level: 'province' })
    ).body;
    const upper = (
      await admin.post('/v1/membership/units', {
        code: uniqueCode('U'),
        name: 'CĐ Viên chức',
        level: 'upper',
        parentId: root.id,
      })
    ).body;
    const created = await admin.post('/v1/membership/units', {
      code: uniqueCode('C'),
      name: 'CĐCS viết trước khi dừng',
      level: 'grassroots',
      parentId: upper.id,
      agency: agency('2400555666'),
    });
    expect(created.status).toBe(201);
    // The pollers are off: the events are in the outbox, not yet delivered, when the product stops.
    expect(platform.bus.history().some((r) => r.event['detail-type'] === 'UnitCreated')).toBe(false);
    await platform.stop();
    platform = undefined;

    platform = await start(ports, true);
    const again = client(platform, token); // the signing key survived too
    expect((await again.get(`/v1/membership/units/${created.body.id}`)).body).toMatchObject({
      name: 'CĐCS viết trước khi dừng',
    });
    await platform.drain();
    const profile = await again.get(`/v1/finance/units/${created.body.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ taxId: '2400555666', parentId: upper.id });
    const deliveries = platform.bus
      .history()
      .filter((r) => (r.event.detail.data as { unit?: { id: string } }).unit?.id === created.body.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });
});
