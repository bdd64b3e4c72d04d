import type { CaseClass, Inspection, InspectionStage, InspectionStep, LocalizedText } from '@congdoan/contracts';
import { caseCannotOpenInspection, datesOutOfOrder, illegalTransition } from './errors.ts';

/**
 * An inspection's course: decision → team → fieldwork → findings → conclusion →
 * recommendations. Each step is legal only from the stages listed here; findings and
 * recommendations may be added in more than one request. Anything else is a 409 naming
 * the stage, the step and why.
 */
const FROM: Record<InspectionStep, readonly InspectionStage[]> = {
  team: ['decided'],
  fieldwork: ['team-formed'],
  findings: ['fieldwork', 'findings'],
  conclusion: ['findings'],
  recommendations: ['concluded', 'recommended'],
};
const TO: Record<InspectionStep, InspectionStage> = {
  team: 'team-formed',
  fieldwork: 'fieldwork',
  findings: 'findings',
  conclusion: 'concluded',
  recommendations: 'recommended',
};

export const STAGE_NAMES: Record<InspectionStage, LocalizedText> = {
  decided: { vi: 'đã có quyết định kiểm tra', en: 'decided' },
  'team-formed': { vi: 'đã thành lập đoàn kiểm tra', en: 'team formed' },
  fieldwork: { vi: 'đang kiểm tra tại đơn vị', en: 'fieldwork' },
  findings: { vi: 'đã ghi nhận kết quả kiểm tra', en: 'findings recorded' },
  concluded: { vi: 'đã có kết luận', en: 'concluded' },
  recommended: { vi: 'đã có kiến nghị', en: 'recommendations made' },
};
export const STEP_NAMES: Record<InspectionStep, LocalizedText> = {
  team: { vi: 'thành lập đoàn kiểm tra', en: 'team' },
  fieldwork: { vi: 'kiểm tra tại đơn vị', en: 'fieldwork' },
  findings: { vi: 'ghi nhận kết quả', en: 'findings' },
  conclusion: { vi: 'kết luận', en: 'conclusion' },
  recommendations: { vi: 'kiến nghị', en: 'recommendations' },
};

const WHY: Record<InspectionStep, LocalizedText> = {
  team: {
    vi: 'đoàn kiểm tra chỉ được thành lập một lần, ngay sau quyết định',
    en: 'the team is formed once, right after the decision',
  },
  fieldwork: { vi: 'cần thành lập đoàn kiểm tra trước', en: 'the team must be formed first' },
  findings: {
    vi: 'kết quả chỉ được ghi sau khi kiểm tra tại đơn vị và trước khi kết luận',
    en: 'findings come after fieldwork and before the conclusion',
  },
  conclusion: {
    vi: 'cần ghi nhận kết quả kiểm tra trước, và chỉ kết luận một lần',
    en: 'findings must be recorded first, and the conclusion is given once',
  },
  recommendations: { vi: 'kiến nghị chỉ được đưa ra sau khi có kết luận', en: 'recommendations follow the conclusion' },
};

/** The stage a step leads to, or the 409 of an illegal transition. */
export function transition(stage: InspectionStage, step: InspectionStep): InspectionStage {
  if (!FROM[step].includes(stage)) throw illegalTransition(STAGE_NAMES[stage], STEP_NAMES[step], WHY[step]);
  return TO[step];
}

type Changes = Partial<Pick<Inspection, 'team' | 'fieldwork' | 'findings' | 'conclusion' | 'recommendationIds'>>;

/** The inspection after a step: the stage moved, the step's facts recorded, the version bumped. */
export function takeStep(inspection: Inspection, step: InspectionStep, changes: Changes, now: Date): Inspection {
  const stage = transition(inspection.stage, step);
  return { ...inspection, ...changes, stage, version: inspection.version + 1, updatedAt: now.toISOString() };
}

/** Fieldwork lies within the decision's date onward, and ends after it starts. */
export function checkFieldwork(inspection: Inspection, fieldwork: { from: string; to: string }) {
  if (fieldwork.to < fieldwork.from || fieldwork.from < inspection.decision.date) {
    throw datesOutOfOrder({ vi: 'Thời gian kiểm tra tại đơn vị', en: 'Fieldwork' });
  }
}

/** The conclusion comes after the fieldwork ended. */
export function checkConclusion(inspection: Inspection, date: string) {
  if (date < (inspection.fieldwork?.to ?? inspection.decision.date)) {
    throw datesOutOfOrder({ vi: 'Ngày kết luận', en: 'Conclusion' });
  }
}

/**
 * Whether an inspection is a proceeding about the unit it inspects (`ProceedingOpened` at its
 * decision, `ProceedingClosed` at its conclusion; emulation holds awards back meanwhile). A
 * supervision checks the employer's compliance (insurance, grassroots democracy), not the union
 * unit or its members, so it is none.
 */
export const isProceeding = (i: Pick<Inspection, 'type'>) => i.type !== 'supervision';

/**
 * The classes of case an inspection may be opened on: an anonymous report, which is no formal
 * denunciation but may justify an inspection when specific (Luật Tố cáo 2018, Art. 25; DOMAIN.md),
 * a denunciation, and a petition or reflection, each pointing at signs of violation the UBKT
 * inspects (Điều lệ; HD 238/HD-TLĐ). A complaint is not: it is resolved by its own procedure
 * and rounds (Luật Khiếu nại 2011).
 */
export const CASE_CLASSES_OPENING_INSPECTION: readonly CaseClass[] = ['anonymous-report', 'denunciation', 'petition'];

/** The basis an inspection keeps of the case it was opened on, or the 422 of a class that may not open one. */
export function caseBasis(c: { id: string; class: CaseClass }): NonNullable<Inspection['basis']> {
  if (!CASE_CLASSES_OPENING_INSPECTION.includes(c.class)) throw caseCannotOpenInspection(c.id);
  return { kind: 'case', id: c.id, class: c.class };
}
