import type { MemberStatus } from '@congdoan/contracts';

/**
 * A member's dated history as finance keeps it for dues, rebuilt from the
 * member events membership publishes. Each event carries the member's whole
 * state and its `version`; finance keeps one change per version and derives the
 * history from all of them, so a duplicate or late event changes nothing wrong.
 *
 * Each kind of change sets some facts from its effective day on:
 *
 * | change       | effective day                               | sets                               |
 * | ------------ | ------------------------------------------- | ---------------------------------- |
 * | admitted     | the admission decision date                 | unit, status active, dues salary   |
 * | readmitted   | the re-admission date                       | unit, status active, dues salary   |
 * | updated      | the Vietnam day it was recorded             | dues salary (when it changed)      |
 * | transferred  | the transfer date                           | unit                               |
 * | suspended    | the first day of the suspension             | status suspended                   |
 * | reinstated   | the reinstatement date                      | status active                      |
 * | exited       | the exit date                               | status exited                      |
 *
 * A fact on day `d` is the value set by the change with the **highest version**
 * among those that set it with an effective day on or before `d`: a later record
 * wins from its own day on, whatever order the events arrive in.
 */

export const ROSTER_CHANGE_KINDS = [
  'admitted',
  'updated',
  'transferred',
  'suspended',
  'reinstated',
  'exited',
  'readmitted',
] as const;
export type RosterChangeKind = (typeof ROSTER_CHANGE_KINDS)[number];

/** The statuses a member can have on the roster (applicants and rejected applications never reach finance). */
export type RosterStatus = 'active' | 'suspended' | 'exited';

/** What finance keeps of one member event: nothing but what dues need. */
export interface RosterChange {
  memberId: string;
  /** The member's version after the change. */
  version: number;
  kind: RosterChangeKind;
  /** The day the change takes effect, `YYYY-MM-DD`. */
  date: string;
  /** The member's unit after the change. */
  unitId: string;
  /** The member's status after the change. */
  status: MemberStatus;
  /** The dues salary after the change, in đồng. */
  duesSalary: number;
  /** For lists. */
  fullName: string;
  /** `updated` only: whether the dues salary was among the changed fields. */
  salaryChanged: boolean;
}

/** One stretch of days with the same unit, status and dues salary. */
export interface Span {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** The day after the last one; null while it lasts. */
  to: string | null;
  unitId: string;
  status: RosterStatus;
  duesSalary: number;
}

/** An admission or re-admission: the admitting unit and the dues salary in force at the end of that day. */
export interface Admission {
  date: string;
  unitId: string;
  duesSalary: number;
}

/** What dues need of a member's history: their spans and their admissions. */
export interface MemberHistory {
  spans: Span[];
  admissions: Admission[];
}

type Field = 'unit' | 'status' | 'salary';

const SETS: Record<RosterChangeKind, readonly Field[]> = {
  admitted: ['unit', 'status', 'salary'],
  readmitted: ['unit', 'status', 'salary'],
  updated: ['salary'],
  transferred: ['unit'],
  suspended: ['status'],
  reinstated: ['status'],
  exited: ['status'],
};

const STATUS_SET: Partial<Record<RosterChangeKind, RosterStatus>> = {
  admitted: 'active',
  readmitted: 'active',
  suspended: 'suspended',
  reinstated: 'active',
  exited: 'exited',
};

export const isAdmission = (kind: RosterChangeKind) => kind === 'admitted' || kind === 'readmitted';

function sets(change: RosterChange, field: Field): boolean {
  if (field === 'salary' && change.kind === 'updated') return change.salaryChanged;
  return SETS[change.kind].includes(field);
}

/** The change that decides `field` on `day`: the highest version among those setting it on or before the day. */
function decider(byVersion: readonly RosterChange[], field: Field, day: string): RosterChange | undefined {
  for (let i = byVersion.length - 1; i >= 0; i--) {
    const change = byVersion[i]!;
    if (change.date <= day && sets(change, field)) return change;
  }
  return undefined;
}

/**
 * The member's history: contiguous spans, oldest first (days before the first
 * day on which the unit, status and salary are all known have none), and every
 * admission or re-admission with the salary in force at the end of its day.
 * Pure and independent of the order `changes` come in; a version listed twice
 * counts once.
 */
export function buildHistory(changes: readonly RosterChange[]): MemberHistory {
  const byVersion = [...new Map(changes.map((c) => [c.version, c])).values()].sort((a, b) => a.version - b.version);
  const days = [...new Set(byVersion.map((c) => c.date))].sort();
  const spans: Span[] = [];
  for (const day of days) {
    const unit = decider(byVersion, 'unit', day);
    const status = decider(byVersion, 'status', day);
    const salary = decider(byVersion, 'salary', day);
    if (!unit || !status || !salary) continue;
    const next: Span = {
      from: day,
      to: null,
      unitId: unit.unitId,
      status: STATUS_SET[status.kind]!,
      duesSalary: salary.duesSalary,
    };
    const last = spans.at(-1);
    if (last && last.unitId === next.unitId && last.status === next.status && last.duesSalary === next.duesSalary) {
      continue;
    }
    if (last) last.to = day;
    spans.push(next);
  }
  const admissions = byVersion
    .filter((c) => isAdmission(c.kind))
    .map((c) => ({ date: c.date, unitId: c.unitId, duesSalary: decider(byVersion, 'salary', c.date)!.duesSalary }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { spans, admissions };
}

/** The units a member ever belonged to (or was admitted into), in order of first appearance. */
export const unitsOf = (history: MemberHistory): string[] => [
  ...new Set([...history.spans.map((s) => s.unitId), ...history.admissions.map((a) => a.unitId)]),
];

/** The history in one unit, what that unit's roster keeps of the member: the spans there and the admissions into it. */
export const historyInUnit = (history: MemberHistory, unitId: string): MemberHistory => ({
  spans: history.spans.filter((s) => s.unitId === unitId),
  admissions: history.admissions.filter((a) => a.unitId === unitId),
});

/** The span covering `day`, if any. */
export const spanOn = (spans: readonly Span[], day: string): Span | undefined =>
  spans.find((s) => s.from <= day && (s.to === null || day < s.to));
