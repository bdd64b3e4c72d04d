import type { LocalizedText } from '@congdoan/contracts';

/** What each of inspection's resources is called in a not-found problem, in one place for every use case. */
export const PLAN: LocalizedText = { vi: 'kế hoạch kiểm tra', en: 'inspection plan' };
export const INSPECTION: LocalizedText = { vi: 'cuộc kiểm tra', en: 'inspection' };
export const DISCIPLINE: LocalizedText = { vi: 'quyết định kỷ luật', en: 'discipline decision' };
export const CASE: LocalizedText = { vi: 'vụ việc khiếu nại, tố cáo', en: 'case' };
