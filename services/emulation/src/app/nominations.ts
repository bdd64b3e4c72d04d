import {
  type AllocateSeatsInput,
  type Award,
  dayInVietnam,
  type EligibilityReport,
  EmulationLedgerPostingRequested,
  type Nomination,
  type ProposeNominationInput,
  type RecordAwardInput,
  type SeatAllocation,
} from '@congdoan/contracts';
import { event, retryOnConflict, type WriteContext } from '@congdoan/ddb';
import { standingOn } from '@congdoan/member-directory/standing';
import type { SeatCandidate } from '../domain/council.ts';
import { checkEligibility } from '../domain/eligibility/engine.ts';
import type { Candidate, EligibilityFacts, HeldTitle } from '../domain/eligibility/facts.ts';
import {
  allocationExists,
  dateOutOfRange,
  decidingLevelMismatch,
  decisionOutOfRange,
  futureYear,
  ineligibleAtDecision,
  initiativeNotCandidates,
  noCatalogue,
  noQuotaToAllocate,
  notAllocatable,
  notAnActiveMember,
  notDecidingLevel,
  notReceivingUnit,
  notSeated,
  outsideProposer,
  quotaFull,
  titleSubjectMismatch,
  unknownTitle,
  workforceMismatch,
} from '../domain/errors.ts';
import { awardDelta, awardYear } from '../domain/honours.ts';
import { decide, failingReasons, receive, recordVote, refuse } from '../domain/nomination.ts';
import type { CatalogueVersion, TitleDefinition } from '../domain/policy/catalogue.ts';
import { decidingLevelsOn } from '../domain/policy/deciding-levels.ts';
import { rulesDayOfYear } from '../domain/policy/policy.ts';
import type { Versioned } from '../domain/policy/versioned.ts';
import {
  answerPosting,
  type BaseSalaryVersion,
  computePrize,
  nominationOfRequest,
  prizePostingRequest,
} from '../domain/prize.ts';
import { explainAllocation, TIE_BREAK_SOURCE } from '../domain/seats.ts';
import type { MovementDeps } from './movement-ports.ts';
import type { NominationDeps } from './nomination-ports.ts';
import type { PolicyDeps } from './policy-ports.ts';
import type { Caller, CallerScope, Members, Subject, SubjectRecords } from './ports.ts';
import { mergedInto, type UnitMergers } from './unit-mergers.ts';

type Deps = Pick<MovementDeps, 'units'> &
  NominationDeps &
  Pick<PolicyDeps, 'policy'> & { members: Members; subjects: SubjectRecords; mergers: UnitMergers };

/**
 * Finance's `BaseSalaryVersionRecorded`, kept once per event and, per first day, at its highest
 * version: what a decision's prize is computed with.
 */
export function recordBaseSalary(
  deps: Pick<NominationDeps, 'baseSalaries'>,
  eventId: string,
  v: BaseSalaryVersion,
  ctx: WriteContext,
) {
  return deps.baseSalaries.apply(eventId, v, ctx);
}

const NOMINATION = { vi: 'đề nghị khen thưởng', en: 'nomination' };
const INITIATIVE = { vi: 'sáng kiến', en: 'initiative' };

/** The title of `catalogue` (the policy's in force on `day`), for the kind of recipient named. */
function titleFor(
  code: string,
  day: string,
  recipient: { kind: 'member' | 'unit' },
  catalogue: CatalogueVersion | undefined,
): TitleDefinition {
  const title = catalogue?.titles.find((t) => t.code === code);
  if (!title) throw unknownTitle(code, day);
  const wanted = recipient.kind === 'member' ? 'individual' : 'collective';
  if (title.subject !== wanted) throw titleSubjectMismatch(code, title.subject);
  return title;
}

const subjectOf = (r: { kind: 'member'; memberId: string } | { kind: 'unit'; unitId: string }): Subject =>
  r.kind === 'member' ? { kind: 'member', memberId: r.memberId } : { kind: 'unit', unitId: r.unitId };

/**
 * Records an award a recipient holds (decided before the system, or outside it): the
 * consecutive-title chains and, later, the honour rolls read them. A member's award is kept
 * with the unit they were in on the decision date, and follows them across transfers.
 */
export async function recordAward(deps: Deps, caller: Caller, input: RecordAwardInput): Promise<Award> {
  const today = dayInVietnam(caller.write.now());
  if (input.decision.date < `${input.year}-01-01` || input.decision.date > today) throw decisionOutOfRange(input.year);
  // An award decided before the first catalogue entered is checked against that first one.
  const policy = await deps.policy.load();
  const title = titleFor(
    input.titleCode,
    input.decision.date,
    input.recipient,
    policy.catalogueOn(input.decision.date) ?? policy.firstCatalogue(),
  );
  let unitId: string;
  if (input.recipient.kind === 'member') {
    const member = await deps.members.get(caller, input.recipient.memberId);
    const standing = standingOn(member.history, input.decision.date);
    if (!standing.unitId) throw notAnActiveMember(member.id, input.decision.date);
    unitId = standing.unitId;
  } else {
    unitId = input.recipient.unitId;
    await deps.units.assertInScope(caller, unitId);
  }
  const award: Award = {
    id: caller.write.newId(),
    titleCode: input.titleCode,
    year: input.year,
    recipient: input.recipient,
    unitId,
    unitName: (await deps.units.nameOf(unitId)) ?? unitId,
    decision: input.decision,
    recordedAt: caller.write.now().toISOString(),
  };
  // Counted in the statistics of its year, for its unit and every unit above it, in the same transaction.
  const stats = { year: awardYear(award), units: await deps.units.chain(unitId), delta: awardDelta(title, null) };
  await retryOnConflict(() => deps.awards.record(award, caller.write, stats), 8);
  return award;
}

/** A unit proposes a candidate of its subtree for a title of the catalogue, for a year. */
export async function proposeNomination(
  deps: Deps,
  caller: Caller,
  input: ProposeNominationInput,
): Promise<Nomination> {
  await deps.units.assertInScope(caller, input.proposingUnitId);
  const today = dayInVietnam(caller.write.now());
  if (input.year > Number(today.slice(0, 4))) throw futureYear(input.year);
  // A title of the year's catalogue: a year is decided under its own rules.
  const rulesDay = rulesDayOfYear(input.year);
  const catalogue = (await deps.policy.load()).catalogueOn(rulesDay);
  if (!catalogue) throw noCatalogue(rulesDay);
  titleFor(input.titleCode, rulesDay, input.candidate, catalogue);
  let candidateUnitId: string;
  if (input.candidate.kind === 'member') {
    candidateUnitId = (await deps.members.get(caller, input.candidate.memberId)).unitId;
  } else {
    await deps.units.assertInScope(caller, input.candidate.unitId);
    candidateUnitId = input.candidate.unitId;
  }
  if (!(await deps.units.isWithin(input.proposingUnitId, candidateUnitId))) throw outsideProposer();
  for (const initiativeId of input.initiativeIds ?? []) {
    const initiative = await deps.units.visible(
      caller,
      await deps.initiatives.get(initiativeId),
      (i) => i.unitId,
      INITIATIVE,
      initiativeId,
    );
    const candidate = input.candidate;
    const theirs =
      candidate.kind === 'member'
        ? initiative.authors.some((a) => a.memberId === candidate.memberId)
        : await deps.units.isWithin(candidate.unitId, initiative.unitId);
    if (!theirs) throw initiativeNotCandidates(initiativeId);
  }
  const nomination: Nomination = {
    id: caller.write.newId(),
    proposingUnitId: input.proposingUnitId,
    titleCode: input.titleCode,
    year: input.year,
    candidate: input.candidate,
    candidateUnitId,
    absence: input.absence ?? null,
    achievements: input.achievements,
    initiativeIds: [...new Set(input.initiativeIds ?? [])],
    status: 'proposed',
    receipt: null,
    refusal: null,
    released: null,
    council: null,
    decision: null,
    createdAt: caller.write.now().toISOString(),
    version: 1,
  };
  await deps.nominations.create(nomination, today, caller.write);
  return nomination;
}

/** The nominations a unit proposed, of a year or all. */
export async function listUnitNominations(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  query: { year?: number; limit: number; cursor?: string },
) {
  await deps.units.assertInScope(caller, unitId);
  return deps.nominations.listOfUnit(unitId, query.year, { limit: query.limit, cursor: query.cursor });
}

/** A nomination as the caller may see it: proposed in their subtree (the deciding levels are above it). */
export async function getNomination(deps: Deps, caller: CallerScope, id: string): Promise<Nomination> {
  return deps.units.visible(caller, await deps.nominations.get(id), (n) => n.proposingUnitId, NOMINATION, id);
}

/**
 * The eligibility of a nomination's candidate on `day`, under the catalogue and settings in
 * force that day, from the projections: the member directory, inspection's discipline and
 * proceedings, the awards held. Each rule's verdict says why, with its source.
 */
export async function nominationEligibility(
  deps: Deps,
  caller: CallerScope,
  id: string,
  day: string,
): Promise<EligibilityReport> {
  return eligibilityOf(deps, await getNomination(deps, caller, id), day);
}

async function eligibilityOf(deps: Deps, nomination: Nomination, day: string): Promise<EligibilityReport> {
  // What the year's achievements must be is the year's rules (its last day's), whatever the day checked.
  const policy = await deps.policy.load();
  const rulesDay = rulesDayOfYear(nomination.year);
  const catalogue = policy.catalogueOn(rulesDay);
  const absenceSetting = policy.absenceSettingOn(rulesDay);
  if (!catalogue || !absenceSetting) throw noCatalogue(rulesDay);
  const title = titleFor(nomination.titleCode, rulesDay, nomination.candidate, catalogue);
  const subject = subjectOf(nomination.candidate);
  const [records, awards, initiatives, lineage] = await Promise.all([
    deps.subjects.of(subject),
    deps.awards.ofRecipient(subject),
    Promise.all(nomination.initiativeIds.map((i) => deps.initiatives.get(i))),
    nomination.candidate.kind === 'unit' ? mergedInto(deps, nomination.candidate.unitId) : [],
  ]);
  // A collective's chains continue through the units merged into it: their awards too.
  const mergedAwards = await Promise.all(
    lineage.map((m) => deps.awards.ofRecipient({ kind: 'unit', unitId: m.unitId })),
  );
  let candidate: Candidate;
  if (nomination.candidate.kind === 'member') {
    // The caller sees the nomination, proposed for a member of the proposing unit's subtree: the
    // member's record is read whole, wherever they have moved since.
    const member = await deps.members.get({ unitId: null }, nomination.candidate.memberId);
    candidate = { kind: 'member', memberId: member.id, joinDate: member.joinDate, history: member.history };
  } else {
    const unitId = nomination.candidate.unitId;
    const rating = await deps.ratings.get(unitId, nomination.year);
    candidate = {
      kind: 'unit',
      unitId,
      lineage,
      rating: rating?.status === 'approved' ? rating.category : null,
    };
  }
  const heldTitles: HeldTitle[] = [...awards, ...mergedAwards.flat()].map((a) => ({
    year: a.year,
    titleCode: a.titleCode,
    unitId: a.unitId,
    unitName: a.unitName,
    decision: a.decision,
  }));
  const facts: EligibilityFacts = {
    nominationId: nomination.id,
    title,
    period: { year: nomination.year, from: `${nomination.year}-01-01`, to: `${nomination.year}-12-31` },
    checkedOn: day,
    candidate,
    ...records,
    absence: nomination.absence,
    absenceSetting,
    heldTitles,
    achievements: initiatives.flatMap((i) =>
      i?.accepted
        ? [
            {
              kind: 'initiative' as const,
              id: i.id,
              title: i.title,
              recognisedOn: i.accepted.date,
              usedBy: i.usedBy ? { nominationId: i.usedBy.nominationId, decision: null } : null,
            },
          ]
        : [],
    ),
    titleNames: Object.fromEntries(catalogue.titles.map((t) => [t.code, t.name.vi])),
  };
  const result = checkEligibility(facts);
  const named = ({ effectiveFrom, source, certainty }: Versioned) => ({ effectiveFrom, source, certainty });
  return {
    nominationId: nomination.id,
    ...result,
    rules: { on: rulesDay, catalogue: named(catalogue), absence: named(absenceSetting) },
  };
}

/**
 * Receiving, voting, refusing and deciding are a level above the proposing unit's (or the whole
 * tree's); once received, of the receiving unit's subtree or above it.
 */
async function asDecidingLevel(deps: Deps, caller: Caller, id: string): Promise<Nomination> {
  const nomination = await getNomination(deps, caller, id);
  if (caller.unitId === nomination.proposingUnitId) throw notDecidingLevel();
  if (nomination.receipt && caller.unitId !== null) {
    if (!(await deps.units.isWithin(caller.unitId, nomination.receipt.decidingUnitId))) throw notDecidingLevel();
  }
  return nomination;
}

/** The deciding unit is above the proposing one, at a level that decides the title (the policy of `day`). */
async function assertDecidingUnit(deps: Deps, nomination: Nomination, decidingUnitId: string, day: string) {
  if (
    decidingUnitId === nomination.proposingUnitId ||
    !(await deps.units.isWithin(decidingUnitId, nomination.proposingUnitId))
  )
    throw notDecidingLevel();
  const title = titleFor(nomination.titleCode, day, nomination.candidate, (await deps.policy.load()).catalogueOn(day));
  const policy = decidingLevelsOn(day);
  const level = await deps.units.levelOf(decidingUnitId);
  const levels = policy?.levels[title.level] ?? [];
  if (!level || !levels.includes(level))
    throw decidingLevelMismatch(title.code, level ?? '—', levels, policy?.source ?? '—');
}

/**
 * The deciding level receives a nomination: the unit above the proposer at the title's level.
 * The eligibility is checked on the day of receipt and stored on the nomination; an ineligible
 * candidate is refused there and then, with the reasons, and the nomination's initiatives freed.
 */
export async function receiveNomination(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { decidingUnitId: string; on: string },
): Promise<Nomination> {
  await deps.units.assertInScope(caller, input.decidingUnitId);
  return retryOnConflict(async () => {
    const before = await asDecidingLevel(deps, caller, id);
    const today = dayInVietnam(caller.write.now());
    const from = before.createdAt.slice(0, 10);
    if (input.on > today || input.on < from) throw dateOutOfRange('on', from, today);
    await assertDecidingUnit(deps, before, input.decidingUnitId, input.on);
    const eligibility = await eligibilityOf(deps, before, input.on);
    const after = receive(before, { decidingUnitId: input.decidingUnitId, on: input.on, eligibility });
    await deps.nominations.save(before, after, after.status === 'refused' ? 'refuse' : 'receive', caller.write);
    return after;
  });
}

/** The deciding level refuses a nomination with its reason, before any decision; its initiatives are freed. */
export function refuseNomination(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { reason: string; on: string },
): Promise<Nomination> {
  return retryOnConflict(async () => {
    const before = await asDecidingLevel(deps, caller, id);
    const today = dayInVietnam(caller.write.now());
    const from = before.receipt?.on ?? before.createdAt.slice(0, 10);
    if (input.on > today || input.on < from) throw dateOutOfRange('on', from, today);
    const after = refuse(before, input);
    await deps.nominations.save(before, after, 'refuse', caller.write);
    return after;
  });
}

/** The council's secret vote, recorded as counts only, decided by the title's quorum and threshold. */
export function voteOnNomination(
  deps: Deps,
  caller: Caller,
  id: string,
  ballot: { members: number; present: number; yes: number; on: string },
): Promise<Nomination> {
  return retryOnConflict(async () => {
    const before = await asDecidingLevel(deps, caller, id);
    const today = dayInVietnam(caller.write.now());
    const from = before.receipt?.on ?? before.createdAt.slice(0, 10);
    if (ballot.on > today || ballot.on < from) throw dateOutOfRange('on', from, today);
    // The vote follows the council rule of its own day.
    const catalogue = (await deps.policy.load()).catalogueOn(ballot.on);
    const title = titleFor(before.titleCode, ballot.on, before.candidate, catalogue);
    const after = recordVote(before, ballot, { ...title.council });
    await deps.nominations.save(before, after, 'council', caller.write);
    return after;
  });
}

/**
 * The decision on an approved nomination: eligibility is checked again on the decision day and
 * must hold; the award is recorded with the decision, in one transaction.
 */
export async function decideNomination(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { decidingUnitId: string; decision: { number: string; date: string } },
): Promise<Nomination> {
  const { decision, decidingUnitId } = input;
  await deps.units.assertInScope(caller, decidingUnitId);
  return retryOnConflict(async () => {
    const before = await asDecidingLevel(deps, caller, id);
    if (before.receipt && before.receipt.decidingUnitId !== decidingUnitId)
      throw notReceivingUnit(before.receipt.decidingUnitId);
    if (
      decidingUnitId === before.proposingUnitId ||
      !(await deps.units.isWithin(decidingUnitId, before.proposingUnitId))
    )
      throw notDecidingLevel();
    const today = dayInVietnam(caller.write.now());
    const from = before.council?.on ?? before.createdAt.slice(0, 10);
    if (decision.date > today || decision.date < from) throw dateOutOfRange('decision.date', from, today);
    const awardId = caller.write.newId();
    decide(before, decision, awardId, decidingUnitId, null); // the step's own rule first
    const quota = (await deps.quotas.of(decidingUnitId, before.year)).find((q) => q.titleCode === before.titleCode);
    // While the council's votes allocated the seats, only a nomination they seated takes one.
    const allocationId = quota?.allocation?.id ?? null;
    if (allocationId && !(before.seat?.allocationId === allocationId && before.seat.outcome === 'seated'))
      throw notSeated(before.titleCode, before.year);
    const check = await eligibilityOf(deps, before, decision.date);
    if (check.outcome !== 'eligible') throw ineligibleAtDecision(failingReasons(check));
    // The prize: the title's coefficient of the decision date × lương cơ sở in force that day, as finance announced it.
    const policy = await deps.policy.load();
    const title = titleFor(before.titleCode, decision.date, before.candidate, policy.catalogueOn(decision.date));
    const { cash } = title;
    const prize = cash
      ? computePrize(
          decision.date,
          cash,
          await deps.baseSalaries.inForceOn(decision.date),
          policy.prizeRoundingOn(decision.date),
        )
      : null;
    const after = decide(before, decision, awardId, decidingUnitId, prize, check);
    const award: Award = {
      id: awardId,
      titleCode: before.titleCode,
      year: before.year,
      recipient: before.candidate,
      unitId: before.candidateUnitId,
      unitName: (await deps.units.nameOf(before.candidateUnitId)) ?? before.candidateUnitId,
      decision,
      recordedAt: caller.write.now().toISOString(),
    };
    await deps.nominations.save(before, after, 'decide', caller.write, {
      award,
      quota: quota ? { unitId: decidingUnitId, allocationId } : null,
      // The prize's payment asked of finance in the decision's own transaction.
      events: prize ? [event(EmulationLedgerPostingRequested, prizePostingRequest(after, prize))] : [],
      // The statistics of the award's year, for its unit and every unit above it.
      stats: {
        year: awardYear(award),
        units: await deps.units.chain(award.unitId),
        delta: awardDelta(title, prize?.amount ?? null),
      },
    });
    return after;
  });
}

/** A unit's quotas of a year: seats per title it decides, and those used. */
export async function unitQuotas(deps: Deps, caller: CallerScope, unitId: string, year: number) {
  await deps.units.assertInScope(caller, unitId);
  return { unitId, year, quotas: await deps.quotas.of(unitId, year) };
}

/** Sets a unit's quotas of a year (the former 15% cap on CSTĐCS, say, as seats); never below the seats used. */
export async function setUnitQuotas(
  deps: Deps,
  caller: Caller,
  unitId: string,
  year: number,
  quotas: readonly { titleCode: string; seats: number }[],
) {
  await deps.units.assertInScope(caller, unitId);
  const policy = await deps.policy.load();
  for (const q of quotas) if (!policy.knowsTitle(q.titleCode)) throw unknownTitle(q.titleCode, `${year}`);
  await deps.quotas.set(unitId, year, quotas, caller.write);
  return unitQuotas(deps, caller, unitId, year);
}

/**
 * A deciding unit with more council-approved nominations for a capped title than seats left
 * gives those seats by the votes (`allocateSeats`: most yes votes first, then women or
 * collectives with ≥ 70% women on the last seat's tie, NĐ 152/2025 Art. 4; a tie still open is
 * `tied`, the council's). The allocation is kept on the quota and each nomination's place on it,
 * in one transaction; from then on only a seated nomination may be decided. Once per quota: a
 * second, or one racing it, is `allocation-exists`.
 */
export function allocateQuotaSeats(
  deps: Deps,
  caller: Caller,
  unitId: string,
  year: number,
  titleCode: string,
  input: AllocateSeatsInput,
): Promise<SeatAllocation> {
  return retryOnConflict(async () => {
    await deps.units.assertInScope(caller, unitId);
    const quota = (await deps.quotas.of(unitId, year)).find((q) => q.titleCode === titleCode);
    if (!quota) throw noQuotaToAllocate(titleCode, year);
    if (quota.allocation) throw allocationExists(titleCode, year);
    if (quota.used >= quota.seats) throw quotaFull(titleCode, year);
    const today = dayInVietnam(caller.write.now());
    if (input.on > today || input.on < `${year}-01-01`) throw dateOutOfRange('on', `${year}-01-01`, today);
    const nominations: Nomination[] = [];
    const candidates: SeatCandidate[] = [];
    for (const { nominationId, workforce } of input.candidates) {
      const n = await deps.nominations.get(nominationId);
      if (
        n?.status !== 'approved' ||
        n.receipt?.decidingUnitId !== unitId ||
        n.titleCode !== titleCode ||
        n.year !== year ||
        !n.council ||
        n.council.on > input.on
      )
        throw notAllocatable(nominationId);
      let women: SeatCandidate['women'];
      if (n.candidate.kind === 'member') {
        if (workforce) throw workforceMismatch(nominationId);
        // The candidate was proposed in the deciding unit's subtree: read wherever they are now.
        const member = await deps.members.get({ unitId: null }, n.candidate.memberId);
        women = { kind: 'individual', female: member.gender === 'female' };
      } else {
        if (!workforce) throw workforceMismatch(nominationId);
        women = { kind: 'collective', share: workforce.women / workforce.people };
      }
      nominations.push(n);
      candidates.push({ id: n.id, yes: n.council.yes, women });
    }
    const seatsLeft = quota.seats - quota.used;
    const { outcomes, explanation } = explainAllocation(candidates, seatsLeft);
    const allocation: SeatAllocation = {
      id: caller.write.newId(),
      unitId,
      year,
      titleCode,
      on: input.on,
      seatsLeft,
      outcomes,
      explanation,
      source: TIE_BREAK_SOURCE,
    };
    const placed = nominations.map((before) => {
      const place = outcomes.find((o) => o.nominationId === before.id)!;
      const after: Nomination = {
        ...before,
        seat: { allocationId: allocation.id, outcome: place.outcome, reason: place.reason },
        version: before.version + 1,
      };
      return { before, after };
    });
    await deps.quotas.allocate(allocation, quota.used, placed, caller.write);
    return allocation;
  });
}

/** Finance's answer to a prize's posting request, as the subscription hands it. */
export type PrizePostingAnswer =
  | { requestId: string; posted: { postingId: string; voucherNumber: string | null } }
  | { requestId: string; rejected: { code: string; vi: string; en: string } };

/**
 * Records finance's answer (`LedgerPosted` or `LedgerPostingRejected`) on the decision whose
 * prize it pays, once: only a pending posting changes, so a redelivered or late answer changes
 * nothing (`ignored`).
 */
export async function recordPrizePosting(
  deps: Pick<NominationDeps, 'nominations'>,
  answer: PrizePostingAnswer,
  ctx: WriteContext,
): Promise<'recorded' | 'ignored'> {
  const id = nominationOfRequest(answer.requestId);
  if (!id) return 'ignored';
  return retryOnConflict(async () => {
    const before = await deps.nominations.get(id);
    const after = before && answerPosting(before, answer);
    if (!before || !after) return 'ignored';
    await deps.nominations.save(before, after, 'prize-posting', ctx);
    return 'recorded';
  });
}
