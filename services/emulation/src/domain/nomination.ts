import type { EligibilityReport, LocalizedText, Nomination, Prize } from '@congdoan/contracts';
import { type Ballot, type CouncilRule, councilVerdict } from './council.ts';
import { illegalNominationStep } from './errors.ts';
import { pendingPosting } from './prize.ts';

/** Its initiatives set free on `on` (a refused or not-approved nomination backs no award); null when it has none. */
const release = (n: Nomination, on: string): Nomination['released'] =>
  n.initiativeIds.length ? { on, initiativeIds: n.initiativeIds } : null;

/** The failing and pending rules' reasons of an eligibility check. */
export const failingReasons = (check: EligibilityReport): LocalizedText[] =>
  check.verdicts.filter((v) => v.outcome === 'fail' || v.outcome === 'frozen').map((v) => v.reason);

/**
 * Received by the deciding level on `on`, with the eligibility checked that day stored: an
 * ineligible candidate is refused there and then, with the failing rules' reasons, and the
 * nomination's initiatives are released; a frozen one is received (the decision checks again).
 */
export function receive(
  n: Nomination,
  receipt: { decidingUnitId: string; on: string; eligibility: EligibilityReport },
): Nomination {
  if (n.status !== 'proposed') throw illegalNominationStep(n.status, 'receipt');
  if (receipt.eligibility.outcome !== 'ineligible')
    return { ...n, status: 'received', receipt, version: n.version + 1 };
  const reasons = failingReasons(receipt.eligibility);
  return {
    ...n,
    status: 'refused',
    receipt,
    refusal: {
      on: receipt.on,
      stage: 'receipt',
      reason: {
        vi: `Không đủ điều kiện khi tiếp nhận. ${reasons.map((r) => r.vi).join(' ')}`,
        en: `Not eligible at receipt. ${reasons.map((r) => r.en).join(' ')}`,
      },
    },
    released: release(n, receipt.on),
    version: n.version + 1,
  };
}

/** Refused by the deciding level with its reason, any time before the decision; its initiatives are released. */
export function refuse(n: Nomination, refusal: { reason: string; on: string }): Nomination {
  if (!['proposed', 'received', 'approved'].includes(n.status)) throw illegalNominationStep(n.status, 'refusal');
  return {
    ...n,
    status: 'refused',
    refusal: { on: refusal.on, stage: 'review', reason: { vi: refusal.reason, en: refusal.reason } },
    released: release(n, refusal.on),
    version: n.version + 1,
  };
}

/** The council's vote on a received nomination, as counts only, under the title's rule; not approved releases its initiatives. */
export function recordVote(n: Nomination, ballot: Ballot & { on: string }, rule: CouncilRule): Nomination {
  if (n.status !== 'received') throw illegalNominationStep(n.status, 'council');
  const { outcome, reason } = councilVerdict(ballot, rule);
  return {
    ...n,
    status: outcome === 'approved' ? 'approved' : 'not-approved',
    released: outcome === 'approved' ? n.released : release(n, ballot.on),
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
  eligibility?: EligibilityReport,
): Nomination {
  if (n.status !== 'approved') throw illegalNominationStep(n.status, 'decision');
  return {
    ...n,
    status: 'decided',
    decision: {
      ...decision,
      awardId,
      decidingUnitId,
      prize,
      posting: prize ? pendingPosting(n.id) : null,
      ...(eligibility ? { eligibility } : {}),
    },
    version: n.version + 1,
  };
}
