import type { Nomination, Prize } from '@congdoan/contracts';
import { type Ballot, type CouncilRule, councilVerdict } from './council.ts';
import { illegalNominationStep } from './errors.ts';
import { pendingPosting } from './prize.ts';

/** The council's vote on a proposed nomination, as counts only, under the title's rule. */
export function recordVote(n: Nomination, ballot: Ballot & { on: string }, rule: CouncilRule): Nomination {
  if (n.status !== 'proposed') throw illegalNominationStep(n.status, 'council');
  const { outcome, reason } = councilVerdict(ballot, rule);
  return {
    ...n,
    status: outcome === 'approved' ? 'approved' : 'not-approved',
    council: { members: ballot.members, present: ballot.present, yes: ballot.yes, on: ballot.on, outcome, reason },
    version: n.version + 1,
  };
}

/** The decision conferring the title on an approved nomination, with the award it records and its prize. */
export function decide(
  n: Nomination,
  decision: { number: string; date: string },
  awardId: string,
  decidingUnitId: string,
  prize: Prize | null,
): Nomination {
  if (n.status !== 'approved') throw illegalNominationStep(n.status, 'decision');
  return {
    ...n,
    status: 'decided',
    decision: { ...decision, awardId, decidingUnitId, prize, posting: prize ? pendingPosting(n.id) : null },
    version: n.version + 1,
  };
}
