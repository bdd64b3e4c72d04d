import type { Initiative, InitiativeStatus, LocalizedText } from '@congdoan/contracts';
import { illegalInitiativeStep, initiativeAlreadySent, initiativeNotPassed, noThresholds } from './errors.ts';
import type { InitiativeThresholds } from './policy/settings.ts';

export const INITIATIVE_STEPS: Record<
  'evaluate' | 'accept' | 'reject' | 'send',
  LocalizedText & { from: InitiativeStatus[] }
> = {
  evaluate: { vi: 'chấm điểm', en: 'evaluation', from: ['submitted'] },
  accept: { vi: 'công nhận', en: 'acceptance', from: ['evaluated'] },
  reject: { vi: 'không công nhận', en: 'rejection', from: ['submitted', 'evaluated'] },
  send: { vi: 'đánh dấu đã gửi Cổng sáng kiến', en: 'marking as sent to the portal', from: ['accepted'] },
};

function assertStep(initiative: Initiative, step: keyof typeof INITIATIVE_STEPS) {
  if (!INITIATIVE_STEPS[step].from.includes(initiative.status))
    throw illegalInitiativeStep(initiative.status, INITIATIVE_STEPS[step]);
}

/** The council's scores against the thresholds in force on the meeting day. */
export function evaluate(
  initiative: Initiative,
  scores: { newness: number; feasibility: number; effectiveness: number },
  on: string,
  /** The thresholds in force on `on` (the policy's). */
  thresholds: InitiativeThresholds | undefined,
): Initiative {
  assertStep(initiative, 'evaluate');
  if (!thresholds) throw noThresholds(on);
  const values = [scores.newness, scores.feasibility, scores.effectiveness];
  const passed =
    values.every((v) => v >= thresholds.eachAtLeast) && values.reduce((a, b) => a + b, 0) >= thresholds.totalAtLeast;
  return {
    ...initiative,
    status: 'evaluated',
    evaluation: {
      scores,
      on,
      passed,
      thresholds: {
        eachAtLeast: thresholds.eachAtLeast,
        totalAtLeast: thresholds.totalAtLeast,
        source: thresholds.source,
      },
    },
    version: initiative.version + 1,
  };
}

/** Accepted at a scope with its recognition, once the council's scores passed. */
export function accept(
  initiative: Initiative,
  input: { scope: 'unit' | 'province' | 'national'; recognition: { number: string; date: string } },
): Initiative {
  assertStep(initiative, 'accept');
  if (!initiative.evaluation?.passed) throw initiativeNotPassed();
  return {
    ...initiative,
    status: 'accepted',
    accepted: { scope: input.scope, number: input.recognition.number, date: input.recognition.date },
    version: initiative.version + 1,
  };
}

export function reject(initiative: Initiative, input: { reason: string; on: string }): Initiative {
  assertStep(initiative, 'reject');
  return { ...initiative, status: 'rejected', rejected: input, version: initiative.version + 1 };
}

/**
 * Marked as sent to the national "1 triệu sáng kiến" portal: an accepted initiative, once, with
 * the day, who marked it and the portal's reference if it gave one.
 */
export function markSent(
  initiative: Initiative,
  sent: { on: string; by: string; reference: string | null },
): Initiative {
  assertStep(initiative, 'send');
  if (initiative.sent) throw initiativeAlreadySent(initiative.sent.on);
  return { ...initiative, sent, version: initiative.version + 1 };
}
