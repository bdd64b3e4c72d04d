import type { DirectorySpan, DirectoryStatus } from '@congdoan/contracts';

/**
 * A member's dated history, rebuilt from the lifecycle changes the directory keeps (one
 * per member version). Each kind of change sets some facts from its effective day on:
 *
 * | change       | effective day                       | sets                  |
 * | ------------ | ----------------------------------- | --------------------- |
 * | admitted     | the admission decision date         | unit, status active   |
 * | readmitted   | the re-admission date               | unit, status active   |
 * | transferred  | the transfer date                   | unit                  |
 * | suspended    | the first day of the suspension     | status suspended      |
 * | reinstated   | the reinstatement date              | status active         |
 * | exited       | the exit date                       | status exited         |
 *
 * A fact on day `d` is the value set by the change with the **highest version** among
 * those that set it with an effective day on or before `d`: a later record wins from its
 * own day on, so a back-dated suspension recorded after a transfer suspends the member in
 * the unit they were in then. The result depends only on the set of changes, never on
 * the order they arrived in.
 */

export const LIFECYCLE_KINDS = ['admitted', 'transferred', 'suspended', 'reinstated', 'exited', 'readmitted'] as const;
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];

/** One lifecycle step as the directory keeps it: a version, a kind, a day and a unit. */
export interface LifecycleChange {
  /** The member's version after the change. */
  version: number;
  kind: LifecycleKind;
  /** The day it takes effect, `YYYY-MM-DD`. */
  date: string;
  /** The member's unit after the change (the destination of a transfer). */
  unitId: string;
}

const SETS_UNIT: ReadonlySet<LifecycleKind> = new Set(['admitted', 'readmitted', 'transferred']);

const STATUS_SET: Readonly<Partial<Record<LifecycleKind, DirectoryStatus>>> = {
  admitted: 'active',
  readmitted: 'active',
  suspended: 'suspended',
  reinstated: 'active',
  exited: 'exited',
};

/** The change that decides a fact on `day`: the highest version among those setting it on or before the day. */
function decider(
  byVersion: readonly LifecycleChange[],
  day: string,
  sets: (c: LifecycleChange) => boolean,
): LifecycleChange | undefined {
  for (let i = byVersion.length - 1; i >= 0; i--) {
    const change = byVersion[i]!;
    if (change.date <= day && sets(change)) return change;
  }
  return undefined;
}

/** The changes by ascending version, a version listed twice counted once. */
export function byVersion(changes: readonly LifecycleChange[]): LifecycleChange[] {
  return [...new Map(changes.map((c) => [c.version, c])).values()].sort((a, b) => a.version - b.version);
}

/**
 * Contiguous spans of one unit and one standing, oldest first. Days before the first day
 * on which both the unit and the standing are known (the first admission) have none.
 */
export function buildHistory(changes: readonly LifecycleChange[]): DirectorySpan[] {
  const ordered = byVersion(changes);
  const days = [...new Set(ordered.map((c) => c.date))].sort();
  const spans: DirectorySpan[] = [];
  for (const day of days) {
    const unit = decider(ordered, day, (c) => SETS_UNIT.has(c.kind));
    const status = decider(ordered, day, (c) => STATUS_SET[c.kind] !== undefined);
    if (!unit || !status) continue;
    const next: DirectorySpan = { from: day, to: null, unitId: unit.unitId, status: STATUS_SET[status.kind]! };
    const last = spans.at(-1);
    if (last && last.unitId === next.unitId && last.status === next.status) continue;
    if (last) last.to = day;
    spans.push(next);
  }
  return spans;
}

/** The span covering `day`, if the member had one then. */
export const spanOn = (history: readonly DirectorySpan[], day: string): DirectorySpan | undefined =>
  history.find((s) => s.from <= day && (s.to === null || day < s.to));
