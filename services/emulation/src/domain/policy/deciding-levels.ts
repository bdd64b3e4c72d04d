import type { AwardLevel, UnitLevel } from '@congdoan/contracts';
import { inForceOn, type Versioned } from './versioned.ts';

/**
 * Which level of the union's tree receives and decides a title of each catalogue level. The
 * titles of the cơ sở level are conferred by the CĐCS on its members and by the direct upper
 * level on a CĐCS; the province's (LĐLĐ tỉnh) by the province; the TLĐ's by the national level;
 * the State's are received by the national level, which submits them on (the State is not in
 * the tree).
 */
export interface DecidingLevels extends Versioned {
  levels: Readonly<Record<AwardLevel, readonly UnitLevel[]>>;
}

export const DECIDING_LEVELS: readonly DecidingLevels[] = [
  {
    effectiveFrom: '2025-07-01',
    levels: {
      grassroots: ['grassroots', 'upper'],
      upper: ['upper'],
      province: ['province'],
      national: ['national'],
      state: ['national'],
    },
    source: 'Luật TĐKT 2022 Điều 78–80 (thẩm quyền quyết định khen thưởng), read onto the union’s tree: ours',
    certainty: 'unsure',
    note: 'A level may decide through a council of its own; the State’s forms go up through the TLĐ.',
  },
];

export const decidingLevelsOn = (day: string) => inForceOn(DECIDING_LEVELS, day);
