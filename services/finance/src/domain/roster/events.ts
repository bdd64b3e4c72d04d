import {
  dayInVietnam,
  type EventData,
  MemberAdmitted,
  MemberExited,
  MemberReadmitted,
  MemberReinstated,
  MemberSuspended,
  MemberTransferred,
  MemberUpdated,
} from '@congdoan/contracts';
import type { RosterChange, RosterChangeKind } from './history.ts';

/** The member events the roster follows, by detail-type, with the kind of change each is. */
export const ROSTER_EVENTS = {
  MemberAdmitted: { definition: MemberAdmitted, kind: 'admitted' },
  MemberUpdated: { definition: MemberUpdated, kind: 'updated' },
  MemberTransferred: { definition: MemberTransferred, kind: 'transferred' },
  MemberSuspended: { definition: MemberSuspended, kind: 'suspended' },
  MemberReinstated: { definition: MemberReinstated, kind: 'reinstated' },
  MemberExited: { definition: MemberExited, kind: 'exited' },
  MemberReadmitted: { definition: MemberReadmitted, kind: 'readmitted' },
} as const satisfies Record<string, { definition: unknown; kind: RosterChangeKind }>;

export type RosterEventType = keyof typeof ROSTER_EVENTS;

type AnyMemberEventData =
  | EventData<typeof MemberAdmitted>
  | EventData<typeof MemberUpdated>
  | EventData<typeof MemberTransferred>
  | EventData<typeof MemberSuspended>
  | EventData<typeof MemberReinstated>
  | EventData<typeof MemberExited>
  | EventData<typeof MemberReadmitted>;

/**
 * The roster change one member event makes. `occurredAt` is the event's
 * metadata; a salary change takes effect on the Vietnam day it was recorded.
 * Only what dues need is kept: no CCCD, no contact details.
 */
export function changeFromEvent(type: RosterEventType, data: AnyMemberEventData, occurredAt: string): RosterChange {
  const { member } = data;
  const recordedOn = dayInVietnam(new Date(occurredAt));
  const kind = ROSTER_EVENTS[type].kind;
  let date: string;
  switch (kind) {
    case 'admitted':
      date = member.admission?.decisionDate ?? member.joinDate ?? recordedOn;
      break;
    case 'suspended':
      date = member.suspension?.from ?? recordedOn;
      break;
    case 'exited':
      date = member.exit?.date ?? recordedOn;
      break;
    case 'transferred':
    case 'reinstated':
    case 'readmitted':
      date = (data as { date: string }).date;
      break;
    default:
      date = recordedOn;
  }
  return {
    memberId: member.id,
    version: member.version,
    kind,
    date,
    unitId: kind === 'transferred' ? (data as { toUnitId: string }).toUnitId : member.unitId,
    status: member.status,
    duesSalary: member.duesSalary,
    fullName: member.fullName,
    salaryChanged: kind === 'updated' && (data as { changed: string[] }).changed.includes('duesSalary'),
  };
}
