import {
  type Bloc,
  type BlocRanking,
  type BlocScore,
  type CreateBlocInput,
  DomainError,
  dayInVietnam,
  notFound,
  staleVersion,
} from '@congdoan/contracts';
import { retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { applyScores, leaderFromRanking, RANKING_RULE, rankBloc, unscored } from '../domain/bloc.ts';
import {
  blocClosed,
  blocCriteriaInvalid,
  blocFlagProposed,
  blocLeaderRequired,
  blocMembersInvalid,
  blocOrganiserOnly,
  blocRankingIncomplete,
  blocScorerOnly,
  blocTopTied,
  dateOutOfRange,
  noCatalogue,
  notAFlag,
} from '../domain/errors.ts';
import { BLOC_FLAG_TITLE, blocCriteriaDefaultsOn, blocLeaderRotationFor } from '../domain/policy/blocs.ts';
import { catalogueOn } from '../domain/policy/catalogue.ts';
import type { BlocDeps } from './bloc-ports.ts';
import type { MovementDeps } from './movement-ports.ts';
import { proposeNomination } from './nominations.ts';
import type { Caller, CallerScope, EmulationDeps } from './ports.ts';

type Deps = Pick<MovementDeps, 'units'> & BlocDeps;

const BLOC = { vi: 'khối thi đua', en: 'emulation bloc' };
const BLOC_MEMBER = { vi: 'đơn vị trong khối thi đua', en: 'member of the emulation bloc' };

const today = (caller: Caller) => dayInVietnam(caller.write.now());

/** How long a flag proposal may wait for its nomination before the next call completes it. */
const UNFINISHED_AFTER_MS = 60_000;

/** A bloc is seen by the levels at or above its organiser or one of its members; anyone else gets the 404 of a missing bloc. */
async function canSee(deps: Deps, caller: CallerScope, bloc: Bloc) {
  if (caller.unitId === null) return true;
  for (const unitId of [bloc.organiserUnitId, ...bloc.members.map((m) => m.unitId)])
    if (await deps.units.isWithin(caller.unitId, unitId)) return true;
  return false;
}

async function visible<T extends { bloc: Bloc }>(deps: Deps, caller: CallerScope, found: T | undefined, id: string) {
  if (!found || !(await canSee(deps, caller, found.bloc))) throw notFound(BLOC, id);
  return found;
}

/** The organiser's level: a caller at or above the unit that formed the bloc. */
const organises = async (deps: Deps, caller: CallerScope, bloc: Bloc) =>
  caller.unitId === null || (await deps.units.isWithin(caller.unitId, bloc.organiserUnitId));

/**
 * A level forms a bloc of peer units of its subtree for a year, with its pact and criteria
 * (its own, or the policy's defaults with their source). The leader is named, or derived from
 * the ranking of the bloc of the same code the year before, by the rotation in force.
 */
export async function formBloc(deps: Deps, caller: Caller, input: CreateBlocInput): Promise<Bloc> {
  await deps.units.assertInScope(caller, input.organiserUnitId);
  const day = today(caller);
  const first = `${input.year - 1}-01-01`;
  if (input.pact.signedOn < first || input.pact.signedOn > day || input.pact.signedOn > `${input.year}-12-31`)
    throw dateOutOfRange('pact.signedOn', first, day < `${input.year}-12-31` ? day : `${input.year}-12-31`);

  const ids = input.memberUnitIds;
  const members: Bloc['members'] = [];
  const outside: string[] = [];
  for (const unitId of new Set(ids)) {
    const name = await deps.units.nameOf(unitId);
    if (!name || unitId === input.organiserUnitId || !(await deps.units.isWithin(input.organiserUnitId, unitId)))
      outside.push(unitId);
    else members.push({ unitId, name });
  }
  if (new Set(ids).size !== ids.length)
    throw blocMembersInvalid({ vi: 'một đơn vị được kể hai lần', en: 'a unit is listed twice' });
  if (outside.length > 0)
    throw blocMembersInvalid({
      vi: `${outside.join(', ')} không phải đơn vị trực thuộc đơn vị lập khối`,
      en: `${outside.join(', ')} not below the organising unit`,
    });

  let criteriaSource: Bloc['criteriaSource'] = { kind: 'bloc' };
  let criteria = input.criteria;
  if (criteria) {
    if (new Set(criteria.map((c) => c.code)).size !== criteria.length) throw blocCriteriaInvalid('trùng mã tiêu chí');
  } else {
    const defaults = blocCriteriaDefaultsOn(input.pact.signedOn);
    if (!defaults) throw blocCriteriaInvalid(`không có bộ tiêu chí mặc định ngày ${input.pact.signedOn}`);
    criteria = defaults.criteria.map((c) => ({ ...c }));
    criteriaSource = {
      kind: 'policy',
      effectiveFrom: defaults.effectiveFrom,
      source: defaults.source,
      certainty: defaults.certainty,
    };
  }

  const rotation = blocLeaderRotationFor(input.year);
  if (!rotation) throw blocLeaderRequired(input.code, input.year);
  let leader: Bloc['leader'];
  if (input.leaderUnitId !== undefined) {
    const named = members.find((m) => m.unitId === input.leaderUnitId);
    if (!named)
      throw blocMembersInvalid({
        vi: `khối trưởng ${input.leaderUnitId} không thuộc khối`,
        en: `the leader ${input.leaderUnitId} is not a member`,
      });
    leader = {
      unitId: named.unitId,
      name: named.name,
      basis: 'named',
      reason: {
        vi: `Khối trưởng năm ${input.year}: ${named.name}, do đơn vị lập khối chỉ định.`,
        en: `Leader for ${input.year}: ${named.name}, named by the organising unit.`,
      },
    };
  } else {
    leader = await rotatedLeader(deps, input, members, rotation.rule);
  }

  const bloc: Bloc = {
    id: caller.write.newId(),
    code: input.code,
    name: input.name,
    year: input.year,
    organiserUnitId: input.organiserUnitId,
    organiserName: (await deps.units.nameOf(input.organiserUnitId)) ?? input.organiserUnitId,
    members,
    leader,
    pact: input.pact,
    criteria,
    criteriaSource,
    rotation: {
      rule: rotation.rule,
      effectiveFrom: rotation.effectiveFrom,
      source: rotation.source,
      certainty: rotation.certainty,
    },
    flagProposal: null,
    scoreRevision: 0,
    createdAt: caller.write.now().toISOString(),
    version: 1,
  };
  await deps.blocs.create(bloc, caller.write);
  return bloc;
}

/** The leader derived from the complete ranking of the bloc of the same code the year before. */
async function rotatedLeader(
  deps: Deps,
  input: CreateBlocInput,
  members: Bloc['members'],
  rule: Bloc['rotation']['rule'],
): Promise<Bloc['leader']> {
  const previous = await deps.blocs.ofCode(input.organiserUnitId, input.code, input.year - 1);
  const read = previous && (await deps.blocs.withScores(previous.id));
  if (!read) throw blocLeaderRequired(input.code, input.year);
  const ranking = rankBloc(read.bloc, read.sheets);
  const derived =
    ranking.complete &&
    leaderFromRanking(
      ranking.entries,
      read.bloc.leader.unitId,
      members.map((m) => m.unitId),
      rule,
      input.year,
    );
  if (!derived) throw blocLeaderRequired(input.code, input.year);
  return { unitId: derived.unitId, name: derived.unitName, basis: 'rotation', reason: derived.reason };
}

/** The blocs of a year the caller may see. */
export async function listBlocs(deps: Deps, caller: CallerScope, year: number) {
  const blocs = await deps.blocs.ofYear(year);
  const seen: Bloc[] = [];
  for (const bloc of blocs) if (await canSee(deps, caller, bloc)) seen.push(bloc);
  return { items: seen };
}

export async function getBloc(deps: Deps, caller: CallerScope, id: string): Promise<Bloc> {
  const bloc = await deps.blocs.get(id);
  return (await visible(deps, caller, bloc && { bloc }, id)).bloc;
}

function memberOf(bloc: Bloc, unitId: string) {
  const member = bloc.members.find((m) => m.unitId === unitId);
  if (!member) throw notFound(BLOC_MEMBER, unitId);
  return member;
}

/** A member's score sheet (empty, version 0, before its first points). */
export async function getBlocScore(deps: Deps, caller: CallerScope, id: string, unitId: string): Promise<BlocScore> {
  const { bloc, sheets } = await visible(deps, caller, await deps.blocs.withScores(id), id);
  const member = memberOf(bloc, unitId);
  return sheets.find((s) => s.unitId === unitId) ?? unscored(bloc.id, member.unitId, member.name);
}

/**
 * Points for a member, by the bloc's leader or the organiser's level: each within its
 * criterion's maximum, a change to points already given only with a reason (kept with the
 * earlier points). Two scorers racing on one unit both land (the later re-reads and applies
 * its points over the other's), unless one sent `If-Match` with a version no longer current.
 */
export async function scoreBlocMember(
  deps: Deps,
  caller: Caller,
  id: string,
  unitId: string,
  input: { scores: readonly { criterion: string; points: number; reason?: string }[]; on: string },
  ifMatch: number | undefined,
): Promise<BlocScore> {
  return retryOnConflict(async () => {
    const { bloc, sheets } = await visible(deps, caller, await deps.blocs.withScores(id), id);
    const member = memberOf(bloc, unitId);
    if (!(await organises(deps, caller, bloc)) && caller.unitId !== bloc.leader.unitId) throw blocScorerOnly();
    const day = today(caller);
    if (input.on < `${bloc.year}-01-01` || input.on > day) throw dateOutOfRange('on', `${bloc.year}-01-01`, day);
    const before = sheets.find((s) => s.unitId === unitId);
    const current = before?.version ?? 0;
    if (ifMatch !== undefined && ifMatch !== current) throw staleVersion(ifMatch, current);
    if (bloc.flagProposal) throw blocClosed();
    const after = applyScores(
      bloc,
      before,
      { unitId: member.unitId, unitName: member.name },
      input.scores,
      input.on,
      caller.write.actor.id,
    );
    if (before && JSON.stringify(after.scores) === JSON.stringify(before.scores)) return before;
    await deps.blocs.saveScore(before, after, caller.write);
    return after;
  }, 8);
}

/** The bloc's ranking, its rule, and who leads next year under the rotation once complete. */
export async function blocRanking(deps: Deps, caller: CallerScope, id: string): Promise<BlocRanking> {
  const { bloc, sheets } = await visible(deps, caller, await deps.blocs.withScores(id), id);
  const { entries, complete } = rankBloc(bloc, sheets);
  const rotation = blocLeaderRotationFor(bloc.year + 1);
  const next =
    complete && rotation
      ? leaderFromRanking(
          entries,
          bloc.leader.unitId,
          bloc.members.map((m) => m.unitId),
          rotation.rule,
          bloc.year + 1,
        )
      : undefined;
  return {
    blocId: bloc.id,
    year: bloc.year,
    complete,
    rule: RANKING_RULE,
    entries,
    nextLeader:
      next && rotation
        ? {
            year: bloc.year + 1,
            unitId: next.unitId,
            unitName: next.unitName,
            rule: rotation.rule,
            reason: next.reason,
          }
        : null,
  };
}

/**
 * The organiser proposes the bloc's top unit for the emulation flag: the proposal is recorded on
 * the bloc (once: the scores are frozen from then on), and the nomination for the flag's title
 * made for it, proposed by the organiser, so the council, eligibility and decision follow the
 * nominations' one flow. A nomination refused at once (e.g. the year is to come) takes the
 * proposal back.
 */
export async function proposeBlocFlag(
  deps: EmulationDeps,
  caller: Caller,
  id: string,
  input: { titleCode?: string; on: string },
): Promise<Bloc> {
  const day = today(caller);
  const titleCode = input.titleCode ?? BLOC_FLAG_TITLE;
  const reserved = await retryOnConflict(async () => {
    const { bloc, sheets } = await visible(deps, caller, await deps.blocs.withScores(id), id);
    if (!(await organises(deps, caller, bloc))) throw blocOrganiserOnly();
    if (input.on < `${bloc.year}-01-01` || input.on > day) throw dateOutOfRange('on', `${bloc.year}-01-01`, day);
    const catalogue = catalogueOn(day);
    if (!catalogue) throw noCatalogue(day);
    const title = catalogue.titles.find((t) => t.code === titleCode);
    if (title?.kind !== 'flag' || title.subject !== 'collective') throw notAFlag(titleCode);
    // A proposal whose nomination was not made a while after (its maker died half-way) is completed now.
    if (bloc.flagProposal) {
      const { nominationId, proposedAt } = bloc.flagProposal;
      if (nominationId === null && caller.write.now().getTime() - Date.parse(proposedAt) > UNFINISHED_AFTER_MS)
        return bloc;
      throw blocFlagProposed();
    }
    const { entries, complete } = rankBloc(bloc, sheets);
    if (!complete) throw blocRankingIncomplete();
    const top = entries.filter((e) => e.rank === 1);
    if (top.length > 1) throw blocTopTied(top.map((e) => e.unitName));
    const winner = top[0]!;
    return deps.blocs.proposeFlag(
      bloc,
      {
        unitId: winner.unitId,
        unitName: winner.unitName,
        titleCode,
        total: winner.total,
        proposedOn: input.on,
        proposedAt: caller.write.now().toISOString(),
        nominationId: null,
      },
      caller.write,
    );
  }, 8);
  const proposal = reserved.flagProposal!;
  const maximum = reserved.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  // The nomination's id is the bloc's: whoever completes the proposal makes the same one, once.
  const nominationId = `bloc-flag-${reserved.id}`;
  const made = await retryOnConflict(async () => {
    const found = await deps.nominations.get(nominationId);
    if (found) return found;
    try {
      return await proposeNomination(
        deps,
        { ...caller, write: firstId(caller.write, nominationId) },
        {
          proposingUnitId: reserved.organiserUnitId,
          titleCode: proposal.titleCode,
          year: reserved.year,
          candidate: { kind: 'unit', unitId: proposal.unitId },
          achievements: `Dẫn đầu ${reserved.name} năm ${reserved.year} (giao ước thi đua ${reserved.pact.documentNumber}): ${proposal.total}/${maximum} điểm, xếp thứ nhất trong ${reserved.members.length} đơn vị.`,
        },
      );
    } catch (error) {
      // A refusal takes the proposal back; a nomination made meanwhile by another caller is read again.
      if (error instanceof DomainError) {
        await deps.blocs.settleFlag(reserved, undefined, caller.write);
        throw error;
      }
      const meanwhile = await deps.nominations.get(nominationId);
      if (meanwhile) return meanwhile;
      throw error;
    }
  }, 8);
  if (made.id !== nominationId) throw new Error(`the flag's nomination was made as ${made.id}, not ${nominationId}`);
  try {
    return await deps.blocs.settleFlag(reserved, made.id, caller.write);
  } catch (error) {
    // Two callers completing one unfinished proposal: the other one named the nomination.
    const now = await deps.blocs.get(reserved.id);
    if (now?.flagProposal?.nominationId === made.id) return now;
    throw error;
  }
}

/** A write context whose next new id is `id` (the record it makes first), then fresh ones. */
function firstId(write: WriteContext, id: string): WriteContext {
  let given = false;
  return {
    ...write,
    newId: () => {
      if (given) return write.newId();
      given = true;
      return id;
    },
  };
}
