import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@congdoan/contracts';
import { createClients } from '@congdoan/ddb';
import { createLogger } from '@congdoan/http-kit';
import type { Platform } from '@congdoan/local';
import { MANIFESTS } from '@congdoan/registry';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bola, CASE_STEP_BODIES } from '../../services/inspection/test/bola.fixture.ts';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';
import { everyItem } from '../support/tables.ts';

/**
 * The confidentiality matrix of a denouncer's identity (issue 10, item 4): a denunciation is
 * received with the person's name, CCCD, phone, email and address; then every route of the
 * inspection service is called by every role, and nothing the service answers, publishes, stores
 * or logs carries any of them, except the one audited reveal by an inspector assigned to the case.
 * Then denunciations with the same person are carried through every step to each of their ends,
 * each step refused to every other role first, and the same holds of the answers (the report's
 * .xlsx read cell by cell), the events, the audit images and what reached the loggers.
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

/**
 * Everything the services hand to their loggers, from here on, at any level. The test platform's
 * loggers are SILENT (test/support/setup-env.ts), so what they write says little: the arguments
 * of every call are what any level would log, before the logger's redaction.
 */
const LOG_METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'critical'] as const;
type LogMethod = (this: unknown, ...args: unknown[]) => unknown;
const loggerPrototype = Object.getPrototypeOf(createLogger('probe')) as Record<(typeof LOG_METHODS)[number], LogMethod>;
const loggerMethods = Object.fromEntries(LOG_METHODS.map((m) => [m, loggerPrototype[m]])) as typeof loggerPrototype;
const loggedCalls: string[] = [];
const withErrors = (_key: string, value: unknown) =>
  value instanceof Error ? { ...value, name: value.name, message: value.message, stack: value.stack } : value;
function captureLoggers() {
  for (const method of LOG_METHODS) {
    const original = loggerMethods[method];
    loggerPrototype[method] = function (this: unknown, ...args: unknown[]) {
      loggedCalls.push(JSON.stringify(args, withErrors));
      return original.apply(this, args);
    };
  }
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
  captureLoggers();
});
afterAll(() => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
  Object.assign(loggerPrototype, loggerMethods);
});

/** Every item of the inspection table (a test may Scan; the service never does). */
const inspectionItems = () =>
  everyItem({ ...createClients({ endpoint: platform.dynamoEndpoint }), tableName: platform.tables.inspection! });

type Answer = { what: string; body: unknown };
type Workbook = { filename: string; base64: string };
const isWorkbook = (body: unknown): body is Workbook =>
  typeof body === 'object' &&
  body !== null &&
  'base64' in body &&
  String((body as Workbook).filename).endsWith('.xlsx');

/** Every cell of an exported workbook, as text, one line per row: what a string search of the file cannot see. */
async function workbookCells(file: Workbook): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.eachSheet((sheet) => {
    rows.push([sheet.name]);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells.push(cell.text);
      });
      rows.push(cells);
    });
  });
  return rows;
}

/** The answers carrying any of the identity's strings, in their JSON or in the cells of a workbook they hold. */
async function leakingAnswers(answers: readonly Answer[]): Promise<{ what: string; leaks: string[] }[]> {
  const out = [];
  for (const answer of answers) {
    const found = leaks(answer.body);
    if (isWorkbook(answer.body)) found.push(...leaks((await workbookCells(answer.body)).flat().join('\n')));
    if (found.length > 0) out.push({ what: answer.what, leaks: found });
  }
  return out;
}

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
    // The year a real one, so that the report and its .xlsx are read, not refused for the path.
    const ids: Record<string, string> = { cases: caseId, units: units.upper, year: '2026' };
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

    expect(await leakingAnswers(answers)).toEqual([]);
    expect(answers.filter((a) => isWorkbook(a.body)).length).toBeGreaterThan(0);

    const events = platform.bus.history().filter((r) => r.event.source === 'congdoan.inspection');
    expect(events.some((r) => JSON.stringify(r.event).includes(caseId))).toBe(true);
    for (const record of events) expect(leaks(record.event), record.event['detail-type']).toEqual([]);

    const stored = await inspectionItems();
    for (const item of stored) expect(leaks(item), `${item.pk} / ${item.sk}`).toEqual([]);
    const reveals = stored.filter((i) => i.pk === `AUDIT#case-identity#${caseId}`);
    expect(reveals).toHaveLength(1);
    expect(reveals[0]).toMatchObject({
      action: 'reveal',
      after: { reason: 'Mời người tố cáo đến làm việc, bổ sung chứng cứ' },
    });
    expect(stored.filter((i) => i.pk === `CASE#${caseId}` && i.sk === 'IDENTITY')).toHaveLength(1);

    expect(leaks(logs.join(''))).toEqual([]);
    expect(loggedCalls.some((c) => c.includes('"revealCaseIdentity"'))).toBe(true);
    expect(leaks(loggedCalls.join('\n'))).toEqual([]);
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

  it('appears nowhere through every step of denunciations carried to their end by the roles allowed, nor in the refusals of every other role', async () => {
    const routes = MANIFESTS.find((m) => m.service === 'inspection')!.routes;
    const route = (operationId: string) => routes.find((r) => r.operationId === operationId)!;
    const apis = Object.fromEntries(
      await Promise.all(
        (ROLES as readonly Role[]).map(async (role) => [
          role,
          client(platform, await tokenFor(platform, [role], role === 'admin' ? undefined : units.upper)),
        ]),
      ),
    ) as Record<Role, ReturnType<typeof client>>;
    const ubkt = apis.inspector;
    // The committee of CĐCS A: the cases are its upper level's, out of its sight.
    const outside = client(platform, await tokenFor(platform, ['inspector'], units.a));
    const answers: Answer[] = [];
    type Course = { id: string; version: number; steps: string[] };

    const open = async (complexity: string): Promise<Course> => {
      const res = await ubkt.post(
        '/v1/inspection/cases',
        {
          handlingUnitId: units.upper,
          class: 'denunciation',
          channel: 'post',
          receivedOn: '2026-11-02',
          person: PERSON,
          subject: { kind: 'member', memberId: accused },
          content: 'Tố cáo việc lập khống chứng từ chi hoạt động.',
          complexity,
        },
        { 'idempotency-key': randomUUID() },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.person).toEqual({ withheld: true });
      answers.push({ what: `intake ${res.body.id}`, body: res.body });
      return { id: res.body.id, version: 1, steps: ['receive'] };
    };

    /**
     * One step with the case's current ETag: first refused to every role the route does not
     * allow (403) and to the committee of a unit below (404), then taken by `by`. That the step
     * then succeeds on the same ETag shows no refusal changed the case.
     */
    const take = async (
      c: Course,
      operationId: string,
      body: unknown,
      stage: string,
      by: ReturnType<typeof client> = ubkt,
    ) => {
      const { path: template, roles } = route(operationId);
      const path = template.replace('{id}', c.id);
      const ifMatch = { 'if-match': `W/"${c.version}"` };
      for (const role of (ROLES as readonly Role[]).filter((r) => !roles.includes(r))) {
        const refused = await apis[role].post(path, body, ifMatch);
        expect(refused.status, `${role} ${operationId}`).toBe(403);
        answers.push({ what: `${role} ${operationId} refused`, body: refused.body });
      }
      const unseen = await outside.post(path, body, ifMatch);
      expect(unseen.status, `inspector below ${operationId}`).toBe(404);
      answers.push({ what: `inspector below ${operationId}`, body: unseen.body });
      const res = await by.post(path, body, ifMatch);
      expect(res.status, `${operationId} ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body).toMatchObject({ id: c.id, stage, version: c.version + 1, person: { withheld: true } });
      expect(res.headers.get('etag')).toBe(`W/"${c.version + 1}"`);
      answers.push({ what: `${operationId} ${c.id}`, body: res.body });
      c.version += 1;
      c.steps.push(path.split('/').at(-1)!);
    };

    // The full course: verification before acceptance, assignment, acceptance, verification,
    // both extensions of an especially complex denunciation, conclusion and decision.
    const full = await open('especially-complex');
    await take(full, 'verifyCase', { date: '2026-11-03', note: 'Xác minh ban đầu trước khi thụ lý' }, 'received');
    await take(full, 'assignCase', { date: '2026-11-04', memberIds: inspectors }, 'received');
    await take(full, 'acceptCase', { date: '2026-11-05', note: 'Đủ điều kiện thụ lý' }, 'accepted');
    const board = await ubkt.get(`/v1/inspection/units/${units.upper}/deadlines?limit=200`);
    expect(board.status).toBe(200);
    answers.push({ what: 'board', body: board.body });
    await take(full, 'verifyCase', { date: '2026-11-06', note: 'Làm việc với người bị tố cáo' }, 'verifying');
    for (const [n, date] of [
      [1, '2026-11-09'],
      [2, '2026-11-10'],
    ] as const) {
      await take(
        full,
        'extendCase',
        { date, decision: { number: `${n}/QĐ-GH`, date }, reason: 'Vụ việc đặc biệt phức tạp' },
        'verifying',
      );
    }
    await take(
      full,
      'concludeCase',
      { date: '2026-11-20', number: '3/KL-UBKT', summary: 'Tố cáo đúng một phần' },
      'concluded',
    );
    await take(
      full,
      'decideCase',
      { date: '2026-11-23', number: '4/QĐ-UBKT', summary: 'Khiển trách' },
      'decided',
      apis.admin,
    );
    // The other ends: refused (by an admin), transferred and withdrawn after acceptance.
    const refused = await open('normal');
    await take(refused, 'refuseCase', { date: '2026-11-03', reason: 'Không đủ căn cứ thụ lý' }, 'refused', apis.admin);
    const transferred = await open('normal');
    await take(transferred, 'acceptCase', { date: '2026-11-03' }, 'accepted');
    await take(transferred, 'transferCase', { date: '2026-11-04', competentBody: 'Thanh tra tỉnh' }, 'transferred');
    const withdrawn = await open('complex');
    await take(withdrawn, 'acceptCase', { date: '2026-11-03' }, 'accepted', apis.admin);
    await take(withdrawn, 'withdrawCase', { date: '2026-11-04', note: 'Người tố cáo rút đơn' }, 'withdrawn');
    const courses = [full, refused, transferred, withdrawn];

    // Every step again on the ended cases, with their current ETag: the state machine's refusals.
    for (const c of courses) {
      for (const operationId of Object.keys(CASE_STEP_BODIES).filter((o) => o !== 'revealCaseIdentity')) {
        const res = await ubkt.post(
          route(operationId).path.replace('{id}', c.id),
          CASE_STEP_BODIES[operationId]!({ units: inspectors[0] }),
          { 'if-match': `W/"${c.version}"` },
        );
        expect(res.status, `${operationId} on ${c.steps.at(-1)}`).toBe(409);
        answers.push({ what: `${operationId} after ${c.steps.at(-1)}`, body: res.body });
      }
    }
    // Nobody reveals the person of the full course but its assignees: not an admin, not the
    // committee without a member record, not any other role.
    for (const role of ROLES as readonly Role[]) {
      const res = await apis[role].post(`/v1/inspection/cases/${full.id}/reveal-identity`, { reason: 'Xem thử' });
      expect(res.status, role).toBe(403);
      answers.push({ what: `${role} reveal`, body: res.body });
    }
    for (const role of ROLES as readonly Role[]) {
      const res = await apis[role].get(`/v1/inspection/cases/${full.id}`);
      expect(res.status, role).toBe(route('getCase').roles.includes(role) ? 200 : 403);
      answers.push({ what: `${role} reads the case`, body: res.body });
    }

    // The year's report, as JSON and as a workbook read back cell by cell, counts these cases.
    for (const role of route('exportInspectionReport').roles) {
      const report = await apis[role].get(`/v1/inspection/units/${units.upper}/report/2026`);
      expect(report.status, role).toBe(200);
      const denunciations = report.body.cases.byClass.denunciation;
      expect(denunciations.received).toBeGreaterThanOrEqual(courses.length);
      expect(denunciations.refused).toBeGreaterThanOrEqual(1);
      expect(denunciations.transferred).toBeGreaterThanOrEqual(1);
      const file = await apis[role].get(`/v1/inspection/units/${units.upper}/report/2026/export`);
      expect(file.status, role).toBe(200);
      expect(isWorkbook(file.body)).toBe(true);
      const row = (await workbookCells(file.body)).find((cells) => cells[0] === 'Tố cáo');
      expect(row?.slice(1, 5)).toEqual(
        [denunciations.received, denunciations.accepted, denunciations.refused, denunciations.transferred].map(String),
      );
      answers.push({ what: `${role} report`, body: report.body }, { what: `${role} report export`, body: file.body });
    }
    await platform.drain();

    expect(await leakingAnswers(answers)).toEqual([]);

    // Each step on the bus, in order, and the proceeding opened on acceptance and closed at each end.
    const records = platform.bus.history();
    const ours = (c: Course, detailType: string) =>
      records
        .map((r) => r.event)
        .filter((e) => e['detail-type'] === detailType)
        .map((e) => e.detail.data as Record<string, unknown>)
        .filter((d) => d.caseId === c.id || d.proceedingId === c.id);
    for (const c of courses) {
      expect(
        ours(c, 'CaseStepRecorded').map((d) => d.step),
        c.steps.join(),
      ).toEqual(c.steps);
    }
    expect(ours(full, 'ProceedingOpened')).toHaveLength(1);
    for (const [c, outcome] of [
      [full, 'concluded'],
      [transferred, 'transferred'],
      [withdrawn, 'withdrawn'],
    ] as const) {
      expect(ours(c, 'ProceedingClosed').map((d) => d.outcome)).toEqual([outcome]);
    }
    expect(ours(refused, 'ProceedingOpened')).toEqual([]);
    for (const record of records) expect(leaks(record.event), record.event['detail-type']).toEqual([]);

    // The table: each case's audit images, step by step, and no reveal of these cases.
    const stored = await inspectionItems();
    for (const item of stored) expect(leaks(item), `${item.pk} / ${item.sk}`).toEqual([]);
    for (const c of courses) {
      const audits = stored.filter((i) => i.pk === `AUDIT#case#${c.id}`);
      expect(audits.map((a) => a.action).sort()).toEqual([...c.steps].sort());
      expect(audits.every((a) => a.after !== null)).toBe(true);
      expect(stored.filter((i) => i.pk === `CASE#${c.id}` && i.sk === 'IDENTITY')).toHaveLength(1);
      expect(stored.filter((i) => i.pk === `AUDIT#case-identity#${c.id}`)).toEqual([]);
    }

    // Every step reached the services' loggers, and none carried the identity there.
    for (const operationId of ['openCase', ...Object.keys(CASE_STEP_BODIES)]) {
      expect(
        loggedCalls.some((c) => c.includes(`"${operationId}"`)),
        operationId,
      ).toBe(true);
    }
    expect(leaks(loggedCalls.join('\n'))).toEqual([]);
    expect(leaks(logs.join(''))).toEqual([]);
  });
});
