import type { Month } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { arrears } from '../../src/domain/dues/arrears.ts';
import {
  afterCollection,
  type CollectionPlanInput,
  collectionSplit,
  MAX_LINE_AMOUNT,
  planCollection,
} from '../../src/domain/dues/collection.ts';
import { expectedDues } from '../../src/domain/dues/expected.ts';
import { afterRemittance, assertRemittance, toRemit } from '../../src/domain/dues/remittance.ts';
import { monthSheet } from '../../src/domain/dues/sheet.ts';
import { type DuesMonthState, emptyMonthState, type OwingMember } from '../../src/domain/dues/types.ts';
import { DEFAULT_POLICY_VERSIONS } from '../../src/domain/policy/defaults.ts';
import { createPolicy } from '../../src/domain/policy/policy.ts';
import { owingOnRoster, type RosterEntry } from '../../src/domain/roster/roster.ts';
import { domainErrorThrown } from '../support/errors.ts';
import { entry, prng, SEED_001_MEMBERS } from './support.ts';

const policy = createPolicy(DEFAULT_POLICY_VERSIONS);

/** Seed 001's seven members, on their dues salaries, all members since before 2024. */
const SEED_001: RosterEntry[] = SEED_001_MEMBERS.map(([name, salary], i) =>
  entry(`m${i + 1}`, name, (c) => c.admitted('2010-05-19', 'A', salary)),
);

const owingOf = (entries: RosterEntry[], month: string, fundingType = 'state-budget-partial' as const) =>
  expectedDues(policy, 'A', fundingType, month as Month, owingOnRoster(entries, 'A', month as Month));

describe('dues = roster × policy', () => {
  it('seed 001: 5,200,000 pays 52,000 in June 2025 at 1% and 26,000 in July 2025 at 0.5% (partly self-funded)', () => {
    const lan = SEED_001.filter((e) => e.fullName === 'Hoàng Thị Lan');
    const june = owingOf(lan, '2025-06')[0]!;
    const july = owingOf(lan, '2025-07')[0]!;
    expect(june.expected.amount).toBe(52_000);
    expect(june.expected.formula).toBe('1% × 5.200.000 = 52.000 (QĐ 1908/QĐ-TLĐ (2016))');
    expect(july.expected.amount).toBe(26_000);
    expect(july.expected.formula).toContain('0,5% × 5.200.000 = 26.000');
    expect(july.expected.rules.map((r) => r.versionId)).toContain(
      'dues-rate@2025-07-01#state-budget-partial+self-funded+non-state',
    );
    // A unit paid 100% from the state budget keeps 1% (an unsure rule, kept as a policy version).
    expect(owingOf(lan, '2025-07', 'state-budget-full' as never)[0]!.expected.amount).toBe(52_000);
  });

  it('seed 001’s whole CĐCS: 446,000 in June 2025, 223,000 in July, in Vietnamese name order', () => {
    const june = owingOf(SEED_001, '2025-06');
    expect(june.map((m) => m.fullName)).toEqual([
      'Nguyễn Thị Thu Hà',
      'Đỗ Thị Hằng',
      'Trần Văn Hùng',
      'Hoàng Thị Lan',
      'Lê Thị Mai',
      'Phạm Văn Nam',
      'Vũ Văn Toàn',
    ]);
    expect(june.reduce((t, m) => t + m.expected.amount, 0)).toBe(446_000);
    expect(owingOf(SEED_001, '2025-07').reduce((t, m) => t + m.expected.amount, 0)).toBe(223_000);
  });

  it('caps dues at 10% of the lương cơ sở of the month, which changes on 1/7/2023, 1/7/2024 and 1/7/2026', () => {
    const rich = [entry('r', 'Giám Đốc', (c) => c.admitted('2015-01-01', 'A', 60_000_000))];
    const amount = (month: string) => owingOf(rich, month)[0]!.expected;
    expect(amount('2023-06').amount).toBe(149_000); // 10% × 1,490,000
    expect(amount('2023-07').amount).toBe(180_000); // 10% × 1,800,000
    expect(amount('2024-07').amount).toBe(234_000); // 10% × 2,340,000
    expect(amount('2025-07').amount).toBe(234_000); // 0.5% × 60,000,000 = 300,000 > cap
    expect(amount('2026-07').amount).toBe(253_000); // 10% × 2,530,000
    expect(amount('2025-07').formula).toMatch(/^min\(0,5% × 60\.000\.000, 10% × 2\.340\.000\) = 234\.000/);
  });

  it('rounds to the nearest đồng, half up', () => {
    const member = (salary: number) => [entry('x', 'A B', (c) => c.admitted('2015-01-01', 'A', salary))];
    expect(owingOf(member(5_200_100), '2025-07')[0]!.expected.amount).toBe(26_001); // 26,000.5 → 26,001
    expect(owingOf(member(5_200_099), '2025-07')[0]!.expected.amount).toBe(26_000); // 26,000.495 → 26,000
    expect(owingOf(member(5_200_050), '2025-06')[0]!.expected.amount).toBe(52_001); // 52,000.5 → 52,001
  });

  it('uses the salary the month rule picked: a raise mid-June counts from July', () => {
    const raised = [entry('x', 'A B', (c) => c.admitted('2015-01-01', 'A', 5_200_000).salary('2025-06-16', 8_000_000))];
    expect(owingOf(raised, '2025-06')[0]!.expected.amount).toBe(52_000);
    expect(owingOf(raised, '2025-07')[0]!.expected.amount).toBe(40_000);
  });

  it('refuses a unit with owing members but no funding type, with a 422 in both languages', () => {
    const e = domainErrorThrown(() =>
      expectedDues(policy, 'A', null, '2025-06', owingOnRoster(SEED_001, 'A', '2025-06')),
    );
    expect(e.kind).toBe('unprocessable');
    expect(e.code).toBe('unit-funding-type-missing');
    expect(e.detail.vi).toContain('loại hình');
    expect(expectedDues(policy, 'A', null, '2025-06', [])).toEqual([]);
  });
});

describe('the split of collections', () => {
  it('posts 30% of the running total upward, so the shares of a month add up to the split of its total', () => {
    const random = prng(30);
    for (let run = 0; run < 200; run++) {
      let state = emptyMonthState('A', '2025-07');
      const count = 1 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        const amount = 1 + Math.floor(random() * 60_000);
        const split = collectionSplit(policy, '2025-07', state, amount);
        expect(split.grassroots + split.upper).toBe(amount);
        expect(split.upper).toBeGreaterThanOrEqual(0);
        state = afterCollection(state, [{ memberId: `m${i}`, amount }], split);
      }
      const total = policy.duesSplit('2025-07', state.collected);
      expect(state.upperCollected).toBe(total.upper.amount);
      expect(state.grassrootsCollected).toBe(total.grassroots.amount);
    }
  });

  it('seed 001 June 2025: 446,000 collected splits into 312,200 kept and 133,800 to remit', () => {
    const split = collectionSplit(policy, '2025-06', emptyMonthState('A', '2025-06'), 446_000);
    expect(split).toMatchObject({ grassroots: 312_200, upper: 133_800 });
    expect(split.formula).toContain('30% × 446.000 = 133.800');
  });
});

describe('the rules of a collection', () => {
  const owing: OwingMember[] = owingOf(SEED_001, '2025-07');
  const lan = owing.find((m) => m.fullName === 'Hoàng Thị Lan')!;
  const base = (over: Partial<CollectionPlanInput> = {}): CollectionPlanInput => ({
    month: '2025-07',
    date: '2025-07-20',
    today: '2025-07-25',
    allowAdvance: false,
    request: { lines: [{ memberId: lan.memberId, amount: 26_000 }] },
    owing,
    state: emptyMonthState('A', '2025-07'),
    ...over,
  });
  const refused = (over: Partial<CollectionPlanInput>) => domainErrorThrown(() => planCollection(base(over)));

  it('takes a line up to what the member still owes', () => {
    expect(planCollection(base())).toEqual([{ memberId: lan.memberId, amount: 26_000 }]);
    const paid: DuesMonthState = { ...emptyMonthState('A', '2025-07'), paid: { [lan.memberId]: 20_000 }, version: 1 };
    expect(refused({ state: paid }).code).toBe('dues-overpayment');
    expect(
      planCollection(base({ state: paid, request: { lines: [{ memberId: lan.memberId, amount: 6_000 }] } })),
    ).toHaveLength(1);
  });

  it('refuses, in Vietnamese and English, each broken rule', () => {
    const cases: [Partial<CollectionPlanInput>, string][] = [
      [{ request: { lines: [{ memberId: 'stranger', amount: 26_000 }] } }, 'member-not-owing'],
      [{ request: { lines: [{ memberId: lan.memberId, amount: -5 }] } }, 'invalid-dues-amount'],
      [{ request: { lines: [{ memberId: lan.memberId, amount: 0 }] } }, 'invalid-dues-amount'],
      [{ request: { lines: [{ memberId: lan.memberId, amount: MAX_LINE_AMOUNT + 1 }] } }, 'dues-amount-too-large'],
      [
        { allowAdvance: true, request: { lines: [{ memberId: lan.memberId, amount: MAX_LINE_AMOUNT + 1 }] } },
        'dues-amount-too-large',
      ],
      [{ request: { lines: [{ memberId: lan.memberId, amount: 26_001 }] } }, 'dues-overpayment'],
      [
        {
          request: {
            lines: [
              { memberId: lan.memberId, amount: 1_000 },
              { memberId: lan.memberId, amount: 1_000 },
            ],
          },
        },
        'duplicate-member-line',
      ],
      [{ request: { lines: [] } }, 'no-collection-lines'],
      [{ date: '2025-07-26' }, 'collection-date-in-future'],
      [{ month: '2025-08' }, 'dues-month-not-started'],
      [{ month: '2026-08', allowAdvance: true }, 'dues-month-too-far'],
    ];
    for (const [over, code] of cases) {
      const e = refused(over);
      expect(e.kind, code).toBe('unprocessable');
      expect(e.code).toBe(code);
      expect(e.detail.vi.length).toBeGreaterThan(10);
      expect(e.detail.en.length).toBeGreaterThan(10);
    }
  });

  it('with allowAdvance takes more than is owed, and a month not yet begun', () => {
    expect(
      planCollection(base({ allowAdvance: true, request: { lines: [{ memberId: lan.memberId, amount: 312_000 }] } })),
    ).toEqual([{ memberId: lan.memberId, amount: 312_000 }]);
    expect(planCollection(base({ allowAdvance: true, month: '2025-12' }))).toHaveLength(1);
  });

  it('a batch collects what each member still owes, and refuses when nobody owes anything', () => {
    const paid: DuesMonthState = { ...emptyMonthState('A', '2025-07'), paid: { [lan.memberId]: 20_000 }, version: 1 };
    const lines = planCollection(base({ state: paid, request: { batch: true } }));
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.memberId === lan.memberId)!.amount).toBe(6_000);
    expect(lines.reduce((t, l) => t + l.amount, 0)).toBe(223_000 - 20_000);
    const everyonePaid: DuesMonthState = {
      ...paid,
      paid: Object.fromEntries(owing.map((m) => [m.memberId, m.expected.amount])),
    };
    expect(refused({ state: everyonePaid, request: { batch: true } }).code).toBe('nothing-to-collect');
  });
});

describe('remittances', () => {
  const state: DuesMonthState = {
    ...emptyMonthState('A', '2025-06'),
    collected: 446_000,
    upperCollected: 133_800,
    grassrootsCollected: 312_200,
    version: 1,
  };
  const input = { month: '2025-06' as Month, date: '2025-07-05', today: '2025-07-10' };

  it('takes up to the upper share collected and not yet remitted', () => {
    assertRemittance(state, { ...input, amount: 133_800 });
    const after = afterRemittance(state, 100_000);
    expect(toRemit(after)).toBe(33_800);
    expect(domainErrorThrown(() => assertRemittance(after, { ...input, amount: 33_801 })).code).toBe(
      'remittance-exceeds-upper-share',
    );
    assertRemittance(after, { ...input, amount: 33_800 });
  });

  it('refuses an amount not above 0 and a date after today', () => {
    expect(domainErrorThrown(() => assertRemittance(state, { ...input, amount: 0 })).code).toBe(
      'invalid-remittance-amount',
    );
    expect(domainErrorThrown(() => assertRemittance(state, { ...input, amount: 10, date: '2025-07-11' })).code).toBe(
      'remittance-date-in-future',
    );
  });
});

describe('the month sheet', () => {
  it('lists the owing members with expected, collected and outstanding; totals; split; remitted', () => {
    const owing = owingOf(SEED_001, '2025-06');
    const lan = owing.find((m) => m.fullName === 'Hoàng Thị Lan')!;
    let state = emptyMonthState('A', '2025-06');
    const split = collectionSplit(policy, '2025-06', state, 52_000 + 10_000);
    state = afterCollection(
      state,
      [
        { memberId: lan.memberId, amount: 52_000 },
        { memberId: 'gone', amount: 10_000 },
      ],
      split,
    );
    state = afterRemittance(state, 15_000);
    const sheet = monthSheet({
      unitId: 'A',
      month: '2025-06',
      fundingType: 'state-budget-partial',
      owing,
      names: new Map([['gone', 'Người Đã Chuyển']]),
      state,
      collections: [],
      remittances: [],
      policy,
    });
    expect(sheet.totals).toEqual({
      members: 7,
      expected: 446_000,
      collected: 62_000,
      outstanding: 394_000,
      advance: 10_000,
    });
    expect(sheet.members.find((m) => m.memberId === lan.memberId)).toMatchObject({ collected: 52_000, outstanding: 0 });
    expect(sheet.members.at(-1)).toMatchObject({ memberId: 'gone', owes: false, collected: 10_000, advance: 10_000 });
    expect(sheet.split).toMatchObject({ upper: 18_600, grassroots: 43_400 });
    expect(sheet.remitted).toBe(15_000);
    expect(sheet.toRemit).toBe(3_600);
  });
});

describe('arrears', () => {
  const entries = [
    entry('p', 'Người Đóng Đủ', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
    entry('u', 'Người Không Đóng', (c) => c.admitted('2024-01-01', 'A', 5_200_000)),
    entry('s', 'Người Tạm Dừng', (c) => c.admitted('2024-01-01', 'A', 5_200_000).suspended('2025-03-01')),
    entry('n', 'Người Mới Vào', (c) => c.admitted('2025-05-10', 'A', 5_200_000)),
  ];
  const months = [
    '2024-10',
    '2024-11',
    '2024-12',
    '2025-01',
    '2025-02',
    '2025-03',
    '2025-04',
    '2025-05',
    '2025-06',
  ] as Month[];
  const states = new Map(
    months.map((m) => [
      m,
      { ...emptyMonthState('A', m), paid: { p: 52_000, ...(m <= '2025-01' ? { s: 52_000 } : {}) }, version: 1 },
    ]),
  );

  it('per member and in total, flagging those who paid nothing for the policy’s removal months', () => {
    const result = arrears({
      unitId: 'A',
      from: '2025-04',
      to: '2025-06',
      fundingType: 'state-budget-partial',
      entries,
      states,
      policy,
    });
    const removal = policy.duesRemovalMonths('2025-06').months;
    expect(removal).toBe(6); // the shipped default (Điều lệ, unsure: 6 or 12)
    const byId = Object.fromEntries(result.members.map((m) => [m.memberId, m]));
    expect(byId.p).toBeUndefined();
    // January to June owed and nothing paid: six months.
    expect(byId.u).toMatchObject({
      expected: 156_000,
      paid: 0,
      balance: 156_000,
      monthsWithoutDues: 6,
      removalCandidate: true,
    });
    expect(byId.u!.months.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06']);
    // Suspended since 1 March: owes nothing in the period, and the suspension ends the count.
    expect(byId.s).toBeUndefined();
    // Admitted 10 May: owes May (admission) and June.
    expect(byId.n).toMatchObject({ expected: 104_000, paid: 0, monthsWithoutDues: 2, removalCandidate: false });
    expect(result.totals).toMatchObject({ expected: 260_000, paid: 0, balance: 260_000 });
    expect(result.removal.months).toBe(removal);
  });
});
