import type { Month } from '@congdoan/contracts';
import type { MemberHistory } from './history.ts';
import { type Owing, owesUnit } from './month-rule.ts';

/** What a unit's roster keeps of one member who ever belonged to it: their history in that unit. */
export interface RosterEntry extends MemberHistory {
  memberId: string;
  fullName: string;
}

export interface RosterOwing extends Owing {
  memberId: string;
  fullName: string;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base' });

/** Vietnamese list order: given name (the last word), then the whole name, then the id. */
export function byVietnameseName(a: { fullName: string; memberId: string }, b: { fullName: string; memberId: string }) {
  const given = (name: string) => name.trim().split(/\s+/).at(-1) ?? '';
  return (
    collator.compare(given(a.fullName), given(b.fullName)) ||
    collator.compare(a.fullName, b.fullName) ||
    a.memberId.localeCompare(b.memberId)
  );
}

/** Everyone on a unit's roster who owes `month` to it, in Vietnamese list order. */
export function owingOnRoster(entries: readonly RosterEntry[], unitId: string, month: Month): RosterOwing[] {
  const out: RosterOwing[] = [];
  for (const entry of entries) {
    const owing = owesUnit(entry, unitId, month);
    if (owing) out.push({ ...owing, memberId: entry.memberId, fullName: entry.fullName });
  }
  return out.sort(byVietnameseName);
}
