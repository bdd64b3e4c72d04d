import { dayInVietnam, type Initiative, type InitiativeStatus, type SubmitInitiativeInput } from '@congdoan/contracts';
import { retryOnConflict } from '@congdoan/ddb';
import { authorOutsideUnit, dateOutOfRange } from '../domain/errors.ts';
import { acceptedInitiativeDelta, initiativeYear } from '../domain/honours.ts';
import { accept, evaluate, markSent, reject } from '../domain/initiative.ts';
import type { StatsPlan } from './honours-ports.ts';
import type { MovementDeps } from './movement-ports.ts';
import type { NominationDeps } from './nomination-ports.ts';
import type { PolicyDeps } from './policy-ports.ts';
import type { Caller, CallerScope, Members } from './ports.ts';

type Deps = Pick<MovementDeps, 'units'> &
  Pick<NominationDeps, 'initiatives'> &
  Pick<PolicyDeps, 'policy'> & { members: Members };

const INITIATIVE = { vi: 'sáng kiến', en: 'initiative' };

/** A unit submits an initiative of its members: authors with their shares, the field, the benefit. */
export async function submitInitiative(deps: Deps, caller: Caller, input: SubmitInitiativeInput): Promise<Initiative> {
  await deps.units.assertInScope(caller, input.unitId);
  const today = dayInVietnam(caller.write.now());
  if (input.appliedOn > today) throw dateOutOfRange('appliedOn', '—', today);
  for (const author of input.authors) {
    const member = await deps.members.get(caller, author.memberId);
    if (!(await deps.units.isWithin(input.unitId, member.unitId))) throw authorOutsideUnit(author.memberId);
  }
  const initiative: Initiative = {
    id: caller.write.newId(),
    ...input,
    status: 'submitted',
    evaluation: null,
    accepted: null,
    rejected: null,
    usedBy: null,
    sent: null,
    createdAt: caller.write.now().toISOString(),
    version: 1,
  };
  await deps.initiatives.create(initiative, caller.write);
  return initiative;
}

/** An initiative as the caller may see it: of a unit in their subtree. */
export async function getInitiative(deps: Deps, caller: CallerScope, id: string): Promise<Initiative> {
  return deps.units.visible(caller, await deps.initiatives.get(id), (i) => i.unitId, INITIATIVE, id);
}

export async function listUnitInitiatives(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  query: { status?: InitiativeStatus; limit: number; cursor?: string },
) {
  await deps.units.assertInScope(caller, unitId);
  return deps.initiatives.listOfUnit(unitId, query.status, { limit: query.limit, cursor: query.cursor });
}

/** One step of the council's work, read and decided again if another write moved the initiative meanwhile. */
async function step(
  deps: Deps,
  caller: Caller,
  id: string,
  action: string,
  decide: (initiative: Initiative, today: string) => Initiative,
  statsOf?: (after: Initiative) => Promise<StatsPlan | undefined>,
): Promise<Initiative> {
  return retryOnConflict(async () => {
    const before = await getInitiative(deps, caller, id);
    const after = decide(before, dayInVietnam(caller.write.now()));
    await deps.initiatives.save(before, after, action, caller.write, await statsOf?.(after));
    return after;
  });
}

const notAfterToday = (field: string, day: string, from: string, today: string) => {
  if (day < from || day > today) throw dateOutOfRange(field, from, today);
};

/** The unit's initiative council scores it on newness, feasibility and effectiveness. */
export const evaluateInitiative = async (
  deps: Deps,
  caller: Caller,
  id: string,
  input: { scores: { newness: number; feasibility: number; effectiveness: number }; on: string },
) => {
  // The thresholds of the council's day, as the policy has them.
  const thresholds = (await deps.policy.load()).initiativeThresholdsOn(input.on);
  return step(deps, caller, id, 'evaluate', (i, today) => {
    notAfterToday('on', input.on, i.appliedOn, today);
    return evaluate(i, input.scores, input.on, thresholds);
  });
};

/** An acceptance counts in the statistics of its recognition's year, for its unit and every unit above it. */
const acceptedStats =
  (deps: Deps) =>
  async (after: Initiative): Promise<StatsPlan | undefined> => {
    const year = initiativeYear(after);
    if (year === null) return undefined;
    return { year, units: await deps.units.chain(after.unitId), delta: acceptedInitiativeDelta(after) };
  };

/** Accepted at a scope with its recognition number and date, once the scores passed. */
export const acceptInitiative = (
  deps: Deps,
  caller: Caller,
  id: string,
  input: { scope: 'unit' | 'province' | 'national'; recognition: { number: string; date: string } },
) =>
  step(
    deps,
    caller,
    id,
    'accept',
    (i, today) => {
      notAfterToday('recognition.date', input.recognition.date, i.evaluation?.on ?? i.appliedOn, today);
      return accept(i, input);
    },
    acceptedStats(deps),
  );

export const rejectInitiative = (deps: Deps, caller: Caller, id: string, input: { reason: string; on: string }) =>
  step(deps, caller, id, 'reject', (i, today) => {
    notAfterToday('on', input.on, i.appliedOn, today);
    return reject(i, input);
  });

/**
 * Marks an accepted initiative as sent to the national "1 triệu sáng kiến" portal, once: the day
 * (from its recognition to today), who marked it, and the portal's reference if it gave one.
 */
export const markInitiativeSent = (
  deps: Deps,
  caller: Caller,
  id: string,
  input: { on: string; reference?: string | undefined },
) =>
  step(deps, caller, id, 'send', (i, today) => {
    notAfterToday('on', input.on, i.accepted?.date ?? i.appliedOn, today);
    return markSent(i, { on: input.on, by: caller.write.actor.id, reference: input.reference ?? null });
  });
