import type { DirectorySpan } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { standingOn, unionYears } from '../src/standing.ts';

const history: DirectorySpan[] = [
  { from: '2005-05-19', to: '2019-09-01', unitId: 'unit-a', status: 'active' },
  { from: '2019-09-01', to: '2020-01-01', unitId: 'unit-b', status: 'suspended' },
  { from: '2020-01-01', to: '2023-12-31', unitId: 'unit-b', status: 'active' },
  { from: '2023-12-31', to: null, unitId: 'unit-b', status: 'exited' },
];

describe('a member’s standing on a day', () => {
  it('follows the dated history: member, suspended, then no member once exited', () => {
    expect(standingOn(history, '2005-05-18')).toEqual({ standing: 'not-a-member', unitId: null });
    expect(standingOn(history, '2005-05-19')).toEqual({ standing: 'member', unitId: 'unit-a' });
    expect(standingOn(history, '2019-09-01')).toEqual({ standing: 'suspended', unitId: 'unit-b' });
    expect(standingOn(history, '2023-12-30')).toEqual({ standing: 'member', unitId: 'unit-b' });
    expect(standingOn(history, '2023-12-31')).toEqual({ standing: 'not-a-member', unitId: null });
    expect(standingOn([], '2020-01-01')).toEqual({ standing: 'not-a-member', unitId: null });
  });

  it('counts whole years since the first admission, the anniversary included', () => {
    expect(unionYears('2005-05-19', '2025-05-18')).toBe(19);
    expect(unionYears('2005-05-19', '2025-05-19')).toBe(20);
    expect(unionYears('2005-05-19', '2005-05-19')).toBe(0);
    expect(unionYears('2005-05-19', '2005-05-18')).toBeNull();
    expect(unionYears(null, '2025-01-01')).toBeNull();
  });
});
