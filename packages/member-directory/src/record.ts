import { type DirectoryMember, dayInVietnam, type MemberState } from '@congdoan/contracts';
import { buildHistory, byVersion, type LifecycleChange, type LifecycleKind } from './history.ts';

/**
 * The member events the directory follows, and the lifecycle step each is; null for a
 * change of the record alone (names, birth date…), which sets no dated fact.
 */
export const DIRECTORY_EVENT_KINDS: Readonly<Record<string, LifecycleKind | null>> = {
  MemberAdmitted: 'admitted',
  MemberUpdated: null,
  MemberTransferred: 'transferred',
  MemberSuspended: 'suspended',
  MemberReinstated: 'reinstated',
  MemberExited: 'exited',
  MemberReadmitted: 'readmitted',
};

/** The lifecycle step a member event is; a member event the directory does not know is an error, not a guess. */
export function lifecycleKindOf(detailType: string): LifecycleKind | null {
  const kind = DIRECTORY_EVENT_KINDS[detailType];
  if (kind === undefined) throw new Error(`the member directory does not know ${detailType}`);
  return kind;
}

/** A member's record as the directory keeps it, without the history (which is derived). */
export type MemberProfile = Omit<DirectoryMember, 'history'>;

/**
 * What the directory keeps of a member's state, field by field: never the CCCD, the dues
 * salary, contact details or anything else the event carries.
 */
export function profileOf(member: MemberState): MemberProfile {
  return {
    id: member.id,
    fullName: member.fullName,
    gender: member.gender,
    dateOfBirth: member.dateOfBirth,
    cardNumber: member.cardNumber,
    joinDate: member.joinDate,
    unitId: member.unitId,
    status: member.status,
    version: member.version,
  };
}

/** The data of any member event, as far as the directory reads it. */
export interface MemberEventData {
  member: MemberState;
  /** The effective day of a transfer, reinstatement or re-admission. */
  date?: string;
  toUnitId?: string;
}

/** What one member event tells the directory: the member's record at that version, and the dated step if it is one. */
export interface MemberFacts {
  profile: MemberProfile;
  change: LifecycleChange | null;
}

/**
 * The facts of one member event. The effective day is the one the step names (the
 * decision, the suspension's first day, the exit…), or for want of one the Vietnam day
 * the event was recorded (`occurredAt`).
 */
export function factsFromEvent(kind: LifecycleKind | null, data: MemberEventData, occurredAt: string): MemberFacts {
  const { member } = data;
  const profile = profileOf(member);
  if (kind === null) return { profile, change: null };
  const recordedOn = dayInVietnam(new Date(occurredAt));
  const dates: Record<LifecycleKind, string | null | undefined> = {
    admitted: member.admission?.decisionDate ?? member.joinDate,
    suspended: member.suspension?.from,
    exited: member.exit?.date,
    transferred: data.date,
    reinstated: data.date,
    readmitted: data.date,
  };
  return {
    profile,
    change: {
      version: member.version,
      kind,
      date: dates[kind] ?? recordedOn,
      unitId: kind === 'transferred' ? (data.toUnitId ?? member.unitId) : member.unitId,
    },
  };
}

/** A member as the directory stores them: the record and the lifecycle changes its history derives from. */
export interface DirectoryEntry {
  member: DirectoryMember;
  changes: LifecycleChange[];
}

/**
 * The entry after one more event, or undefined when the event adds nothing (a duplicate,
 * or a record change older than the one kept). The record comes from the highest version
 * seen and the history from every lifecycle change, so the entry depends only on which
 * events arrived, never on their order or on how often each came.
 */
export function mergeFacts(entry: DirectoryEntry | undefined, facts: MemberFacts): DirectoryEntry | undefined {
  const kept = entry?.changes ?? [];
  const change = facts.change && !kept.some((c) => c.version === facts.change!.version) ? facts.change : null;
  const newer = !entry || facts.profile.version > entry.member.version;
  if (!change && !newer) return undefined;
  const changes = change ? byVersion([...kept, change]) : kept;
  const profile = entry && !newer ? withoutHistory(entry.member) : facts.profile;
  return { member: { ...profile, history: buildHistory(changes) }, changes };
}

const withoutHistory = ({ history: _history, ...profile }: DirectoryMember): MemberProfile => profile;
