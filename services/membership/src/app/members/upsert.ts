import { conflict, MemberAdmitted, type MemberInput, type MemberState, MemberUpdated } from '@congdoan/contracts';
import { event, retryOnConflict } from '@congdoan/ddb';
import { dayInVietnam } from '../../domain/calendar.ts';
import { cardNumberFor } from '../../domain/member/card.ts';
import * as rules from '../../domain/member/member.ts';
import type { CccdRecord } from '../member-ports.ts';
import type { Caller } from '../units/deps.ts';
import type { MemberDeps } from './deps.ts';
import { assertUnitTakesMembers } from './lifecycle.ts';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertInput extends MemberInput {
  /** When the person joined the union; defaults to the application date, then today. */
  joinDate?: string | null;
  applicationDate?: string | null;
}

/**
 * Brings a unit's member list in line with a record keyed by CCCD, as an import
 * row or a provincial system sends it: creates an admitted member, updates the
 * one holding that CCCD in this unit, or changes nothing when nothing differs,
 * so sending the same record twice is harmless. A CCCD held in another unit is a
 * clash (a transfer is a deliberate act, never a side effect of a list); a CCCD
 * whose last membership exited less than the policy's months ago is refused
 * (`readmission-required`: the person comes back by re-admission).
 */
export async function upsertMemberByCccd(
  deps: MemberDeps,
  caller: Caller,
  unitId: string,
  input: UpsertInput,
  options: {
    unitChecked?: boolean;
    source?: string;
    /** The CCCD as just read consistently (`readCccd`); the first attempt uses it, a retry reads again. */
    cccd?: CccdRecord;
  } = {},
): Promise<{ outcome: UpsertOutcome; member: MemberState }> {
  if (!options.unitChecked) await assertUnitTakesMembers(deps, caller, unitId, true);
  const person = personOf(input);
  let known = options.cccd;
  return retryOnConflict(async () => {
    const { holder, lock } = known ?? (await deps.members.readCccd(person.cccd));
    known = undefined;
    if (holder) {
      if (holder.member.unitId !== unitId) {
        throw cccdInOtherUnit(person.cccd);
      }
      const { member, changed } = rules.applyUpdate(holder.member, person, caller.write.now());
      if (changed.length === 0) return { outcome: 'unchanged' as const, member: holder.member };
      await deps.members.save(
        { before: holder, after: member, action: 'upsert-update', day: dayInVietnam(caller.write.now()) },
        caller.write,
        member.status === 'applicant' ? [] : [event(MemberUpdated, { member, changed })],
      );
      return { outcome: 'updated' as const, member };
    }
    const creation = plannedCreation(caller, input);
    const read = await deps.members.readCardSequence(creation.year);
    const member = admittedMember(caller, unitId, input, creation, caller.write.newId(), read, options.source);
    await deps.members.save(
      {
        before: null,
        after: member,
        action: 'upsert-create',
        day: creation.joined,
        flows: { [unitId]: { 'flow:admitted': 1 } },
        card: { year: creation.year, read },
        lock,
      },
      caller.write,
      [event(MemberAdmitted, { member })],
    );
    return { outcome: 'created' as const, member };
  });
}

/** The person's own fields of a record, without the dates of their membership. */
function personOf({ joinDate: _joinDate, applicationDate: _applicationDate, ...person }: UpsertInput): MemberInput {
  return person;
}

export const cccdInOtherUnit = (cccd: string) =>
  conflict('cccd-in-other-unit', {
    vi: `Số CCCD ${cccd.slice(0, 3)}…${cccd.slice(-3)} đang thuộc đoàn viên của một đơn vị khác. Hãy làm thủ tục chuyển sinh hoạt thay vì nhập lại.`,
    en: `CCCD ${cccd.slice(0, 3)}…${cccd.slice(-3)} belongs to a member of another unit. Transfer them instead of importing again.`,
  });

/** The dates of a member created from a record: applied, joined (the admission decision) and the card year. */
export function plannedCreation(caller: Caller, input: UpsertInput) {
  const today = dayInVietnam(caller.write.now());
  const applied = input.applicationDate ?? input.joinDate ?? today;
  const joined = input.joinDate ?? applied;
  return { applied, joined, year: Number(joined.slice(0, 4)) };
}

/** The admitted member a record creates, with card number `read + 1` of the year; throws the domain rule a record breaks. */
export function admittedMember(
  caller: Caller,
  unitId: string,
  input: UpsertInput,
  creation: ReturnType<typeof plannedCreation>,
  id: string,
  read: number,
  source: string | undefined,
): MemberState {
  const applicant = rules.newApplication(personOf(input), unitId, id, creation.applied, caller.write.now());
  return rules.admit(
    applicant,
    {
      decisionNumber: source ?? 'danh sách đoàn viên',
      decisionDate: creation.joined,
      cardNumber: cardNumberFor(creation.year, read + 1),
    },
    caller.write.now(),
  );
}
