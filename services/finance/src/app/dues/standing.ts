import { DomainError, dayInVietnam, MemberDuesStandingChanged, type Month } from '@congdoan/contracts';
import { event, type WriteContext } from '@congdoan/ddb';
import pMap from 'p-map';
import {
  type DuesStanding,
  GOOD_STANDING,
  type StandingFigures,
  sameFigures,
  standingMonth,
  standingWindow,
  unitStandings,
} from '../../domain/dues/standing.ts';
import { duesTermsIn } from '../../domain/dues/terms.ts';
import { type StandingDeps, StandingOvertakenError } from './ports.ts';

/** Announcements written at once (one transaction each). */
const WRITES_AT_ONCE = 8;
/** Rounds of reading again the members another run announced meanwhile. */
const ATTEMPTS = 5;

export type StandingOutcome =
  | {
      outcome: 'computed';
      unitId: string;
      asOf: Month;
      /** Members owing `asOf` to the unit. */
      members: number;
      /** Standings announced by this run. */
      announced: number;
      /** Announcements another run made first, after this one read the standing (each decided again). */
      overtaken: number;
    }
  | { outcome: 'unknown-unit'; unitId: string; asOf: Month }
  /** The unit's months cannot be computed (a rule refuses them, e.g. no funding type): retrying changes nothing. */
  | { outcome: 'not-computable'; unitId: string; asOf: Month; code: string };

/**
 * Announces the dues standing of the members who owe the unit the last month fallen
 * due (`standingMonth` of today in Vietnam), each only when it differs from the last
 * one announced for them: `MemberDuesStandingChanged` in one transaction with the
 * member's standing item, written over the version read. Reads the unit's profile and
 * roster, the members' last standings, then the months' states (one Query): a constant
 * number of calls plus one per 100 members, whatever the province holds.
 *
 * Concurrent or repeated runs announce each change once: the one whose write lands
 * first announces it, the other finds the version moved on, reads the member's
 * standing and the months again and decides again (nothing, when the figures agree).
 * The standings are read before the months they are compared with, so whoever
 * announced a member meanwhile computed from months read earlier than ours: a run
 * never replaces a newer standing with an older one. A standing already announced
 * for a later month is left alone. A unit whose months a rule refuses to compute (no
 * funding type in force) answers `not-computable` with the rule's code, announcing
 * nothing: a redelivery would not change it.
 */
export async function announceDuesStandings(
  deps: StandingDeps,
  unitId: string,
  write: WriteContext,
): Promise<StandingOutcome> {
  const asOf = standingMonth(dayInVietnam(write.now()));
  let only: ReadonlySet<string> | null = null;
  let members = 0;
  let announced = 0;
  let overtaken = 0;
  for (let attempt = 1; ; attempt++) {
    const [profile, policy, roster] = await Promise.all([
      deps.profiles.get(unitId),
      deps.loadPolicy(),
      deps.roster.unitRoster(unitId),
    ]);
    if (!profile) return { outcome: 'unknown-unit', unitId, asOf };
    const entries = only === null ? roster : roster.filter((e) => only?.has(e.memberId));
    const last = await deps.standings.lastAnnounced(entries.map((e) => e.memberId));
    const window = standingWindow(asOf, policy.duesRemovalMonths(asOf).months);
    const states = await deps.dues.monthStates(unitId, window.first, window.last);
    let figures: Map<string, StandingFigures>;
    try {
      figures = unitStandings({
        unitId,
        asOf,
        termsOf: (month) => duesTermsIn(profile, month),
        entries,
        states,
        policy,
      });
    } catch (error) {
      if (error instanceof DomainError) return { outcome: 'not-computable', unitId, asOf, code: error.code };
      throw error;
    }
    if (only === null) members = figures.size;

    const changes = [...figures].flatMap(([memberId, next]) => {
      const previous = last.get(memberId);
      return isChange(previous, unitId, next, asOf) ? [{ memberId, next, previous }] : [];
    });
    const lost = new Set<string>();
    await pMap(
      changes,
      async ({ memberId, next, previous }) => {
        const standing: DuesStanding = { memberId, unitId, asOf, ...next, version: (previous?.version ?? 0) + 1 };
        try {
          await deps.standings.announce(standing, previous, [event(MemberDuesStandingChanged, standing)], write);
          announced++;
        } catch (error) {
          if (!(error instanceof StandingOvertakenError)) throw error;
          lost.add(memberId);
        }
      },
      { concurrency: WRITES_AT_ONCE },
    );
    overtaken += lost.size;
    if (lost.size === 0) return { outcome: 'computed', unitId, asOf, members, announced, overtaken };
    if (attempt >= ATTEMPTS) {
      throw new Error(
        `dues standings of unit ${unitId}: ${lost.size} members still overtaken after ${ATTEMPTS} rounds`,
      );
    }
    only = lost;
  }
}

/**
 * Whether `next`, counted at `unitId`, is news against what was last announced: other
 * figures, or the same counted at another unit (a transfer). Nothing announced yet: the
 * member owed nothing, anywhere.
 */
function isChange(previous: DuesStanding | undefined, unitId: string, next: StandingFigures, asOf: Month): boolean {
  if (!previous) return !sameFigures(GOOD_STANDING, next);
  if (previous.asOf > asOf) return false;
  return previous.unitId !== unitId || !sameFigures(previous, next);
}
