import { MemberAdmitted, type MemberState } from '@congdoan/contracts';
import { event, MAX_TRANSACTION_ITEMS } from '@congdoan/ddb';
import { assertMayTakeCccd } from '../../domain/member/lifecycle.ts';
import { mapPool } from '../integration/pool.ts';
import type { CccdLock, CccdRecord, MemberCreation } from '../member-ports.ts';
import type { Caller } from '../units/deps.ts';
import type { MemberDeps } from './deps.ts';
import { assertUnitTakesMembers } from './lifecycle.ts';
import {
  admittedMember,
  cccdInOtherUnit,
  plannedCreation,
  type UpsertInput,
  type UpsertOutcome,
  upsertMemberByCccd,
} from './upsert.ts';

/**
 * New members per `createMany` transaction. The items it holds: per member the
 * member, its CCCD lock, its card, its change-feed entry, its outbox event and its
 * audit record (6), plus a statistics day item each in the worst case (every member
 * joined on another day: 7); shared, the unit's member counter, the statistics
 * `CURRENT` and the card sequence (3). 3 + 7 × 13 = 94 ≤ 100.
 */
export const MAX_CREATE_BATCH = Math.floor((MAX_TRANSACTION_ITEMS - 3) / 7);

/** Holder look-ups (and updates) in flight at once. */
const LOOKUP_CONCURRENCY = 8;

/** What `upsertMemberByCccd` would have answered for one record: its outcome, or the error it would have thrown. */
export type UpsertManyResult = { outcome: UpsertOutcome; member: MemberState } | { error: unknown };

/** A record that was not started because `stopped()` said so; it is safe to send again. */
export class NotStarted extends Error {
  constructor() {
    super('not started');
    this.name = 'NotStarted';
  }
}

export interface UpsertManyOptions {
  unitChecked?: boolean;
  /** Recorded as the admission decision of created members. */
  source?: string;
  /** Holder look-ups and updates in flight at once. */
  concurrency?: number;
  /** Asked before each record or batch starts; once true, the rest answer `NotStarted`. */
  stopped?: () => boolean;
}

interface Fresh {
  index: number;
  input: UpsertInput;
  creation: ReturnType<typeof plannedCreation>;
  id: string;
  lock: CccdLock;
}

/**
 * `upsertMemberByCccd` for many records of one unit, with the same answer per record,
 * in the order given. Holders are looked up concurrently; a CCCD held in another unit
 * is a clash, one held here is updated (or left unchanged) by the single path; the
 * new members are created `MAX_CREATE_BATCH` at a time, each batch in ONE transaction
 * (`MemberStore.createMany`) with consecutive card numbers. A batch that fails for
 * any reason is created again one record at a time, so each gets its own answer. A
 * CCCD repeated in the records is applied once per occurrence, in order, after the
 * others: the later occurrence meets the member the first one made.
 */
export async function upsertManyByCccd(
  deps: MemberDeps,
  caller: Caller,
  unitId: string,
  inputs: readonly UpsertInput[],
  options: UpsertManyOptions = {},
): Promise<UpsertManyResult[]> {
  if (!options.unitChecked) await assertUnitTakesMembers(deps, caller, unitId, true);
  const stopped = options.stopped ?? (() => false);
  const single = async (input: UpsertInput, cccd?: CccdRecord): Promise<UpsertManyResult> => {
    if (stopped()) return { error: new NotStarted() };
    try {
      return await upsertMemberByCccd(deps, caller, unitId, input, {
        unitChecked: true,
        source: options.source,
        cccd,
      });
    } catch (error) {
      return { error };
    }
  };

  const results = new Array<UpsertManyResult>(inputs.length);
  const firsts: number[] = [];
  const repeats: number[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    (seen.has(input.cccd) ? repeats : firsts).push(i);
    seen.add(input.cccd);
  });

  const fresh: Fresh[] = [];
  await mapPool(firsts, options.concurrency ?? LOOKUP_CONCURRENCY, async (index) => {
    const input = inputs[index] as UpsertInput;
    if (stopped()) {
      results[index] = { error: new NotStarted() };
      return;
    }
    try {
      const cccd = await deps.members.readCccd(input.cccd);
      const { holder } = cccd;
      if (holder && holder.member.unitId !== unitId) throw cccdInOtherUnit(input.cccd);
      if (holder) {
        results[index] = await single(input, cccd);
        return;
      }
      const creation = plannedCreation(caller, input);
      const id = caller.write.newId();
      // The rules a record breaks fail it here, before it takes a card number (and sinks no batch).
      const member = admittedMember(caller, unitId, input, creation, id, 0, options.source);
      assertMayTakeCccd(cccd.lock.lastExit, null, member, caller.write.now());
      fresh.push({ index, input, creation, id, lock: cccd.lock });
    } catch (error) {
      results[index] = { error };
    }
  });

  // Creations in the records' order, batched per card year.
  fresh.sort((a, b) => a.index - b.index);
  const byYear = new Map<number, Fresh[]>();
  for (const f of fresh) byYear.set(f.creation.year, [...(byYear.get(f.creation.year) ?? []), f]);
  for (const [year, rows] of byYear) {
    for (let start = 0; start < rows.length; start += MAX_CREATE_BATCH) {
      const batch = rows.slice(start, start + MAX_CREATE_BATCH);
      if (stopped()) {
        for (const f of batch) results[f.index] = { error: new NotStarted() };
        continue;
      }
      try {
        const read = await deps.members.readCardSequence(year);
        const creations = batch.map((f, i): MemberCreation => {
          const member = admittedMember(caller, unitId, f.input, f.creation, f.id, read + i, options.source);
          return {
            after: member,
            action: 'upsert-create',
            day: f.creation.joined,
            flows: { [unitId]: { 'flow:admitted': 1 } },
            card: { year, read: read + i },
            events: [event(MemberAdmitted, { member })],
            lock: f.lock,
          };
        });
        await deps.members.createMany(creations, caller.write);
        batch.forEach((f, i) => {
          results[f.index] = { outcome: 'created', member: (creations[i] as MemberCreation).after };
        });
      } catch {
        // A lock, the sequence or the unit moved, or anything else: each record's own answer.
        for (const f of batch) results[f.index] = await single(f.input);
      }
    }
  }

  for (const index of repeats) results[index] = await single(inputs[index] as UpsertInput);
  return results;
}
