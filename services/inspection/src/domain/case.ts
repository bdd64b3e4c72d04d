import type { WorkingCalendar } from '@congdoan/calendar';
import {
  type Case,
  type CaseClass,
  type CaseDeadline,
  type CaseDeadlineKind,
  type CaseStage,
  type CaseStep,
  dayInVietnam,
  type LocalizedText,
} from '@congdoan/contracts';
import {
  congressCutoffPassed,
  extensionsExhausted,
  filingLimitPassed,
  illegalCaseStep,
  stepDateInFuture,
  stepDateOutOfOrder,
} from './case-errors.ts';
import { type CasePolicy, casePolicyOn, type Limit } from './case-policy.ts';

/**
 * A case's course, as a state machine, and its statutory deadlines on the working-day calendar.
 *
 *   received ─accept→ accepted ─verify→ verifying ─conclude→ concluded ─decide→ decided
 *      │ refuse → refused       (extend: a denunciation's resolution, accepted or verifying)
 *      └ transfer / withdraw (from received, accepted or verifying) → transferred / withdrawn
 *
 * `assign` keeps the stage. A `verify` while received is a denunciation's verification before
 * acceptance: its initial handling runs 10 working days instead of 7. Anything else is a 409
 * naming the stage, the step and why.
 */
const FROM: Record<CaseStep, readonly CaseStage[]> = {
  accept: ['received'],
  refuse: ['received'],
  transfer: ['received', 'accepted', 'verifying'],
  assign: ['received', 'accepted', 'verifying'],
  verify: ['received', 'accepted', 'verifying'],
  extend: ['accepted', 'verifying'],
  conclude: ['accepted', 'verifying'],
  decide: ['concluded'],
  withdraw: ['received', 'accepted', 'verifying'],
};

const CASE_STAGE_NAMES: Record<CaseStage, LocalizedText> = {
  received: { vi: 'đã tiếp nhận', en: 'received' },
  accepted: { vi: 'đã thụ lý', en: 'accepted' },
  verifying: { vi: 'đang xác minh', en: 'being verified' },
  concluded: { vi: 'đã kết luận', en: 'concluded' },
  decided: { vi: 'đã có quyết định xử lý', en: 'decided' },
  refused: { vi: 'đã từ chối thụ lý', en: 'refused' },
  transferred: { vi: 'đã chuyển cơ quan có thẩm quyền', en: 'transferred' },
  withdrawn: { vi: 'đã rút đơn', en: 'withdrawn' },
};
const CASE_STEP_NAMES: Record<CaseStep, LocalizedText> = {
  accept: { vi: 'thụ lý', en: 'accept' },
  refuse: { vi: 'từ chối thụ lý', en: 'refuse' },
  transfer: { vi: 'chuyển cơ quan có thẩm quyền', en: 'transfer' },
  assign: { vi: 'phân công giải quyết', en: 'assign' },
  verify: { vi: 'xác minh', en: 'verify' },
  extend: { vi: 'gia hạn giải quyết', en: 'extend' },
  conclude: { vi: 'kết luận', en: 'conclude' },
  decide: { vi: 'quyết định xử lý', en: 'decide' },
  withdraw: { vi: 'rút đơn', en: 'withdraw' },
};
const WHY: Record<CaseStep, LocalizedText> = {
  accept: { vi: 'chỉ thụ lý một lần, ngay sau khi tiếp nhận', en: 'a case is accepted once, right after receipt' },
  refuse: { vi: 'chỉ từ chối thụ lý khi chưa thụ lý', en: 'only a case not yet accepted can be refused' },
  transfer: { vi: 'vụ việc đã kết thúc', en: 'the case has ended' },
  assign: { vi: 'vụ việc đã kết thúc', en: 'the case has ended' },
  verify: { vi: 'vụ việc đã kết thúc', en: 'the case has ended' },
  extend: {
    vi: 'chỉ gia hạn thời hạn giải quyết tố cáo đã thụ lý, chưa kết luận',
    en: 'only an accepted denunciation not yet concluded is extended',
  },
  conclude: {
    vi: 'cần thụ lý trước, và chỉ kết luận một lần',
    en: 'the case must be accepted first, and concluded once',
  },
  decide: { vi: 'quyết định xử lý theo sau kết luận', en: 'the decision follows the conclusion' },
  withdraw: { vi: 'vụ việc đã kết thúc', en: 'the case has ended' },
};

const COMPLAINT_CLASSES: readonly CaseClass[] = ['complaint-first', 'complaint-second'];
const isComplaint = (c: CaseClass) => COMPLAINT_CLASSES.includes(c);
/** The classes the congress cut-off applies to (Hướng dẫn 63/HD-TLĐ: complaints and denunciations about the congress). */
const CONGRESS_CLASSES: readonly CaseClass[] = ['complaint-first', 'complaint-second', 'denunciation'];

/** The stage a step leads to, or the 409 of an illegal transition. */
export function caseTransition(stage: CaseStage, step: CaseStep, klass: CaseClass): CaseStage {
  const illegal = () => illegalCaseStep(CASE_STAGE_NAMES[stage], CASE_STEP_NAMES[step], WHY[step]);
  if (!FROM[step].includes(stage)) throw illegal();
  if (step === 'extend' && klass !== 'denunciation') throw illegal();
  if (step === 'verify' && stage === 'received' && klass !== 'denunciation') {
    throw illegalCaseStep(CASE_STAGE_NAMES[stage], CASE_STEP_NAMES[step], {
      vi: 'cần thụ lý trước khi xác minh',
      en: 'the case must be accepted before it is verified',
    });
  }
  switch (step) {
    case 'accept':
      return 'accepted';
    case 'refuse':
      return 'refused';
    case 'transfer':
      return 'transferred';
    case 'verify':
      return stage === 'received' ? 'received' : 'verifying';
    case 'conclude':
      return 'concluded';
    case 'decide':
      return 'decided';
    case 'withdraw':
      return 'withdrawn';
    default:
      return stage;
  }
}

/** A deadline within this many working days is due soon: on the board, and announced as approaching. */
export const DUE_SOON_WORKING_DAYS = 5;

/** One deadline counted on the calendar from `from`, explaining itself. */
export function countDeadline(
  calendar: WorkingCalendar,
  kind: CaseDeadlineKind,
  from: string,
  limit: Limit,
  sourceSuffix?: LocalizedText,
): CaseDeadline {
  const rule = sourceSuffix
    ? { vi: `${limit.source.vi}; ${sourceSuffix.vi}`, en: `${limit.source.en}; ${sourceSuffix.en}` }
    : limit.source;
  const due =
    limit.dayKind === 'working'
      ? calendar.addWorkingDays(from, limit.days, { rule })
      : calendar.addCalendarDays(from, limit.days, { rule, endOnWorkingDay: limit.endOnWorkingDay });
  return {
    kind,
    dueDate: due.date,
    dayKind: due.kind,
    from,
    days: limit.days,
    explanation: { vi: due.explanation.vi, en: due.explanation.en },
    source: rule.vi,
    certainty: limit.certainty,
    status: 'open',
    metOn: null,
    dueSoonFrom: calendar.addWorkingDays(due.date, -DUE_SOON_WORKING_DAYS).date,
  };
}

/** What the intake checks and counts need to know of a case. */
export interface IntakeFacts {
  class: CaseClass;
  receivedOn: string;
  knewOn?: string | null;
  congress?: { date: string; level: 'grassroots' | 'upper' } | null;
}

/** A complaint filed after the filing limit is refused at intake and at acceptance (422). */
export function assertWithinFilingLimit(calendar: WorkingCalendar, facts: IntakeFacts, policy: CasePolicy) {
  if (!isComplaint(facts.class) || !facts.knewOn) return;
  const limit = policy.complaintFilingLimit;
  const last = calendar.addCalendarDays(facts.knewOn, limit.days, {
    rule: limit.source,
    endOnWorkingDay: limit.endOnWorkingDay,
  });
  if (facts.receivedOn > last.date) throw filingLimitPassed(facts.knewOn, last.date, last.explanation);
}

/** The last day a case about a congress is received or accepted: 25 (CĐCS) or 30 (upper level) working days before it. */
export function congressCutoff(
  calendar: WorkingCalendar,
  congress: { date: string; level: 'grassroots' | 'upper' },
  policy: CasePolicy,
) {
  const limit = congress.level === 'grassroots' ? policy.congressCutoffGrassroots : policy.congressCutoffUpper;
  return calendar.addWorkingDays(congress.date, -limit.days, { rule: limit.source });
}

/** A case about a congress is not received or accepted after the cut-off (422). */
export function assertBeforeCongressCutoff(
  calendar: WorkingCalendar,
  facts: IntakeFacts,
  on: string,
  policy: CasePolicy,
) {
  if (!facts.congress || !CONGRESS_CLASSES.includes(facts.class)) return;
  const cutoff = congressCutoff(calendar, facts.congress, policy);
  if (on > cutoff.date) throw congressCutoffPassed(cutoff.date, cutoff.explanation);
}

/** The deadlines a case has from receipt: a complaint's acceptance; a denunciation's initial handling and transfer. */
export function intakeDeadlines(calendar: WorkingCalendar, facts: IntakeFacts, policy: CasePolicy): CaseDeadline[] {
  if (isComplaint(facts.class)) {
    return [countDeadline(calendar, 'complaint-acceptance', facts.receivedOn, policy.complaintAcceptance)];
  }
  if (facts.class === 'denunciation') {
    return [
      countDeadline(calendar, 'denunciation-initial-handling', facts.receivedOn, policy.denunciationInitialHandling),
      countDeadline(calendar, 'denunciation-transfer', facts.receivedOn, policy.denunciationTransfer),
    ];
  }
  return [];
}

/** The resolution deadline a case gets on acceptance. */
function resolutionDeadline(calendar: WorkingCalendar, c: Case, on: string, policy: CasePolicy) {
  if (c.class === 'denunciation') {
    return countDeadline(calendar, 'denunciation-resolution', on, policy.denunciationResolution);
  }
  if (!isComplaint(c.class)) return null;
  const limits = c.class === 'complaint-first' ? policy.complaintFirstResolution : policy.complaintSecondResolution;
  const complex = c.complexity !== 'normal';
  const limit = c.remoteArea
    ? complex
      ? limits.remoteComplex
      : limits.remoteNormal
    : complex
      ? limits.complex
      : limits.normal;
  const kind = c.class === 'complaint-first' ? 'complaint-first-resolution' : 'complaint-second-resolution';
  return countDeadline(calendar, kind, on, limit);
}

const RESOLUTION_KINDS: readonly CaseDeadlineKind[] = [
  'complaint-first-resolution',
  'complaint-second-resolution',
  'denunciation-resolution',
];

/** The deadlines with the open ones of `kinds` met on `on`, and every other open one closed when `closeRest`. */
function settle(
  deadlines: readonly CaseDeadline[],
  met: readonly CaseDeadlineKind[],
  on: string,
  closeRest: boolean,
): CaseDeadline[] {
  return deadlines.map((d) => {
    if (d.status !== 'open') return d;
    if (met.includes(d.kind)) return { ...d, status: on <= d.dueDate ? 'met' : 'late', metOn: on };
    return closeRest ? { ...d, status: 'closed' } : d;
  });
}

export type CaseStepInput =
  | { step: 'accept'; date: string; note?: string }
  | { step: 'refuse'; date: string; reason: string }
  | { step: 'transfer'; date: string; competentBody: string; note?: string }
  | { step: 'assign'; date: string; memberIds: string[] }
  | { step: 'verify'; date: string; note: string }
  | { step: 'extend'; date: string; decision: { number: string; date: string }; reason?: string }
  | { step: 'conclude'; date: string; number?: string; summary: string }
  | { step: 'decide'; date: string; number: string; summary: string }
  | { step: 'withdraw'; date: string; note?: string };

export interface StepEnvironment {
  calendar: WorkingCalendar;
  now: Date;
  by: string;
  /** For `assign`: the members checked by the use case (UBKT seat, not the subject). */
  assignees?: Case['assignees'];
  /** The case policy's versions; `CASE_POLICIES` unless given. A case counts on the one in force on the day it was received. */
  policies?: readonly CasePolicy[];
}

/** The step's facts as recorded on the case and in its audit: everything but the step and date. */
function detailOf(input: CaseStepInput): Record<string, unknown> {
  const { step: _step, date: _date, ...rest } = input;
  return rest;
}

/**
 * The case after a step: the stage moved, deadlines met, opened, extended or closed, the step
 * recorded, the version bumped. Dates: not after today in Vietnam, not before the last step.
 */
export function takeCaseStep(c: Case, input: CaseStepInput, env: StepEnvironment): Case {
  const stage = caseTransition(c.stage, input.step, c.class);
  if (input.date > dayInVietnam(env.now)) throw stepDateInFuture();
  const last = c.steps.at(-1)?.date ?? c.receivedOn;
  if (input.date < last) throw stepDateOutOfOrder(input.date, last);
  const policy = casePolicyOn(c.receivedOn, env.policies);
  const on = input.date;
  let deadlines = c.deadlines;
  const changes: Partial<Case> = {};
  switch (input.step) {
    case 'accept': {
      const facts = { class: c.class, receivedOn: c.receivedOn, knewOn: c.knewOn, congress: c.congress };
      assertWithinFilingLimit(env.calendar, facts, policy);
      assertBeforeCongressCutoff(env.calendar, facts, on, policy);
      deadlines = settle(deadlines, ['complaint-acceptance', 'denunciation-initial-handling'], on, true);
      const resolution = resolutionDeadline(env.calendar, c, on, policy);
      if (resolution) deadlines = [...deadlines, resolution];
      changes.acceptedOn = on;
      break;
    }
    case 'refuse':
      deadlines = settle(deadlines, ['complaint-acceptance', 'denunciation-initial-handling'], on, true);
      changes.closedOn = on;
      break;
    case 'transfer':
      deadlines = settle(deadlines, ['denunciation-transfer', 'denunciation-initial-handling'], on, true);
      changes.closedOn = on;
      break;
    case 'withdraw':
      deadlines = settle(deadlines, [], on, true);
      changes.closedOn = on;
      break;
    case 'assign':
      changes.assignees = env.assignees ?? [];
      break;
    case 'verify':
      if (c.stage === 'received') {
        // Verification before acceptance: the initial handling runs the longer limit, from receipt.
        deadlines = deadlines.map((d) =>
          d.kind === 'denunciation-initial-handling' && d.status === 'open'
            ? countDeadline(env.calendar, d.kind, c.receivedOn, policy.denunciationInitialHandlingWithVerification)
            : d,
        );
      }
      break;
    case 'extend': {
      const max = policy.denunciationMaxExtensions[c.complexity];
      if (c.extensions.length >= max) throw extensionsExhausted(max);
      const current = deadlines.find((d) => d.kind === 'denunciation-resolution' && d.status === 'open');
      if (!current) throw extensionsExhausted(max);
      const extended = countDeadline(env.calendar, current.kind, current.dueDate, policy.denunciationExtension, {
        vi: `gia hạn lần ${c.extensions.length + 1} theo quyết định số ${input.decision.number} ngày ${input.decision.date}`,
        en: `extension ${c.extensions.length + 1} by decision ${input.decision.number} of ${input.decision.date}`,
      });
      deadlines = deadlines.map((d) => (d === current ? extended : d));
      changes.extensions = [...c.extensions, { ...input.decision, dueDate: extended.dueDate }];
      break;
    }
    case 'conclude': {
      const due = deadlines.find((d) => RESOLUTION_KINDS.includes(d.kind) && d.status === 'open');
      deadlines = settle(deadlines, RESOLUTION_KINDS, on, true);
      changes.closedOn = on;
      changes.resolvedOnTime = due ? on <= due.dueDate : true;
      break;
    }
    case 'decide':
      break;
  }
  return {
    ...c,
    ...changes,
    stage,
    deadlines,
    steps: [...c.steps, { step: input.step, date: on, by: env.by, at: env.now.toISOString(), detail: detailOf(input) }],
    version: c.version + 1,
    updatedAt: env.now.toISOString(),
  };
}
