import {
  EDUCATION_LEVELS,
  EMPLOYMENT_CATEGORIES,
  MEMBER_STATUSES,
  type MemberState,
  POLITICAL_THEORY_LEVELS,
} from '@congdoan/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMBER_ACTIONS } from '../../../src/domain/member/lifecycle.ts';
import { addCounters, statsContribution, statsDelta } from '../../../src/domain/member/stats.ts';
import { act, active, inStatus, later, muchLater } from './fixtures.ts';

const on = '2026-03-10';

describe('one member’s contribution', () => {
  it('counts an active member in every dimension', () => {
    expect(statsContribution(active(), on)).toEqual({
      total: 1,
      women: 1,
      party: 1,
      'edu:master': 1,
      'theory:intermediate': 1,
      'cat:public-employee': 1,
      'eth:Kinh': 1,
      'age:30-39': 1,
    });
  });

  it('counts a suspended member as a member, and as suspended', () => {
    expect(statsContribution(inStatus('suspended'), on)).toMatchObject({ total: 1, suspended: 1, women: 1 });
  });

  it('counts applicants, rejected applicants and exited members nowhere', () => {
    for (const status of ['applicant', 'rejected', 'exited'] as const) {
      expect(statsContribution(inStatus(status), on)).toEqual({});
    }
  });

  it('uses the age band on the given day', () => {
    const m = active({ gender: 'male', partyMember: false, partyJoinDate: null, dateOfBirth: '1996-03-11' });
    expect(statsContribution(m, '2026-03-10')).toMatchObject({ 'age:under-30': 1 });
    expect(statsContribution(m, '2026-03-11')).toMatchObject({ 'age:30-39': 1 });
    expect(statsContribution(m, on)).not.toHaveProperty('women');
    expect(statsContribution(m, on)).not.toHaveProperty('party');
  });
});

describe('seed 001: a CĐCS of 7 members', () => {
  it('adds up to 2 master’s, 3 bachelor’s, 1 college, 1 vocational; 5 viên chức, 2 công chức', () => {
    const people = [
      ['master', 'public-employee'],
      ['master', 'public-employee'],
      ['bachelor', 'public-employee'],
      ['bachelor', 'civil-servant'],
      ['bachelor', 'civil-servant'],
      ['college', 'public-employee'],
      ['vocational', 'public-employee'],
    ] as const;
    const totals = people
      .map(([educationLevel, employmentCategory]) => active({ educationLevel, employmentCategory }))
      .reduce((acc, m) => addCounters(acc, statsDelta(null, m, on)), {});
    expect(totals).toMatchObject({
      total: 7,
      'edu:master': 2,
      'edu:bachelor': 3,
      'edu:college': 1,
      'edu:vocational': 1,
      'cat:public-employee': 5,
      'cat:civil-servant': 2,
    });
  });
});

describe('deltas', () => {
  it('adds a member on admission and removes them on exit', () => {
    const a = inStatus('applicant');
    const m = act(a, 'admit', later);
    expect(statsDelta(a, m, on)).toEqual(statsContribution(m, on));
    const e = act(m, 'exit', later);
    expect(statsDelta(m, e, on)).toEqual(addCounters({}, statsContribution(m, on), -1));
  });

  it('moves one count between values on an update, and adds only `suspended` on suspension', () => {
    const m = active();
    expect(statsDelta(m, { ...m, educationLevel: 'doctorate' }, on)).toEqual({ 'edu:master': -1, 'edu:doctorate': 1 });
    expect(statsDelta(m, act(m, 'suspend', later), on)).toEqual({ suspended: 1 });
    expect(statsDelta(m, { ...m, phone: null }, on)).toEqual({});
    expect(statsDelta(null, null, on)).toEqual({});
  });
});

const memberArb: fc.Arbitrary<MemberState | null> = fc.option(
  fc
    .record({
      status: fc.constantFrom(...MEMBER_STATUSES),
      gender: fc.constantFrom('male' as const, 'female' as const),
      educationLevel: fc.constantFrom(...EDUCATION_LEVELS),
      politicalTheoryLevel: fc.constantFrom(...POLITICAL_THEORY_LEVELS),
      employmentCategory: fc.constantFrom(...EMPLOYMENT_CATEGORIES),
      ethnicity: fc.constantFrom('Kinh', 'Tày', 'Nùng', 'Thái', 'Mường', 'Ê Đê'),
      partyMember: fc.boolean(),
      dateOfBirth: fc.constantFrom('1960-01-01', '1975-06-15', '1988-07-24', '1996-03-11', '2004-12-31'),
    })
    .map((fields) => ({ ...active(), ...fields })),
);

describe('delta properties', () => {
  it('composes: delta(a, b) + delta(b, c) = delta(a, c)', () => {
    fc.assert(
      fc.property(memberArb, memberArb, memberArb, (a, b, c) => {
        expect(addCounters(statsDelta(a, b, on), statsDelta(b, c, on))).toEqual(statsDelta(a, c, on));
      }),
      { numRuns: 1000 },
    );
  });

  it('never holds a zero', () => {
    fc.assert(
      fc.property(memberArb, memberArb, (a, b) => {
        expect(Object.values(statsDelta(a, b, on))).not.toContain(0);
      }),
    );
  });

  it('after any lifecycle sequence, the summed deltas equal a recount of the final state', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MEMBER_ACTIONS), { maxLength: 40 }), (actions) => {
        let m = inStatus('applicant');
        let counters = statsDelta(null, m, on);
        for (const action of actions) {
          let next: MemberState;
          try {
            next = act(m, action, muchLater);
          } catch {
            continue; // illegal here: nothing is written, nothing is counted
          }
          counters = addCounters(counters, statsDelta(m, next, on));
          m = next;
        }
        expect(counters).toEqual(statsContribution(m, on));
      }),
    );
  });
});
