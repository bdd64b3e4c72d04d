import {
  dayInVietnam,
  type LaunchMovementInput,
  type Movement,
  notFound,
  type RegisterInput,
  type Registration,
} from '@congdoan/contracts';
import { retryOnConflict } from '@congdoan/ddb';
import { standingOn } from '@congdoan/member-directory/standing';
import {
  alreadyConfirmed,
  confirmationOutOfRange,
  notAnActiveMember,
  notDeeds,
  outsideMovement,
  registrationClosed,
  titleSubjectMismatch,
  unknownTitle,
} from '../domain/errors.ts';
import { confirmationDelta, countingUnits, countingYear, registrationDelta, sumTotals } from '../domain/movement.ts';
import type { MovementDeps, TotalsPlan } from './movement-ports.ts';
import type { PolicyDeps } from './policy-ports.ts';
import type { Caller, CallerScope, Members } from './ports.ts';

const MOVEMENT = { vi: 'phong trào thi đua', en: 'movement' };
const REGISTRATION = { vi: 'đăng ký thi đua', en: 'registration' };

/** A unit launches a movement or campaign for its subtree. */
export async function launchMovement(
  deps: MovementDeps,
  caller: Caller,
  input: LaunchMovementInput,
): Promise<Movement> {
  await deps.units.assertInScope(caller, input.unitId);
  const movement: Movement = {
    id: caller.write.newId(),
    unitId: input.unitId,
    kind: input.kind,
    theme: input.theme,
    period: input.period,
    registrationDeadline: input.registrationDeadline,
    criteria: input.criteria,
    createdAt: caller.write.now().toISOString(),
    version: 1,
  };
  await deps.movements.create(movement, caller.write);
  return movement;
}

/**
 * A movement as the caller may see it: one launched in their subtree, or one launched above them
 * for a subtree they are in (it is theirs to register for). Anything else is the 404 of a missing one.
 */
export async function visibleMovement(deps: MovementDeps, caller: CallerScope, id: string): Promise<Movement> {
  const found = await deps.movements.get(id);
  if (found && caller.unitId !== null && (await deps.units.isWithin(found.unitId, caller.unitId))) return found;
  return deps.units.visible(caller, found, (m) => m.unitId, MOVEMENT, id);
}

/** The movements that apply to a unit in `year`: launched by it or by any unit above it. */
export async function unitMovements(
  deps: MovementDeps,
  caller: CallerScope,
  unitId: string,
  year: number,
): Promise<{ items: Movement[] }> {
  await deps.units.assertInScope(caller, unitId);
  const chain = await deps.units.chain(unitId);
  const items = await deps.movements.launchedBy(chain, year);
  items.sort((a, b) => a.period.from.localeCompare(b.period.from) || a.theme.localeCompare(b.theme, 'vi'));
  return { items };
}

/** The unit a registrant counts in, checked in the caller's scope and the movement's subtree. */
async function registrantUnit(
  deps: MovementDeps & Pick<PolicyDeps, 'policy'> & { members: Members },
  caller: Caller,
  movement: Movement,
  input: RegisterInput,
  today: string,
): Promise<string> {
  let unitId: string;
  if (input.registrant.kind === 'member') {
    const member = await deps.members.get(caller, input.registrant.memberId);
    const standing = standingOn(member.history, today);
    if (standing.standing !== 'member' || !standing.unitId) throw notAnActiveMember(member.id, today);
    unitId = standing.unitId;
  } else {
    unitId = input.registrant.unitId;
    await deps.units.assertInScope(caller, unitId);
  }
  if (!(await deps.units.isWithin(movement.unitId, unitId))) throw outsideMovement();
  if (input.kind === 'title') {
    const title = (await deps.policy.load()).titleOn(input.titleCode, today);
    if (!title) throw unknownTitle(input.titleCode, today);
    const wanted = input.registrant.kind === 'member' ? 'individual' : 'collective';
    if (title.subject !== wanted) throw titleSubjectMismatch(input.titleCode, title.subject);
  }
  return unitId;
}

async function totalsPlan(deps: MovementDeps, reg: Registration, movement: Movement, delta: TotalsPlan['delta']) {
  const { all, movement: upToLauncher } = countingUnits(await deps.units.chain(reg.unitId), movement.unitId);
  return { year: countingYear(reg), movementId: movement.id, delta, allUnits: all, movementUnits: upToLauncher };
}

/**
 * A unit or a member registers for a movement: a title, a commitment, or deeds with a count.
 * The registration and the totals of its unit and every unit above it are one transaction.
 */
export async function register(
  deps: MovementDeps & Pick<PolicyDeps, 'policy'> & { members: Members },
  caller: Caller,
  movementId: string,
  input: RegisterInput,
): Promise<Registration> {
  const movement = await visibleMovement(deps, caller, movementId);
  const today = dayInVietnam(caller.write.now());
  if (today > movement.registrationDeadline) throw registrationClosed(movement.registrationDeadline);
  const unitId = await registrantUnit(deps, caller, movement, input, today);
  const registration: Registration = {
    id: caller.write.newId(),
    movementId: movement.id,
    kind: input.kind,
    registrant: input.registrant,
    unitId,
    registeredOn: today,
    titleCode: input.kind === 'title' ? input.titleCode : null,
    commitment: input.kind === 'commitment' ? input.commitment : null,
    deeds: input.kind === 'deeds' ? { count: input.count, description: input.description, done: null } : null,
    status: 'registered',
    createdAt: caller.write.now().toISOString(),
    version: 1,
  };
  const plan = await totalsPlan(deps, registration, movement, registrationDelta(registration));
  await retryOnConflict(() => deps.registrations.register(registration, plan, caller.write), 8);
  return registration;
}

/**
 * A movement's registrations, by day of registration. A caller at or above the launching unit
 * sees them all; one below it sees those of their subtree only (a page may then hold fewer than
 * its limit, with the cursor to go on).
 */
export async function listMovementRegistrations(
  deps: MovementDeps,
  caller: CallerScope,
  movementId: string,
  page: { limit: number; cursor?: string },
) {
  const movement = await visibleMovement(deps, caller, movementId);
  const { items, nextCursor } = await deps.registrations.ofMovement(movement.id, page);
  const scope = caller.unitId;
  if (scope === null || (await deps.units.isWithin(scope, movement.unitId))) return { items, nextCursor };
  const seen = new Map<string, boolean>();
  const mine: Registration[] = [];
  for (const r of items) {
    if (!seen.has(r.unitId)) seen.set(r.unitId, await deps.units.isWithin(scope, r.unitId));
    if (seen.get(r.unitId)) mine.push(r);
  }
  return { items: mine, nextCursor };
}

/** A registration as the caller may see it: in a unit of their subtree. */
export async function getRegistration(deps: MovementDeps, caller: CallerScope, id: string): Promise<Registration> {
  return deps.units.visible(caller, await deps.registrations.get(id), (r) => r.unitId, REGISTRATION, id);
}

/** Deeds registered are confirmed done, with how many: once, counted in the totals in the same transaction. */
export async function confirmDeeds(
  deps: MovementDeps,
  caller: Caller,
  id: string,
  input: { on: string; count?: number },
): Promise<Registration> {
  const before = await getRegistration(deps, caller, id);
  if (before.kind !== 'deeds' || !before.deeds) throw notDeeds();
  if (before.status === 'confirmed') throw alreadyConfirmed();
  const today = dayInVietnam(caller.write.now());
  if (input.on < before.registeredOn || input.on > today) throw confirmationOutOfRange(before.registeredOn, today);
  const movement = await deps.movements.get(before.movementId);
  if (!movement) throw notFound(MOVEMENT, before.movementId);
  const done = input.count ?? before.deeds.count;
  const after: Registration = {
    ...before,
    deeds: { ...before.deeds, done: { count: done, on: input.on } },
    status: 'confirmed',
    version: before.version + 1,
  };
  const plan = await totalsPlan(deps, before, movement, confirmationDelta(done));
  await retryOnConflict(() => deps.registrations.confirm(before, after, plan, caller.write), 8);
  return after;
}

/** A unit subtree's totals over years, from the maintained counters: one item read per year. */
export async function registrationTotals(
  deps: MovementDeps,
  caller: CallerScope,
  unitId: string,
  query: { from: number; to: number; movementId?: string },
) {
  await deps.units.assertInScope(caller, unitId);
  if (query.movementId) await visibleMovement(deps, caller, query.movementId);
  const rows = await deps.registrations.totals(unitId, query.from, query.to, query.movementId ?? null);
  return {
    unitId,
    from: query.from,
    to: query.to,
    movementId: query.movementId ?? null,
    totals: sumTotals(rows.map((r) => r.totals)),
    byYear: rows.map((r) => ({ year: r.year, ...r.totals })),
  };
}
