import { FINANCE_ROLES, OFFICER_POSITIONS, type OfficerPosition } from '@congdoan/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertMayHold, assertSeatFree, endHolding, type Holding } from '../../src/domain/committee/holdings.ts';
import { overlaps } from '../../src/domain/committee/periods.ts';
import { COMMITTEE_POLICIES, committeePolicyOn, seatLimit } from '../../src/domain/committee/policy.ts';
import { incompatible } from '../../src/domain/committee/positions.ts';
import { errorOf, holding } from './fixtures.ts';

const NAME = 'Trần Văn Bình';
const TERM = ['2023-05-10', '2028-05-10'] as const;

describe('the inspection committee excludes the account holder, accountant and treasurer (Điều lệ)', () => {
  it.each(FINANCE_ROLES)('refuses an inspection member who is %s in the same period, with 409', (role) => {
    const error = errorOf(() => assertMayHold(NAME, holding('inspection-member', ...TERM), [holding(role, ...TERM)]));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('inspection-incompatible');
    expect(error.detail.vi).toContain('Điều lệ');
    expect(error.detail.vi).toContain('không được là ủy viên Ủy ban kiểm tra');
    expect(error.detail.en).toContain('inspection committee');
  });

  it.each(FINANCE_ROLES)('refuses a %s who sits on the inspection committee, the other way round', (role) => {
    const error = errorOf(() =>
      assertMayHold(NAME, holding(role, '2025-01-01', TERM[1]), [holding('inspection-member', ...TERM)]),
    );
    expect(error.code).toBe('inspection-incompatible');
  });

  it('allows both roles one after the other', () => {
    const accountant = holding('accountant', TERM[0], '2025-01-01');
    expect(() => assertMayHold(NAME, holding('inspection-member', '2025-01-01', TERM[1]), [accountant])).not.toThrow();
  });

  it('allows an inspection member to sit on the executive committee, and the chair to hold the account', () => {
    expect(() =>
      assertMayHold(NAME, holding('inspection-member', ...TERM), [holding('committee-member', ...TERM)]),
    ).not.toThrow();
    expect(() => assertMayHold(NAME, holding('account-holder', ...TERM), [holding('chair', ...TERM)])).not.toThrow();
  });

  it('holds, as a property, for any sequence of accepted holdings', () => {
    // Days of 2024 as numbers, so a period's ends sort as numbers before they become dates.
    const date = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    const request = fc
      .record({ position: fc.constantFrom(...OFFICER_POSITIONS), a: fc.nat(90), b: fc.nat(90) })
      .map(({ position, a, b }) => ({ position, from: date(Math.min(a, b)), until: date(Math.max(a, b)) }));
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), (requests) => {
        const held: Holding[] = [];
        for (const r of requests) {
          const candidate = holding(r.position, r.from, r.until);
          try {
            assertMayHold(NAME, candidate, held);
            held.push(candidate);
          } catch {
            // refused: the rules said no
          }
        }
        for (const x of held)
          for (const y of held)
            if (x !== y && overlaps(x, y)) {
              expect(incompatible(x.position, y.position)).toBe(false);
              expect(x.position).not.toBe(y.position);
            }
      }),
    );
  });
});

describe('the rules between a person’s positions', () => {
  it('refuses the same position twice at once', () => {
    const error = errorOf(() => assertMayHold(NAME, holding('vice-chair', ...TERM), [holding('vice-chair', ...TERM)]));
    expect(error.code).toBe('position-already-held');
  });

  it.each<[OfficerPosition, OfficerPosition]>([
    ['chair', 'vice-chair'],
    ['vice-chair', 'committee-member'],
    ['committee-member', 'chair'],
  ])('refuses %s while the person is %s: one committee seat at a time', (wanted, held) => {
    const error = errorOf(() => assertMayHold(NAME, holding(wanted, ...TERM), [holding(held, ...TERM)]));
    expect(error.code).toBe('committee-rank-held');
    expect(error.detail.vi).toContain('reassigned');
  });

  it('shrinks a holding when its appointment ends', () => {
    const held = [holding('chair', ...TERM)];
    const ended = endHolding(held, held[0]!.appointmentId, '2025-01-01');
    expect(ended[0]).toMatchObject({ from: TERM[0], until: '2025-01-01' });
    expect(() => assertMayHold(NAME, holding('vice-chair', '2025-01-01', TERM[1]), ended)).not.toThrow();
  });
});

describe('limits on how many hold a position at once', () => {
  const policy = committeePolicyOn('2024-01-01');
  const seat = (id: string, from: string, until: string) => ({ appointmentId: id, memberId: id, from, until });

  it('gives a unit one chair at a time', () => {
    expect(seatLimit(policy, 'chair', 'grassroots')).toBe(1);
    const error = errorOf(() => assertSeatFree('chair', 1, seat('b', '2026-01-01', TERM[1]), [seat('a', ...TERM)]));
    expect(error.code).toBe('position-filled');
    expect(error.detail.vi).toContain('Chủ tịch');
    expect(() =>
      assertSeatFree('chair', 1, seat('b', '2026-01-01', TERM[1]), [seat('a', TERM[0], '2026-01-01')]),
    ).not.toThrow();
  });

  it('caps the inspection committee at 7 at a CĐCS and 9 at the upper level', () => {
    expect(seatLimit(policy, 'inspection-member', 'grassroots')).toBe(7);
    expect(seatLimit(policy, 'inspection-member', 'upper')).toBe(9);
    const seven = Array.from({ length: 7 }, (_, i) => seat(`s${i}`, ...TERM));
    expect(errorOf(() => assertSeatFree('inspection-member', 7, seat('x', ...TERM), seven)).code).toBe(
      'position-filled',
    );
    expect(() => assertSeatFree('inspection-member', 9, seat('x', ...TERM), seven)).not.toThrow();
  });

  it('puts no limit on vice-chairs, committee members and accountants', () => {
    for (const position of ['vice-chair', 'committee-member', 'accountant'] as const) {
      expect(seatLimit(policy, position, 'grassroots')).toBeNull();
    }
  });

  it('names its source, and applies the first version to earlier dates', () => {
    expect(COMMITTEE_POLICIES[0]?.source).toContain('Điều lệ');
    expect(committeePolicyOn('2000-01-01')).toBe(COMMITTEE_POLICIES[0]);
  });
});
