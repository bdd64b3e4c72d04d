import {
  type EXIT_REASONS,
  MemberAdmitted,
  MemberExited,
  type MemberInput,
  MemberReadmitted,
  MemberReinstated,
  type MemberState,
  MemberSuspended,
  MemberTransferred,
  MemberUpdated,
  notFound,
  unprocessable,
} from '@congdoan/contracts';
import { assertVersion, event, type PendingEvent, retryOnConflict, type WriteItem } from '@congdoan/ddb';
import { isInScope, visibleOrNotFound } from '@congdoan/org-directory';
import { dayInVietnam } from '../../domain/calendar.ts';
import { cardNumberFor } from '../../domain/member/card.ts';
import * as rules from '../../domain/member/member.ts';
import { membershipPolicyOn } from '../../domain/policy.ts';
import type { MemberChange, StoredMember } from '../member-ports.ts';
import type { Caller } from '../units/deps.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { MemberDeps } from './deps.ts';

const MEMBER = { vi: 'đoàn viên', en: 'member' };
const UNIT = { vi: 'đơn vị', en: 'unit' };
const today = (caller: Caller) => dayInVietnam(caller.write.now());

/** Levels whose units hold members directly. */
export const MEMBER_LEVELS = new Set(['grassroots', 'section', 'group']);

/** Reads a member the caller may see: their unit must lie in the caller's subtree, else 404. */
export function readMemberInScope(
  deps: MemberDeps,
  caller: { unitId: string | null },
  id: string,
): Promise<StoredMember> {
  return deps.members
    .get(id)
    .then((stored) => visibleOrNotFound(deps.units, caller, stored, (s) => s.member.unitId, MEMBER, id));
}

/**
 * The unit a member transfers to (chuyển sinh hoạt): any active unit that holds
 * members, in the caller's subtree or not. Outside it, whatever keeps the unit from
 * taking the member (no such unit, a level that holds no members, dissolved) is
 * the 404 of a unit that does not exist, so the answer says nothing more about a
 * unit the caller may not see than that it takes members.
 */
async function transferTarget(deps: MemberDeps, caller: Caller, unitId: string) {
  if (await isInScope(deps.units, caller.unitId, unitId)) return assertUnitTakesMembers(deps, caller, unitId, true);
  const unit = await deps.units.get(unitId);
  if (!unit || !MEMBER_LEVELS.has(unit.level) || unit.status !== 'active') throw notFound(UNIT, unitId);
  return unit;
}

export async function assertUnitTakesMembers(deps: MemberDeps, caller: Caller, unitId: string, scoped: boolean) {
  const unit = scoped ? await readUnitInScope(deps, caller, unitId) : await deps.units.get(unitId);
  if (!unit) throw notFound(UNIT, unitId);
  if (!MEMBER_LEVELS.has(unit.level)) {
    throw unprocessable('unit-holds-no-members', {
      vi: `Đoàn viên sinh hoạt tại công đoàn cơ sở, công đoàn bộ phận hoặc tổ công đoàn; "${unit.name}" không phải.`,
      en: `Members belong to a grassroots union, a section or a group; "${unit.name}" is none of these.`,
    });
  }
  return unit;
}

interface Decision {
  after: MemberState;
  action: string;
  day: string;
  events: PendingEvent[];
  flows?: MemberChange['flows'];
  card?: MemberChange['card'];
}

/** Read, decide, write; a concurrent change makes it read again, and conditions decide. */
async function change(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
  decide: (stored: StoredMember) => Promise<Decision> | Decision,
  alsoWrite?: readonly WriteItem[],
): Promise<MemberState> {
  return retryOnConflict(async () => {
    const before = await readMemberInScope(deps, caller, id);
    assertVersion(ifMatch, before.member.version);
    const d = await decide(before);
    await deps.members.save(
      { before, after: d.after, action: d.action, day: d.day, flows: d.flows, card: d.card, ifMatch, alsoWrite },
      caller.write,
      d.events,
    );
    return d.after;
  });
}

export async function applyForMembership(
  deps: MemberDeps,
  caller: Caller,
  unitId: string,
  input: MemberInput & { applicationDate?: string },
): Promise<MemberState> {
  await assertUnitTakesMembers(deps, caller, unitId, true);
  const { applicationDate, ...person } = input;
  const member = rules.newApplication(
    person,
    unitId,
    caller.write.newId(),
    applicationDate ?? today(caller),
    caller.write.now(),
  );
  await retryOnConflict(() =>
    deps.members.save({ before: null, after: member, action: 'apply', day: member.applicationDate }, caller.write, []),
  );
  return member;
}

/** Kết nạp: the committee's decision; the member gets the next card number of the decision's year. */
export function admitMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  decision: { decisionNumber: string; decisionDate: string },
  ifMatch?: number,
) {
  return change(deps, caller, id, ifMatch, async ({ member }) => {
    const year = Number(decision.decisionDate.slice(0, 4));
    const read = await deps.members.readCardSequence(year);
    const cardNumber = cardNumberFor(year, read + 1);
    const after = rules.admit(member, { ...decision, cardNumber }, caller.write.now());
    return {
      after,
      action: 'admit',
      day: decision.decisionDate,
      events: [event(MemberAdmitted, { member: after })],
      flows: { [after.unitId]: { 'flow:admitted': 1 } },
      card: { year, read },
    };
  });
}

export function rejectApplication(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  reason: string,
  ifMatch?: number,
  alsoWrite?: readonly WriteItem[],
) {
  return change(
    deps,
    caller,
    id,
    ifMatch,
    ({ member }) => ({
      after: rules.reject(member, reason, caller.write.now()),
      action: 'reject',
      day: today(caller),
      events: [],
    }),
    alsoWrite,
  );
}

export function updateMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  patch: Partial<MemberInput>,
  ifMatch?: number,
) {
  return change(deps, caller, id, ifMatch, ({ member }) => {
    const { member: after, changed } = rules.applyUpdate(member, patch, caller.write.now());
    return {
      after,
      action: 'update',
      day: today(caller),
      events:
        changed.length > 0 && after.status !== 'applicant' ? [event(MemberUpdated, { member: after, changed })] : [],
    };
  });
}

/** Chuyển sinh hoạt: to any active CĐCS, which need not lie in the caller's subtree (see `transferTarget`); the join date stays. */
export function transferMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  input: { toUnitId: string; date: string },
  ifMatch?: number,
  alsoWrite?: readonly WriteItem[],
) {
  return change(
    deps,
    caller,
    id,
    ifMatch,
    async ({ member }) => {
      await transferTarget(deps, caller, input.toUnitId);
      const after = rules.transfer(member, input.toUnitId, input.date, caller.write.now());
      return {
        after,
        action: 'transfer',
        day: input.date,
        events: [
          event(MemberTransferred, {
            member: after,
            fromUnitId: member.unitId,
            toUnitId: input.toUnitId,
            date: input.date,
          }),
        ],
        flows: {
          [member.unitId]: { 'flow:transferred-out': 1 },
          [input.toUnitId]: { 'flow:transferred-in': 1 },
        } as Record<string, Record<string, number>>,
      };
    },
    alsoWrite,
  );
}

export function suspendMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  input: { from: string; reason: string },
  ifMatch?: number,
) {
  return change(deps, caller, id, ifMatch, ({ member }) => {
    const after = rules.suspend(member, input, caller.write.now());
    return { after, action: 'suspend', day: input.from, events: [event(MemberSuspended, { member: after })] };
  });
}

export function reinstateMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  input: { date: string },
  ifMatch?: number,
) {
  return change(deps, caller, id, ifMatch, ({ member }) => {
    const after = rules.reinstate(member, input.date, caller.write.now());
    return {
      after,
      action: 'reinstate',
      day: input.date,
      events: [event(MemberReinstated, { member: after, date: input.date })],
    };
  });
}

export function exitMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  input: { date: string; reason: (typeof EXIT_REASONS)[number]; note?: string | null },
  ifMatch?: number,
  alsoWrite?: readonly WriteItem[],
) {
  return change(
    deps,
    caller,
    id,
    ifMatch,
    ({ member }) => {
      const after = rules.exit(
        member,
        { date: input.date, reason: input.reason, note: input.note ?? null },
        caller.write.now(),
      );
      return {
        after,
        action: 'exit',
        day: input.date,
        events: [event(MemberExited, { member: after })],
        flows: { [member.unitId]: { 'flow:exited': 1, [`flow:exited:${input.reason}`]: 1 } },
      };
    },
    alsoWrite,
  );
}

/** Re-admission, no sooner than the policy's months after the exit, into the same unit or another. */
export function readmitMember(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  input: { decisionNumber: string; decisionDate: string; unitId?: string },
  ifMatch?: number,
) {
  return change(deps, caller, id, ifMatch, async ({ member }) => {
    if (input.unitId && input.unitId !== member.unitId) await assertUnitTakesMembers(deps, caller, input.unitId, true);
    const after = rules.readmit(
      member,
      {
        decisionNumber: input.decisionNumber,
        decisionDate: input.decisionDate,
        date: input.decisionDate,
        ...(input.unitId ? { unitId: input.unitId } : {}),
      },
      membershipPolicyOn(input.decisionDate),
      caller.write.now(),
    );
    return {
      after,
      action: 'readmit',
      day: input.decisionDate,
      events: [event(MemberReadmitted, { member: after, date: input.decisionDate })],
      flows: { [after.unitId]: { 'flow:readmitted': 1 } },
    };
  });
}

/** Links the member's own user account (or unlinks it with null), so they can read their record. */
export function linkMemberAccount(
  deps: MemberDeps,
  caller: Caller,
  id: string,
  subject: string | null,
  ifMatch?: number,
) {
  return change(deps, caller, id, ifMatch, ({ member }) => ({
    after: {
      ...member,
      accountSubject: subject,
      version: member.version + 1,
      updatedAt: caller.write.now().toISOString(),
    },
    action: subject ? 'link-account' : 'unlink-account',
    day: today(caller),
    events: [],
  }));
}

/** The record of the member whose account is calling, in full. */
export async function readOwnRecord(deps: MemberDeps, subject: string): Promise<MemberState> {
  const m = await deps.members.findByAccount(subject);
  if (!m) {
    throw notFound({ vi: 'hồ sơ đoàn viên gắn với tài khoản', en: 'member record linked to account' }, subject);
  }
  return m;
}
