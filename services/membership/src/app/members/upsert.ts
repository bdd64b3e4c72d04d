import { conflict, MemberAdmitted, type MemberInput, type MemberState, MemberUpdated } from '@congdoan/contracts';
import { event, retryOnConflict } from '@congdoan/ddb';
import * as rules from '../../domain/member/member.ts';
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
 * clash (a transfer is a deliberate act, never a side effect of a list).
 */
export async function upsertMemberByCccd(
  deps: MemberDeps,
  caller: Caller,
  unitId: string,
  input: UpsertInput,
  options: { unitChecked?: boolean; source?: string } = {},
): Promise<{ outcome: UpsertOutcome; member: MemberState }> {
  if (!options.unitChecked) await assertUnitTakesMembers(deps, caller, unitId, true);
  const { joinDate, applicationDate, ...person } = input;
  return retryOnConflict(async () => {
    const holder = await deps.members.findHolder(person.cccd);
    if (holder) {
      if (holder.member.unitId !== unitId) {
        throw conflict('cccd-in-other-unit', {
          vi: `Số CCCD ${person.cccd.slice(0, 3)}…${person.cccd.slice(-3)} đang thuộc đoàn viên của một đơn vị khác. Hãy làm thủ tục chuyển sinh hoạt thay vì nhập lại.`,
          en: `CCCD ${person.cccd.slice(0, 3)}…${person.cccd.slice(-3)} belongs to a member of another unit. Transfer them instead of importing again.`,
        });
      }
      const { member, changed } = rules.applyUpdate(holder.member, person, caller.write.now());
      if (changed.length === 0) return { outcome: 'unchanged' as const, member: holder.member };
      await deps.members.save(
        { before: holder, after: member, action: 'upsert-update', day: caller.write.now().toISOString().slice(0, 10) },
        caller.write,
        member.status === 'applicant' ? [] : [event(MemberUpdated, { member, changed })],
      );
      return { outcome: 'updated' as const, member };
    }
    const today = caller.write.now().toISOString().slice(0, 10);
    const applied = applicationDate ?? joinDate ?? today;
    const joined = joinDate ?? applied;
    const year = Number(joined.slice(0, 4));
    const read = await deps.members.readCardSequence(year);
    const applicant = rules.newApplication(person, unitId, caller.write.newId(), applied, caller.write.now());
    const member = rules.admit(
      applicant,
      {
        decisionNumber: options.source ?? 'danh sách đoàn viên',
        decisionDate: joined,
        cardNumber: `${year}${String(read + 1).padStart(6, '0')}`,
      },
      caller.write.now(),
    );
    await deps.members.save(
      {
        before: null,
        after: member,
        action: 'upsert-create',
        day: joined,
        flows: { [unitId]: { 'flow:admitted': 1 } },
        card: { year, read },
      },
      caller.write,
      [event(MemberAdmitted, { member })],
    );
    return { outcome: 'created' as const, member };
  });
}
