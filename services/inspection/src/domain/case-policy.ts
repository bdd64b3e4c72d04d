import type { CaseComplexity } from '@congdoan/contracts';
import type { Certainty } from './policy.ts';

/** Whether a limit counts working days (weekends and public holidays skipped) or calendar days. */
export type DayKind = 'working' | 'calendar';

/** One statutory limit: how many days, of which kind, from which law, and how sure we are (DOMAIN.md). */
export interface Limit {
  days: number;
  dayKind: DayKind;
  /**
   * A calendar-day limit whose last day is a day off ends on the next working day (Bộ luật Dân
   * sự 2015, Art. 148, which applies where the law setting the limit says nothing else; the
   * complaint and denunciation laws say nothing else). The explanation names the day moved from.
   */
  endOnWorkingDay: boolean;
  source: { vi: string; en: string };
  certainty: Certainty;
}

/**
 * Every deadline of complaints and denunciations (DOMAIN.md, Parameters), as effective-dated
 * policy data: a computation uses the version in force on the day it counts from. The
 * complaint limits say "ngày" with no qualifier, so they are calendar days (a parameter,
 * certainty unsure); the denunciation limits of Art. 24 say working days.
 */
export interface CasePolicy {
  effectiveFrom: string;
  /** A complaint is filed within this many days of the day the person knew of the decision or act. */
  complaintFilingLimit: Limit;
  /** Accept (thụ lý) or refuse a complaint within this many days of receipt. */
  complaintAcceptance: Limit;
  /** First-round resolution from acceptance: normal / complex, and the same in remote areas. */
  complaintFirstResolution: { normal: Limit; complex: Limit; remoteNormal: Limit; remoteComplex: Limit };
  complaintSecondResolution: { normal: Limit; complex: Limit; remoteNormal: Limit; remoteComplex: Limit };
  /** A denunciation's initial handling from receipt; longer where verification is needed. */
  denunciationInitialHandling: Limit;
  denunciationInitialHandlingWithVerification: Limit;
  /** Transfer to the competent body, from receipt. */
  denunciationTransfer: Limit;
  /** Resolution from acceptance. */
  denunciationResolution: Limit;
  /** Each extension, a written decision, adds this to the resolution deadline. */
  denunciationExtension: Limit;
  /** How many extensions a denunciation may have, by complexity. */
  denunciationMaxExtensions: Record<CaseComplexity, number>;
  /** Complaints about congress matters are accepted until this many days before the congress. */
  congressCutoffGrassroots: Limit;
  congressCutoffUpper: Limit;
}

const KN = (article: number) => ({
  vi: `Luật Khiếu nại 2011, Điều ${article}`,
  en: `Law on Complaints 2011, Art. ${article}`,
});
const TC = (article: number) => ({
  vi: `Luật Tố cáo 2018, Điều ${article}`,
  en: `Law on Denunciation 2018, Art. ${article}`,
});
const HD63 = { vi: 'Hướng dẫn 63/HD-TLĐ', en: 'Guidance 63/HD-TLĐ' };

const calendar = (days: number, source: Limit['source'], certainty: Certainty): Limit => ({
  days,
  dayKind: 'calendar',
  endOnWorkingDay: true,
  source,
  certainty,
});
const working = (days: number, source: Limit['source'], certainty: Certainty): Limit => ({
  days,
  dayKind: 'working',
  endOnWorkingDay: false,
  source,
  certainty,
});

export const CASE_POLICIES: readonly CasePolicy[] = [
  {
    effectiveFrom: '2012-07-01',
    // The complaint limits' day kind is "unsure" (DOMAIN.md: the law says "ngày"); the figures themselves as listed.
    complaintFilingLimit: calendar(90, KN(9), 'likely'),
    complaintAcceptance: calendar(10, KN(27), 'likely'),
    complaintFirstResolution: {
      normal: calendar(30, KN(28), 'sure'),
      complex: calendar(45, KN(28), 'sure'),
      remoteNormal: calendar(45, KN(28), 'sure'),
      remoteComplex: calendar(60, KN(28), 'sure'),
    },
    complaintSecondResolution: {
      normal: calendar(45, KN(37), 'likely'),
      complex: calendar(60, KN(37), 'likely'),
      remoteNormal: calendar(60, KN(37), 'likely'),
      remoteComplex: calendar(70, KN(37), 'likely'),
    },
    denunciationInitialHandling: working(7, TC(24), 'likely'),
    denunciationInitialHandlingWithVerification: working(10, TC(24), 'likely'),
    denunciationTransfer: working(5, TC(24), 'likely'),
    denunciationResolution: calendar(30, TC(30), 'likely'),
    denunciationExtension: calendar(30, TC(30), 'likely'),
    denunciationMaxExtensions: { normal: 0, complex: 1, 'especially-complex': 2 },
    congressCutoffGrassroots: working(25, HD63, 'likely'),
    congressCutoffUpper: working(30, HD63, 'likely'),
  },
];

export function casePolicyOn(day: string, policies: readonly CasePolicy[] = CASE_POLICIES): CasePolicy {
  const inForce = [...policies]
    .filter((p) => p.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const policy = inForce[0];
  if (!policy) throw new Error(`no case policy in force on ${day}`);
  return policy;
}
