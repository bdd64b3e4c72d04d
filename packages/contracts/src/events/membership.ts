import { z } from 'zod';
import { memberStateSchema } from '../membership/members.ts';
import { unitSchema } from '../membership/units.ts';
import { defineEvent } from './envelope.ts';

/**
 * Unit events carry the unit's full state after the change (`unit`), with its
 * `version`, so a projection upserts by version and tolerates duplicates and
 * reordering without replaying history.
 */
export const UnitCreated = defineEvent({
  service: 'membership',
  detailType: 'UnitCreated',
  version: 1,
  description: 'A unit was created in the organisation tree.',
  data: z.object({ unit: unitSchema }),
});

export const UnitUpdated = defineEvent({
  service: 'membership',
  detailType: 'UnitUpdated',
  version: 1,
  description: "A unit's code, name, employing agency or founding day changed.",
  data: z.object({ unit: unitSchema, changed: z.array(z.string()) }),
});

export const UnitMoved = defineEvent({
  service: 'membership',
  detailType: 'UnitMoved',
  version: 1,
  description: 'A unit moved under another parent, with its whole subtree.',
  data: z.object({ unit: unitSchema, fromParentId: z.string().nullable(), toParentId: z.string() }),
});

export const UnitDissolved = defineEvent({
  service: 'membership',
  detailType: 'UnitDissolved',
  version: 1,
  description: 'A unit was dissolved; its history stays readable.',
  data: z.object({ unit: unitSchema }),
});

/**
 * Published in the same transaction as the absorbed unit's `UnitDissolved` when a dissolution
 * in `merge` mode ends: `unit` is the absorbing unit with its `lastMerger` set.
 */
export const UnitMerged = defineEvent({
  service: 'membership',
  detailType: 'UnitMerged',
  version: 1,
  description: 'A unit absorbed another (sáp nhập) on a day; the absorbed unit’s UnitDissolved comes with it.',
  data: z.object({ unit: unitSchema, absorbedUnitId: z.string(), date: z.iso.date() }),
});

export const UNIT_EVENTS = [UnitCreated, UnitUpdated, UnitMoved, UnitDissolved, UnitMerged] as const;

/**
 * Member events carry the member's whole state after the change, with its
 * `version`, for the same reason as unit events. They hold personal data (CCCD,
 * dues salary): consumers keep what they need and never log the event.
 */
const memberChange = z.object({ member: memberStateSchema });

export const MemberAdmitted = defineEvent({
  service: 'membership',
  detailType: 'MemberAdmitted',
  version: 1,
  description: 'A committee decision admitted an applicant; the member has a card number and a join date.',
  data: memberChange,
});

export const MemberUpdated = defineEvent({
  service: 'membership',
  detailType: 'MemberUpdated',
  version: 1,
  description: 'A member’s record changed (for example the dues salary).',
  data: memberChange.extend({ changed: z.array(z.string()) }),
});

export const MemberTransferred = defineEvent({
  service: 'membership',
  detailType: 'MemberTransferred',
  version: 1,
  description: 'A member moved to another CĐCS (chuyển sinh hoạt), keeping the original join date.',
  data: memberChange.extend({ fromUnitId: z.string(), toUnitId: z.string(), date: z.iso.date() }),
});

export const MemberSuspended = defineEvent({
  service: 'membership',
  detailType: 'MemberSuspended',
  version: 1,
  description: 'A member was suspended; a suspended member owes no dues.',
  data: memberChange,
});

export const MemberReinstated = defineEvent({
  service: 'membership',
  detailType: 'MemberReinstated',
  version: 1,
  description: 'A suspended member was reinstated.',
  data: memberChange.extend({ date: z.iso.date() }),
});

export const MemberExited = defineEvent({
  service: 'membership',
  detailType: 'MemberExited',
  version: 1,
  description: 'A member left the union, with the reason.',
  data: memberChange,
});

export const MemberReadmitted = defineEvent({
  service: 'membership',
  detailType: 'MemberReadmitted',
  version: 1,
  description: 'A member who had exited was admitted again.',
  data: memberChange.extend({ date: z.iso.date() }),
});

export const MEMBER_EVENTS = [
  MemberAdmitted,
  MemberUpdated,
  MemberTransferred,
  MemberSuspended,
  MemberReinstated,
  MemberExited,
  MemberReadmitted,
] as const;
