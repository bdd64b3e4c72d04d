import type { BlocLeaderRule } from '@congdoan/contracts';
import { inForceOn, type Versioned } from './versioned.ts';

/** A criterion of an emulation bloc (khối thi đua), with its maximum points. */
export interface BlocCriterion {
  code: string;
  name: string;
  maxPoints: number;
}

/** The criteria a bloc is scored on when its pact names none of its own. */
export interface BlocCriteriaDefaults extends Versioned {
  criteria: readonly BlocCriterion[];
}

export const BLOC_CRITERIA_DEFAULTS: readonly BlocCriteriaDefaults[] = [
  {
    effectiveFrom: '2020-01-01',
    criteria: [
      { code: 'political-tasks', name: 'Thực hiện nhiệm vụ chính trị, chuyên môn của cơ quan, đơn vị', maxPoints: 30 },
      { code: 'representation', name: 'Đại diện, bảo vệ quyền, lợi ích; chăm lo đời sống đoàn viên', maxPoints: 25 },
      { code: 'emulation-movements', name: 'Tổ chức các phong trào thi đua, hoạt động của khối', maxPoints: 20 },
      { code: 'organisation', name: 'Xây dựng tổ chức công đoàn, phát triển đoàn viên', maxPoints: 15 },
      { code: 'finance-inspection', name: 'Tài chính công đoàn, kiểm tra, giám sát', maxPoints: 10 },
    ],
    source:
      'A default of ours, after the usual headings of provincial bloc pacts (giao ước thi đua khối); Luật TĐKT 2022 leaves the criteria to each bloc',
    certainty: 'unsure',
    note: 'A bloc names its own criteria in its pact; these serve when it names none.',
  },
];

export const blocCriteriaDefaultsOn = (day: string) => inForceOn(BLOC_CRITERIA_DEFAULTS, day);

/**
 * How the leader (khối trưởng) of year N+1 is derived from year N's ranking:
 * - `top-ranked-other-than-leader`: the highest-ranked unit that did not lead in year N (the
 *   lead rotates, and goes to the best of the others);
 * - `top-ranked`: the highest-ranked unit, even year N's leader again;
 * - `next-after-leader`: the unit ranked just below year N's leader (after the last, the first).
 * Only units that are members in year N+1 count; units sharing a rank are taken by name.
 */
export interface BlocLeaderRotation extends Versioned {
  rule: BlocLeaderRule;
}

export const BLOC_LEADER_ROTATION: readonly BlocLeaderRotation[] = [
  {
    effectiveFrom: '2020-01-01',
    rule: 'top-ranked-other-than-leader',
    source:
      'A setting of ours: the leader rotates among the members and, in the practice of provincial blocs, goes to the leading unit of the year before; no national rule found',
    certainty: 'unsure',
  },
];

/** The rotation in force for a bloc year (on its first day). */
export const blocLeaderRotationFor = (year: number) => inForceOn(BLOC_LEADER_ROTATION, `${year}-01-01`);

/** The flag a bloc's top unit is proposed for when the proposal names none. */
export const BLOC_FLAG_TITLE = 'co-thi-dua-cap-tinh';
