import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LaunchMovementInput, RegisterInput } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  confirmDeeds,
  getRegistration,
  launchMovement,
  listMovementRegistrations,
  register,
  registrationTotals,
  unitMovements,
  visibleMovement,
} from '../../src/app/movements.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { as, depsOn, member, outcome } from './world.ts';

/** Movements, registrations and deeds on DynamoDB Local, with the totals kept in the same transactions. */
const MEMBERS = [member('m-a', 'cdcs-a'), member('m-sec', 'section-a'), member('m-b', 'cdcs-b')];
let db: Db;
let deps: EmulationDeps;

const campaign = (unitId: string, overrides: Partial<LaunchMovementInput> = {}): LaunchMovementInput => ({
  unitId,
  kind: 'campaign',
  theme: 'Trung thành, trách nhiệm, liêm chính, sáng tạo',
  period: { from: '2026-01-01', to: '2026-12-31' },
  registrationDeadline: '2026-06-30',
  criteria: ['Đăng ký việc làm theo Bác', 'Sáng kiến cải tiến'],
  ...overrides,
});
const deeds = (memberId: string, count: number): RegisterInput => ({
  kind: 'deeds',
  registrant: { kind: 'member', memberId },
  count,
  description: 'Tiết kiệm điện, giấy trong cơ quan',
});

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = depsOn(db, MEMBERS);
});

describe('movements', () => {
  it('apply to the launching unit’s subtree: listed for a unit below, hidden from a sibling', async () => {
    const upperCampaign = await launchMovement(deps, as('upper'), campaign('upper'));
    const own = await launchMovement(
      deps,
      as('cdcs-a'),
      campaign('cdcs-a', { kind: 'movement', theme: 'Dân vận khéo' }),
    );
    const old = await launchMovement(
      deps,
      as('upper'),
      campaign('upper', {
        theme: 'Cũ',
        period: { from: '2024-01-01', to: '2025-12-31' },
        registrationDeadline: '2024-03-01',
      }),
    );

    const ofA = await unitMovements(deps, { unitId: 'cdcs-a' }, 'section-a', 2026);
    expect(ofA.items.map((m) => m.id).sort()).toEqual([upperCampaign.id, own.id].sort());
    expect((await unitMovements(deps, { unitId: 'cdcs-b' }, 'cdcs-b', 2026)).items.map((m) => m.id)).toEqual([
      upperCampaign.id,
    ]);
    expect((await unitMovements(deps, { unitId: null }, 'cdcs-b', 2025)).items.map((m) => m.id)).toEqual([old.id]);

    // Visible below the launcher (it is theirs), and above it; a sibling gets the 404 of a missing one.
    expect((await visibleMovement(deps, { unitId: 'section-a' }, upperCampaign.id)).id).toBe(upperCampaign.id);
    expect((await visibleMovement(deps, { unitId: 'province' }, own.id)).id).toBe(own.id);
    const message = (p: Promise<unknown>) =>
      p.then(
        () => 'found',
        (e: Error) => e.message,
      );
    const hidden = await message(visibleMovement(deps, { unitId: 'cdcs-b' }, own.id));
    const missing = await message(visibleMovement(deps, { unitId: 'cdcs-b' }, 'no-such-id'));
    expect(hidden).toBe(missing.replace('no-such-id', own.id));
    expect(await outcome(unitMovements(deps, { unitId: 'cdcs-b' }, 'cdcs-a', 2026))).toBe('not-found:not-found');
  });
});

describe('registrations', () => {
  it('count in the registrant’s unit and every unit above it, per movement only up to its launcher', async () => {
    const m = await launchMovement(deps, as('upper'), campaign('upper', { theme: 'Việc làm theo Bác' }));
    const reg = await register(deps, as('cdcs-a'), m.id, deeds('m-sec', 12));
    expect(reg).toMatchObject({ unitId: 'section-a', registeredOn: '2026-03-10', status: 'registered' });
    await register(deps, as('cdcs-a'), m.id, {
      kind: 'title',
      registrant: { kind: 'unit', unitId: 'cdcs-a' },
      titleCode: 'tap-the-lao-dong-xuat-sac',
    });
    await register(deps, as('cdcs-b'), m.id, {
      kind: 'commitment',
      registrant: { kind: 'member', memberId: 'm-b' },
      commitment: 'Không vi phạm đạo đức nghề nghiệp',
    });

    const year = { from: 2026, to: 2026, movementId: m.id };
    expect((await registrationTotals(deps, { unitId: null }, 'upper', year)).totals).toEqual({
      titleRegistrations: 1,
      commitmentRegistrations: 1,
      deedRegistrations: 1,
      deedsRegistered: 12,
      deedRegistrationsConfirmed: 0,
      deedsDone: 0,
    });
    expect((await registrationTotals(deps, { unitId: null }, 'cdcs-a', year)).totals).toMatchObject({
      titleRegistrations: 1,
      commitmentRegistrations: 0,
      deedsRegistered: 12,
    });
    // Above the launcher there are no totals of this movement, but the province counts them among all.
    expect((await registrationTotals(deps, { unitId: null }, 'province', year)).byYear).toEqual([]);
    const all = await registrationTotals(deps, { unitId: null }, 'province', { from: 2026, to: 2026 });
    expect(all.totals.deedsRegistered).toBeGreaterThanOrEqual(12);

    const done = await confirmDeeds(deps, as('cdcs-a'), reg.id, { on: '2026-03-10', count: 10 });
    expect(done).toMatchObject({ status: 'confirmed', deeds: { count: 12, done: { count: 10, on: '2026-03-10' } } });
    expect((await registrationTotals(deps, { unitId: null }, 'cdcs-a', year)).totals).toMatchObject({
      deedRegistrationsConfirmed: 1,
      deedsDone: 10,
    });
    expect(await outcome(confirmDeeds(deps, as('cdcs-a'), reg.id, { on: '2026-03-10' }))).toBe(
      'conflict:already-confirmed',
    );
    expect((await getRegistration(deps, { unitId: 'section-a' }, reg.id)).status).toBe('confirmed');

    // The launcher's level reads all three; a CĐCS below it, its own.
    const listed = await listMovementRegistrations(deps, { unitId: 'upper' }, m.id, { limit: 50 });
    expect(listed.items).toHaveLength(3);
    const ofA = await listMovementRegistrations(deps, { unitId: 'cdcs-a' }, m.id, { limit: 50 });
    expect(ofA.items.map((r) => r.unitId).sort()).toEqual(['cdcs-a', 'section-a']);
    const first = await listMovementRegistrations(deps, { unitId: null }, m.id, { limit: 2 });
    const rest = await listMovementRegistrations(deps, { unitId: null }, m.id, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((r) => r.id).sort()).toEqual(listed.items.map((r) => r.id).sort());
  });

  it('are refused outside the rules: closed, outside the movement, not active, a title of the other kind, a non-deed confirmed', async () => {
    const mA = await launchMovement(deps, as('cdcs-a'), campaign('cdcs-a', { registrationDeadline: '2026-02-28' }));
    expect(await outcome(register(deps, as('cdcs-a'), mA.id, deeds('m-a', 1)))).toBe(
      'unprocessable:registration-closed',
    );
    const open = await launchMovement(deps, as('cdcs-a'), campaign('cdcs-a'));
    expect(
      await outcome(register(deps, as(null), open.id, deeds('m-b', 1))), // m-b is in cdcs-b
    ).toBe('unprocessable:outside-movement');
    expect(
      await outcome(
        register(deps, as('cdcs-a'), open.id, {
          kind: 'title',
          registrant: { kind: 'member', memberId: 'm-a' },
          titleCode: 'tap-the-lao-dong-xuat-sac',
        }),
      ),
    ).toBe('unprocessable:title-subject-mismatch');
    const before = await launchMovement(deps, as('upper'), campaign('upper'));
    const late = depsOn(db, [member('m-new', 'cdcs-a', '2026-04-01')]);
    expect(await outcome(register(late, as('cdcs-a'), before.id, deeds('m-new', 1)))).toBe(
      'unprocessable:member-not-active',
    );
    const commitment = await register(deps, as('cdcs-a'), open.id, {
      kind: 'commitment',
      registrant: { kind: 'unit', unitId: 'section-a' },
      commitment: 'Cam kết',
    });
    expect(await outcome(confirmDeeds(deps, as('cdcs-a'), commitment.id, { on: '2026-03-10' }))).toBe(
      'unprocessable:not-deeds',
    );
  });

  it('answer another subtree as if missing', async () => {
    const m = await launchMovement(deps, as('cdcs-a'), campaign('cdcs-a'));
    const reg = await register(deps, as('cdcs-a'), m.id, deeds('m-a', 3));
    expect(await outcome(register(deps, as('cdcs-b'), m.id, deeds('m-b', 1)))).toBe('not-found:not-found');
    expect(await outcome(getRegistration(deps, { unitId: 'cdcs-b' }, reg.id))).toBe('not-found:not-found');
    expect(await outcome(confirmDeeds(deps, as('cdcs-b'), reg.id, { on: '2026-03-10' }))).toBe('not-found:not-found');
    expect(await outcome(registrationTotals(deps, { unitId: 'cdcs-b' }, 'cdcs-a', { from: 2026, to: 2026 }))).toBe(
      'not-found:not-found',
    );
    // A member of another subtree, registered through a movement the caller sees: the member's 404.
    const up = await launchMovement(deps, as('upper'), campaign('upper'));
    expect(await outcome(register(deps, as('cdcs-b'), up.id, deeds('m-a', 1)))).toBe('not-found:not-found');
  });
});

describe('totals under concurrency', () => {
  it('20 parallel registrations and their confirmations all count, exactly once', async () => {
    const m = await launchMovement(deps, as('upper'), campaign('upper', { theme: 'Song song' }));
    const counts = Array.from({ length: 20 }, (_, i) => i + 1);
    const regs = await Promise.all(
      counts.map((n, i) => register(deps, as('cdcs-a'), m.id, deeds(i % 2 ? 'm-a' : 'm-sec', n))),
    );
    const confirmations = await Promise.all(
      [...regs, ...regs].map((r) => outcome(confirmDeeds(deps, as('cdcs-a'), r.id, { on: '2026-03-10' }))),
    );
    expect(confirmations.filter((o) => o === 'ok')).toHaveLength(20);
    expect(confirmations.filter((o) => o === 'conflict:already-confirmed')).toHaveLength(20);

    const sum = counts.reduce((a, b) => a + b, 0);
    const totals = await registrationTotals(deps, { unitId: null }, 'upper', {
      from: 2026,
      to: 2026,
      movementId: m.id,
    });
    expect(totals.totals).toEqual({
      titleRegistrations: 0,
      commitmentRegistrations: 0,
      deedRegistrations: 20,
      deedsRegistered: sum,
      deedRegistrationsConfirmed: 20,
      deedsDone: sum,
    });
    const section = await registrationTotals(deps, { unitId: null }, 'section-a', {
      from: 2026,
      to: 2026,
      movementId: m.id,
    });
    expect(section.totals.deedRegistrations).toBe(10);
  });

  it('are read from one item per year, whatever the number of registrations', async () => {
    const sends: string[] = [];
    const counted = {
      ...db,
      client: {
        send: (cmd: { constructor: { name: string } }) => {
          sends.push(cmd.constructor.name);
          return db.client.send(cmd as never);
        },
      },
    };
    const reader = depsOn(counted as unknown as Db, MEMBERS);
    const read = await registrationTotals(reader, { unitId: null }, 'cdcs-a', { from: 2020, to: 2030 });
    expect(sends).toEqual([QueryCommand.name]);
    expect(read.byYear.map((y) => y.year)).toEqual([2026]);
    expect(read.totals.deedRegistrations).toBeGreaterThanOrEqual(21);
  });
});
