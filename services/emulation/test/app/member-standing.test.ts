import { type DirectoryMember, DomainError, notFound } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { memberStanding } from '../../src/app/member-standing.ts';
import type { Members } from '../../src/app/ports.ts';

const ha: DirectoryMember = {
  id: 'member-1',
  fullName: 'Nguyễn Thị Thu Hà',
  gender: 'female',
  dateOfBirth: '1978-03-12',
  cardNumber: '2005000042',
  joinDate: '2005-05-19',
  unitId: 'unit-b',
  status: 'active',
  history: [
    { from: '2005-05-19', to: '2019-09-01', unitId: 'unit-a', status: 'active' },
    { from: '2019-09-01', to: '2020-01-01', unitId: 'unit-b', status: 'suspended' },
    { from: '2020-01-01', to: null, unitId: 'unit-b', status: 'active' },
  ],
  version: 3,
};

/** The port as a test sees it: one member, visible to the whole tree and to unit-b only. */
const members: Members = {
  async get(caller, id) {
    if (id !== ha.id || (caller.unitId !== null && caller.unitId !== ha.unitId)) {
      throw notFound({ vi: 'đoàn viên', en: 'member' }, id);
    }
    return ha;
  },
};

describe('a member’s standing, as emulation answers it', () => {
  it('says where the member was on the day and for how many years they have been one', async () => {
    expect(await memberStanding({ members }, { unitId: null }, ha.id, '2010-01-01')).toEqual({
      memberId: ha.id,
      fullName: ha.fullName,
      on: '2010-01-01',
      standing: 'member',
      unitId: 'unit-a',
      unionYears: 4,
    });
  });

  it('is no member, with no years, before the first admission', async () => {
    expect(await memberStanding({ members }, { unitId: 'unit-b' }, ha.id, '2000-01-01')).toMatchObject({
      standing: 'not-a-member',
      unitId: null,
      unionYears: null,
    });
  });

  it('is suspended in the unit the member was in that day, the years still counted', async () => {
    expect(await memberStanding({ members }, { unitId: 'unit-b' }, ha.id, '2019-10-01')).toMatchObject({
      standing: 'suspended',
      unitId: 'unit-b',
      unionYears: 14,
    });
  });

  it('does not find a member outside the caller’s subtree', async () => {
    await expect(memberStanding({ members }, { unitId: 'unit-a' }, ha.id, '2010-01-01')).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.kind === 'not-found',
    );
  });
});
