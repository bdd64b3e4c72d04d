/**
 * Every key of emulation's own items. The directories' prefixes (ORG#, member directory) are
 * theirs; these are distinct from them.
 */
import type { Subject } from '../app/ports.ts';

/** A discipline decision or proceeding about a subject: all of a subject's in one partition. */
export const subjectPk = (subject: Subject) =>
  `SUBJECT#${subject.kind === 'member' ? `member#${subject.memberId}` : `unit#${subject.unitId}`}`;
export const subjectRecordKey = (subject: Subject, kind: 'discipline' | 'proceeding', id: string) => ({
  pk: subjectPk(subject),
  sk: `${kind === 'discipline' ? 'DISCIPLINE' : 'PROCEEDING'}#${id}`,
});
