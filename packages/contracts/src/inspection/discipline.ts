import { z } from 'zod';
import type { LocalizedText } from '../errors.ts';

/**
 * Who a proceeding or a discipline decision is about: a member (by id, with the unit they
 * belong to, so a consumer scopes it without a lookup) or a unit. Never a name or a CCCD.
 */
export const proceedingSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), memberId: z.string().min(1).max(64), unitId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('unit'), unitId: z.string().min(1).max(64) }),
]);
export type ProceedingSubject = z.infer<typeof proceedingSubjectSchema>;

/** The forms of union discipline (Điều lệ Công đoàn Việt Nam), mildest first. */
export const DISCIPLINE_FORMS = ['reprimand', 'warning', 'removal-from-office', 'expulsion', 'dissolution'] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];
export const disciplineFormSchema = z.enum(DISCIPLINE_FORMS);

/**
 * Each form's Vietnamese term, and whom it can be against: a member (khai trừ ends their
 * membership; cách chức ends their offices) or a unit (giải tán dissolves it); khiển trách and
 * cảnh cáo apply to both.
 */
export const DISCIPLINE_FORM_TERMS: Record<
  DisciplineForm,
  LocalizedText & { readonly subjects: readonly ProceedingSubject['kind'][] }
> = {
  reprimand: { vi: 'Khiển trách', en: 'Reprimand', subjects: ['member', 'unit'] },
  warning: { vi: 'Cảnh cáo', en: 'Warning', subjects: ['member', 'unit'] },
  'removal-from-office': { vi: 'Cách chức', en: 'Removal from office', subjects: ['member'] },
  expulsion: { vi: 'Khai trừ', en: 'Expulsion', subjects: ['member'] },
  dissolution: { vi: 'Giải tán', en: 'Dissolution', subjects: ['unit'] },
};

/** The three tracks that make a member or unit "under proceedings" (emulation freezes awards meanwhile). */
export const PROCEEDING_KINDS = ['inspection', 'complaint', 'denunciation'] as const;
export type ProceedingKind = (typeof PROCEEDING_KINDS)[number];

/**
 * The statutory deadlines of a case (DOMAIN.md Parameters; each effective-dated policy data in the
 * inspection service). `dayKind` on an event says whether its date was counted in working or
 * calendar days.
 */
export const CASE_DEADLINE_KINDS = [
  /** Thụ lý: accept or refuse a complaint (Luật Khiếu nại 2011, Art. 27). */
  'complaint-acceptance',
  /** Resolve a first-round complaint (Art. 28). */
  'complaint-first-resolution',
  /** Resolve a second-round complaint (Art. 37). */
  'complaint-second-resolution',
  /** Initial handling of a denunciation, in working days (Luật Tố cáo 2018, Art. 24). */
  'denunciation-initial-handling',
  /** Transfer a denunciation to the competent body, in working days (Art. 24). */
  'denunciation-transfer',
  /** Resolve a denunciation, extensions included (Art. 30). */
  'denunciation-resolution',
] as const;
export type CaseDeadlineKind = (typeof CASE_DEADLINE_KINDS)[number];
