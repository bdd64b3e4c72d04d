/**
 * Issue 9, item 14: the local platform keeps members' data to its owner. DynamoDB Local
 * listens on the loopback interface only, /health does not say where it is, the data folder
 * is 0700 with its files 0600, and the event log masks personal fields as the logs do.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusEvent } from '@congdoan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/dynamodb.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { stubHandlers, stubManifest } from './stub-service.ts';

const CCCD = '001190012345';
const NAME = 'Nguyễn Thị Hoa';
const SALARY = 5_200_000;

const dataDir = join(mkdtempSync(join(tmpdir(), 'congdoan-private-')), 'data');
let platform: Platform;
const received: BusEvent[] = [];

/** A member event as membership writes it: the whole member, CCCD, name and salary included. */
const memberEvent = (eventId: string) => ({
  metadata: {
    eventId,
    eventVersion: 1,
    occurredAt: '2026-01-05T08:00:00.000Z',
    correlationId: randomUUID(),
    actor: { id: 'user-1', roles: ['officer'], unitId: 'U-1' },
  },
  data: {
    member: {
      id: 'M-1',
      unitId: 'U-1',
      cccd: CCCD,
      fullName: NAME,
      duesSalary: SALARY,
      phone: '0912345678',
      healthCondition: 'điều trị ung thư',
      version: 1,
    },
  },
});

beforeAll(async () => {
  // A data folder an earlier version left readable by others, with an unmasked event log.
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const oldRecord = {
    event: { id: 'old-1', 'detail-type': 'MemberAdmitted', source: 'congdoan.membership', detail: memberEvent('e-0') },
    outcomes: [],
  };
  await writeFile(join(dataDir, 'events.jsonl'), `${JSON.stringify(oldRecord)}\n`, { mode: 0o644 });
  chmodSync(join(dataDir, 'events.jsonl'), 0o644);

  const stub = stubHandlers();
  platform = await startPlatform({
    port: 0,
    dynamoPort: await freePort(),
    dataDir,
    manifests: [stubManifest],
    resolveHandler: stub.resolveHandler,
    quiet: true,
    startScheduler: false,
    bus: { maxAttempts: 1, baseDelayMs: 1 },
    extraRules: [
      {
        ruleName: 'test-member-roster',
        service: 'test',
        pattern: { 'detail-type': ['MemberAdmitted'] },
        async invoke(event) {
          received.push(event);
        },
      },
      {
        ruleName: 'test-member-broken',
        service: 'test',
        pattern: { 'detail-type': ['MemberAdmitted'] },
        async invoke() {
          throw new Error(`member ${CCCD} could not be saved`);
        },
      },
    ],
  });
  // Something through the pipe, so the checkpoints and the outbox ledger are written too.
  const { token } = await platform.issueToken({ roles: ['admin'] });
  const created = await fetch(`${platform.url}/v1/membership/things`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'thing' }),
  });
  expect(created.status).toBe(201);
  await platform.bus.publish({
    source: 'congdoan.membership',
    detailType: 'MemberAdmitted',
    detail: memberEvent('e-1'),
  });
  await platform.drain();
  await platform.bus.close(); // flushes the files; the platform stops in afterAll
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

describe('DynamoDB Local', () => {
  it('listens on the loopback interface only', async () => {
    const port = Number(new URL(platform.dynamoEndpoint).port);
    const addresses = listeningAddresses(port);
    if (addresses !== null) {
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of addresses) expect(address, `listening on ${address}`).toBe('127.0.0.1');
    }
    // From another interface of this machine, nobody answers.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const host of others) expect(await canConnect(host, port), host).toBe(false);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
  });

  it('is not named by /health', async () => {
    const res = await fetch(`${platform.url}/health`);
    const text = await res.text();
    const health = JSON.parse(text) as { dynamodb: Record<string, unknown> };
    expect(health.dynamodb.endpoint).toBeUndefined();
    expect(text).not.toContain(platform.dynamoEndpoint);
    expect(text).not.toContain(`:${new URL(platform.dynamoEndpoint).port}`);
  });
});

describe('the data folder', () => {
  it('is the owner’s only: folders 0700, files 0600, DynamoDB’s database included', () => {
    const entries = walk(dataDir);
    const files = entries.filter((e) => e.kind === 'file').map((e) => e.path.slice(dataDir.length + 1));
    for (const name of [
      'events.jsonl',
      'dead-letters.jsonl',
      'checkpoints.json',
      'outbox-ledger.jsonl',
      'jwt-key.json',
      'platform.lock',
      join('dynamodb', 'shared-local-instance.db'),
    ]) {
      expect(files).toContain(name);
    }
    for (const entry of entries) {
      expect(entry.mode.toString(8), entry.path).toBe(entry.kind === 'dir' ? '700' : '600');
    }
  });
});

describe('the event log', () => {
  it('masks personal fields in events.jsonl and /_local/events, old lines included, while consumers get the event whole', async () => {
    expect(received).toHaveLength(1);
    expect(received[0]!.detail.data).toMatchObject({ member: { cccd: CCCD, fullName: NAME, duesSalary: SALARY } });

    const log = readFileSync(join(dataDir, 'events.jsonl'), 'utf8');
    const listed = await (await fetch(`${platform.url}/_local/events?limit=1000`)).text();
    for (const text of [log, listed]) {
      for (const secret of [CCCD, NAME, String(SALARY), '0912345678', 'ung thư']) expect(text).not.toContain(secret);
    }
    const items = (JSON.parse(listed) as { items: { event: BusEvent }[] }).items;
    const member = items.find((i) => i.event['detail-type'] === 'MemberAdmitted' && i.event.id !== 'old-1')!.event
      .detail.data as { member: Record<string, unknown> };
    expect(member.member).toMatchObject({ id: 'M-1', unitId: 'U-1', cccd: '***', fullName: '***', duesSalary: '***' });
    expect(member.member.healthCondition).toBe('***');
  });

  it('keeps a dead letter whole in its private file, to redrive it, and lists it masked', async () => {
    const file = readFileSync(join(dataDir, 'dead-letters.jsonl'), 'utf8');
    const letter = JSON.parse(file.trim().split('\n').at(-1)!) as { event: BusEvent; error: string };
    expect(letter.event.detail.data).toMatchObject({ member: { cccd: CCCD } });
    expect(letter.error).not.toContain(CCCD);

    const listed = await (await fetch(`${platform.url}/_local/dead-letters`)).text();
    expect(listed).not.toContain(CCCD);
    expect(listed).not.toContain(NAME);
    expect(JSON.parse(listed)).toMatchObject({ count: 1, items: [{ rule: 'test-member-broken' }] });
  });
});

/**
 * The addresses listening on `port`, from /proc/net/tcp and tcp6 (Linux); `null` elsewhere.
 * IPv4-mapped IPv6 addresses are given as IPv4; the wildcard as 0.0.0.0 or ::.
 */
function listeningAddresses(port: number): string[] | null {
  if (!existsSync('/proc/net/tcp')) return null;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [address, localPort] = local.split(':');
      if (localPort !== hexPort || !address) continue;
      found.push(address.length === 8 ? ipv4(address) : ipv6(address));
    }
  }
  return found;
}

/** /proc's IPv4: the 32-bit address as host-order (little-endian) hex. */
function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

/** /proc's IPv6: four 32-bit words, each little-endian hex. */
function ipv6(hex: string): string {
  const bytes = [0, 1, 2, 3].flatMap((w) => {
    const word = hex.slice(w * 8, w * 8 + 8);
    return [3, 2, 1, 0].map((i) => Number.parseInt(word.slice(i * 2, i * 2 + 2), 16));
  });
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return bytes.slice(12).join('.');
  if (bytes.every((b) => b === 0)) return '::';
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function walk(dir: string): { path: string; kind: 'dir' | 'file'; mode: number }[] {
  const out: { path: string; kind: 'dir' | 'file'; mode: number }[] = [
    { path: dir, kind: 'dir', mode: statSync(dir).mode & 0o777 },
  ];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push({ path, kind: 'file', mode: statSync(path).mode & 0o777 });
  }
  return out;
}
