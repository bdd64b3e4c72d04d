import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ROLES, type Role } from '@congdoan/contracts';
import { createClients } from '@congdoan/ddb';
import type { Platform } from '@congdoan/local';
import { MANIFESTS } from '@congdoan/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bola, CASE_STEP_BODIES } from '../../services/inspection/test/bola.fixture.ts';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * The confidentiality matrix of a denouncer's identity (issue 10, item 4): a denunciation is
 * received with the person's name, CCCD, phone, email and address; then every route of the
 * inspection service is called by every role, and nothing the service answers, publishes, stores
 * or logs carries any of them, except the one audited reveal by an inspector assigned to the case.
 */
const PERSON = {
  fullName: 'Vương Thị Bảo Mật',
  cccd: '031190077788',
  phone: '0977123456',
  email: 'bao.mat@example.vn',
  address: 'Số 99 phố Kín Đáo, Bắc Giang',
};
const SECRETS = Object.values(PERSON);
const leaks = (what: unknown) => {
  const text = typeof what === 'string' ? what : JSON.stringify(what ?? null);
  return SECRETS.filter((s) => text.includes(s));
};

let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let inspectors: [string, string];
let accused: string;
let seq = 0;

/** Everything the process writes (the handlers' logs), from here on. */
const logs: string[] = [];
const writes = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
function capture(stream: NodeJS.WriteStream, original: typeof writes.out) {
  stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return original(chunk, ...rest);
  }) as typeof stream.write;
}

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường E', 'CĐCS Trường G'], '2402');
  inspectors = [await activeMember(admin, units.b, 'Hà Văn Xét'), await activeMember(admin, units.b, 'Hà Thị Xét')];
  accused = await activeMember(admin, units.a, 'Đinh Văn Bị');
  const term = await admin.post(`/v1/membership/units/${units.b}/terms`, {
    congressDate: '2023-05-10',
    startDate: '2023-05-10',
    endDate: '2028-05-10',
  });
  expect(term.status, JSON.stringify(term.body)).toBe(201);
  for (const memberId of inspectors) {
    const seat = await admin.post(`/v1/membership/terms/${term.body.id}/appointments`, {
      memberId,
      position: 'inspection-member',
      from: '2023-05-10',
      decisionNumber: `${++seq}/QĐ-UBKT-MAT`,
    });
    expect(seat.status, JSON.stringify(seat.body)).toBe(201);
  }
  await platform.drain();
  capture(process.stdout, writes.out);
  capture(process.stderr, writes.err);
});
afterAll(() => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
});

const asMember = async (memberId: string) =>
  client(
    platform,
    (await platform.issueToken({ roles: ['inspector'], unitId: units.upper, extraClaims: { member_id: memberId } }))
      .token,
  );

describe('a denouncer’s identity', () => {
  it('appears in no answer, event, stored item, audit image or log, but the audited reveal to an assigned inspector', async () => {
    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const intake = {
      handlingUnitId: units.upper,
      class: 'denunciation',
      channel: 'in-person',
      // Accepted 02/10, its resolution (30 days) is overdue by December: on the board.
      receivedOn: '2026-10-01',
      person: PERSON,
      subject: { kind: 'member', memberId: accused },
      content: 'Tố cáo việc thu chi quỹ công đoàn không minh bạch.',
      complexity: 'complex',
    };
    const answers: { what: string; body: unknown }[] = [];
    const received = await ubkt.post('/v1/inspection/cases', intake, { 'idempotency-key': randomUUID() });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    expect(received.body.person).toEqual({ withheld: true });
    answers.push({ what: 'intake', body: received.body });
    const caseId = received.body.id as string;

    // Refusals of a body that holds the identity echo none of it.
    for (const bad of [
      { ...intake, person: { ...PERSON, cccd: PERSON.cccd.slice(1) } },
      { ...intake, class: 'anonymous-report' },
      { ...intake, person: { ...PERSON, nickname: PERSON.fullName } },
      { ...intake, receivedOn: '2099-01-01' },
    ]) {
      const refused = await ubkt.post('/v1/inspection/cases', bad);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      answers.push({ what: `refused intake ${refused.status}`, body: refused.body });
    }

    const step = async (name: string, body: unknown) => {
      const res = await ubkt.post(`/v1/inspection/cases/${caseId}/${name}`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      answers.push({ what: name, body: res.body });
    };
    await step('assign', { date: '2026-10-01', memberIds: inspectors });
    await step('accept', { date: '2026-10-02' });
    const scheduled = await fetch(`${platform.url}/_local/schedules/inspection-case-deadlines/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(scheduled.status).toBeLessThan(300);

    // Every route of the service, by every role.
    const routes = MANIFESTS.find((m) => m.service === 'inspection')!.routes;
    const ids: Record<string, string> = { cases: caseId, units: units.upper };
    for (const role of ROLES as readonly Role[]) {
      const api = client(platform, await tokenFor(platform, [role], role === 'admin' ? undefined : units.upper));
      for (const route of routes) {
        const path = route.path.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
          const kind = name === 'id' ? route.path.slice(0, offset).split('/').at(-2)! : name;
          return ids[kind] ?? randomUUID();
        });
        const body =
          (CASE_STEP_BODIES[route.operationId] ?? bola.bodies?.[route.operationId])?.(ids, undefined as never) ?? {};
        const query = route.method === 'GET' && route.path.endsWith('/deadlines') ? '?limit=200' : '';
        const res =
          route.method === 'GET'
            ? await api.get(`${path}${query}`)
            : await api.post(path, body, { 'if-match': 'W/"99"' });
        answers.push({ what: `${role} ${route.method} ${route.path} → ${res.status}`, body: res.body });
      }
    }
    // The assigned inspectors' reads as themselves: the case, the board.
    const one = await asMember(inspectors[0]);
    for (const path of [`/v1/inspection/cases/${caseId}`, `/v1/inspection/units/${units.upper}/deadlines`]) {
      const res = await one.get(path);
      expect(res.status, path).toBe(200);
      answers.push({ what: `assigned ${path}`, body: res.body });
    }
    const board = await one.get(`/v1/inspection/units/${units.upper}/deadlines`);
    expect(board.body.items.map((e: { caseId: string }) => e.caseId)).toContain(caseId);

    // An admin, and an inspector not assigned, are refused the reveal.
    const notAssigned = await (await asMember(accused)).post(`/v1/inspection/cases/${caseId}/reveal-identity`, {
      reason: 'Tò mò',
    });
    expect(notAssigned.status).toBe(403);
    answers.push({ what: 'reveal by someone not assigned', body: notAssigned.body });

    // The one answer that carries the identity: the reveal, to an assigned inspector, audited.
    const revealed = await one.post(`/v1/inspection/cases/${caseId}/reveal-identity`, {
      reason: 'Mời người tố cáo đến làm việc, bổ sung chứng cứ',
    });
    expect(revealed.status, JSON.stringify(revealed.body)).toBe(200);
    expect(revealed.body.person).toEqual(PERSON);
    await platform.drain();

    for (const answer of answers) expect(leaks(answer.body), answer.what).toEqual([]);

    const events = platform.bus.history().filter((r) => r.event.source === 'congdoan.inspection');
    expect(events.some((r) => JSON.stringify(r.event).includes(caseId))).toBe(true);
    for (const record of events) expect(leaks(record.event), record.event['detail-type']).toEqual([]);

    const db = createClients({ endpoint: platform.dynamoEndpoint });
    const stored = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(
        new ScanCommand({ TableName: platform.tables.inspection!, ExclusiveStartKey: start }),
      );
      stored.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    for (const item of stored) expect(leaks(item), `${item.pk} / ${item.sk}`).toEqual([]);
    const reveals = stored.filter((i) => i.pk === `AUDIT#case-identity#${caseId}`);
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({
      action: 'reveal',
      after: { reason: 'Mời người tố cáo đến làm việc, bổ sung chứng cứ' },
    });
    expect(stored.filter((i) => i.pk === `CASE#${caseId}` && i.sk === 'IDENTITY')).toHaveLength(1);

    expect(leaks(logs.join(''))).toEqual([]);
  });

  it('refuses a complaint past its filing limit or the congress cut-off in Vietnamese, or in English on request', async () => {
    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const complaint = {
      handlingUnitId: units.upper,
      class: 'complaint-first',
      channel: 'post',
      receivedOn: '2026-05-05',
      knewOn: '2026-02-03',
      person: PERSON,
      subject: { kind: 'unit', unitId: units.a },
      content: 'Khiếu nại quyết định kỷ luật.',
    };
    const vi = await ubkt.post('/v1/inspection/cases', complaint);
    expect(vi.status).toBe(422);
    expect(vi.headers.get('content-type')).toContain('application/problem+json');
    expect(vi.body).toMatchObject({ code: 'filing-limit-passed' });
    expect(vi.body.detail).toContain('Đã hết thời hiệu khiếu nại');
    expect(vi.body.detail).toContain('04/05/2026');
    const congress = {
      ...complaint,
      receivedOn: '2026-04-22',
      knewOn: undefined,
      congress: { date: '2026-05-29', level: 'grassroots' },
    };
    const en = await ubkt.post('/v1/inspection/cases', congress, { 'accept-language': 'en' });
    expect(en.status).toBe(422);
    expect(en.body).toMatchObject({ code: 'congress-cutoff-passed' });
    expect(en.body.detail).toContain('last day 2026-04-21');
    expect(en.body.detail).toContain('Guidance 63/HD-TLĐ');
    for (const res of [vi, en]) expect(leaks(res.body)).toEqual([]);
  });
});
