import {
  addDays,
  addMonths,
  firstDayOf,
  lastDayOf,
  MemberUpdated,
  type Month,
  monthsBetween,
} from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { changeFromEvent } from '../../src/domain/roster/events.ts';
import { buildHistory, historyInUnit, type RosterChange, unitsOf } from '../../src/domain/roster/history.ts';
import { type Owing, owesUnit, owingFor } from '../../src/domain/roster/month-rule.ts';
import { changes, prng, shuffle } from './support.ts';

const owes = (list: RosterChange[], month: string) => {
  const o = owingFor(buildHistory(list), month as Month);
  return o ? { unitId: o.unitId, duesSalary: o.duesSalary, basis: o.basis } : null;
};

describe('the month rule', () => {
  it('a member active on the first day owes the month to their unit, on the salary in force that day', () => {
    const c = changes().admitted('2020-03-10', 'A', 5_200_000);
    expect(owes(c.list, '2025-06')).toEqual({ unitId: 'A', duesSalary: 5_200_000, basis: 'first-day' });
    expect(owes(c.list, '2020-04')).toEqual({ unitId: 'A', duesSalary: 5_200_000, basis: 'first-day' });
  });

  it('a member admitted during the month owes it to the admitting unit on the salary at admission', () => {
    for (const day of ['2025-06-02', '2025-06-15', '2025-06-30']) {
      const c = changes().admitted(day, 'A', 5_200_000);
      expect(owes(c.list, '2025-05'), day).toBeNull();
      expect(owes(c.list, '2025-06'), day).toEqual({ unitId: 'A', duesSalary: 5_200_000, basis: 'admission' });
      expect(owes(c.list, '2025-07'), day).toEqual({ unitId: 'A', duesSalary: 5_200_000, basis: 'first-day' });
    }
    // Admitted on the 1st: active on the first day.
    expect(owes(changes().admitted('2025-06-01', 'A', 5_200_000).list, '2025-06')?.basis).toBe('first-day');
  });

  it('a salary change counts from the next month, or from this one when it takes effect on the 1st', () => {
    const mid = changes().admitted('2020-01-01', 'A', 5_200_000).salary('2025-06-15', 6_000_000);
    expect(owes(mid.list, '2025-06')?.duesSalary).toBe(5_200_000);
    expect(owes(mid.list, '2025-07')?.duesSalary).toBe(6_000_000);
    const first = changes().admitted('2020-01-01', 'A', 5_200_000).salary('2025-06-01', 6_000_000);
    expect(owes(first.list, '2025-06')?.duesSalary).toBe(6_000_000);
  });

  it('the salary at admission is the one in force at the end of the admission day', () => {
    const c = changes()
      .admitted('2025-06-10', 'A', 5_000_000)
      .salary('2025-06-10', 5_200_000)
      .salary('2025-06-20', 7_000_000);
    expect(owes(c.list, '2025-06')).toEqual({ unitId: 'A', duesSalary: 5_200_000, basis: 'admission' });
    expect(owes(c.list, '2025-07')?.duesSalary).toBe(7_000_000);
  });

  it('suspended on the first day owes nothing; suspended later in the month still owes it; reinstated mid-month owes from the next', () => {
    const c = changes().admitted('2020-01-01', 'A', 5_200_000).suspended('2025-06-10').reinstated('2025-08-20');
    expect(owes(c.list, '2025-06')?.unitId).toBe('A');
    expect(owes(c.list, '2025-07')).toBeNull();
    expect(owes(c.list, '2025-08')).toBeNull();
    expect(owes(c.list, '2025-09')?.unitId).toBe('A');

    const onFirst = changes().admitted('2020-01-01', 'A', 5_200_000).suspended('2025-06-01').reinstated('2025-07-01');
    expect(owes(onFirst.list, '2025-05')?.unitId).toBe('A');
    expect(owes(onFirst.list, '2025-06')).toBeNull();
    expect(owes(onFirst.list, '2025-07')?.unitId).toBe('A');
  });

  it('a transfer during the month leaves it with the unit left; the new unit collects from the next month', () => {
    const c = changes().admitted('2020-01-01', 'A', 5_200_000).transferred('2025-06-15', 'B');
    expect(owes(c.list, '2025-06')?.unitId).toBe('A');
    expect(owes(c.list, '2025-07')?.unitId).toBe('B');
    const h = buildHistory(c.list);
    expect(owesUnit(historyInUnit(h, 'A'), 'A', '2025-06')).not.toBeNull();
    expect(owesUnit(historyInUnit(h, 'B'), 'B', '2025-06')).toBeNull();
    expect(owesUnit(historyInUnit(h, 'A'), 'A', '2025-07')).toBeNull();
    expect(owesUnit(historyInUnit(h, 'B'), 'B', '2025-07')).not.toBeNull();
    // Dated on the 1st, the month moves too.
    const first = changes().admitted('2020-01-01', 'A', 5_200_000).transferred('2025-06-01', 'B');
    expect(owes(first.list, '2025-06')?.unitId).toBe('B');
    expect(owes(first.list, '2025-05')?.unitId).toBe('A');
  });

  it('a suspended member transferred stays suspended and owes nowhere', () => {
    const c = changes().admitted('2020-01-01', 'A', 5_200_000).suspended('2025-05-10').transferred('2025-06-15', 'B');
    expect(owes(c.list, '2025-05')?.unitId).toBe('A');
    expect(owes(c.list, '2025-06')).toBeNull();
    expect(owes(c.list, '2025-07')).toBeNull();
  });

  it('an exit during the month still owes it; an exit dated on the 1st does not', () => {
    const mid = changes().admitted('2020-01-01', 'A', 5_200_000).exited('2025-06-20');
    expect(owes(mid.list, '2025-06')?.unitId).toBe('A');
    expect(owes(mid.list, '2025-07')).toBeNull();
    const first = changes().admitted('2020-01-01', 'A', 5_200_000).exited('2025-06-01');
    expect(owes(first.list, '2025-05')?.unitId).toBe('A');
    expect(owes(first.list, '2025-06')).toBeNull();
  });

  it('a re-admission during the month owes it to the re-admitting unit on the salary then', () => {
    const c = changes()
      .admitted('2020-01-01', 'A', 5_200_000)
      .exited('2025-01-20')
      .salary('2025-01-20', 5_200_000) // a no-op salary change
      .readmitted('2025-06-12', 'B');
    expect(owes(c.list, '2025-01')?.unitId).toBe('A');
    expect(owes(c.list, '2025-02')).toBeNull();
    expect(owes(c.list, '2025-05')).toBeNull();
    expect(owes(c.list, '2025-06')).toEqual({ unitId: 'B', duesSalary: 5_200_000, basis: 'admission' });
    expect(owes(c.list, '2025-07')).toEqual({ unitId: 'B', duesSalary: 5_200_000, basis: 'first-day' });
  });

  it('admitted in a month and then transferred, suspended or exited in it: the admitting unit is owed the month', () => {
    const moved = changes().admitted('2025-06-05', 'A', 4_000_000).transferred('2025-06-20', 'B');
    expect(owes(moved.list, '2025-06')).toEqual({ unitId: 'A', duesSalary: 4_000_000, basis: 'admission' });
    expect(owes(moved.list, '2025-07')?.unitId).toBe('B');
    const suspended = changes().admitted('2025-06-05', 'A', 4_000_000).suspended('2025-06-05');
    expect(owes(suspended.list, '2025-06')?.unitId).toBe('A');
    expect(owes(suspended.list, '2025-07')).toBeNull();
    const left = changes().admitted('2025-06-05', 'A', 4_000_000).exited('2025-06-25');
    expect(owes(left.list, '2025-06')?.unitId).toBe('A');
    expect(owes(left.list, '2025-07')).toBeNull();
  });

  it('nothing is owed before the first admission, whatever else was recorded', () => {
    const c = changes().admitted('2025-06-15', 'A', 5_200_000);
    expect(owes(c.list, '2025-01')).toBeNull();
    expect(buildHistory(c.list).spans[0]?.from).toBe('2025-06-15');
  });

  it('a later record wins from its own day on, even when dated earlier than one before it', () => {
    const c = changes()
      .admitted('2020-01-01', 'A', 5_000_000)
      .transferred('2025-07-10', 'B')
      .transferred('2025-07-05', 'C');
    const h = buildHistory(c.list);
    expect(h.spans.map((s) => [s.from, s.unitId])).toEqual([
      ['2020-01-01', 'A'],
      ['2025-07-05', 'C'],
    ]);
    expect(unitsOf(h)).toEqual(['A', 'C']);
  });

  it('builds the same history from any order of the changes, duplicates included', () => {
    const c = changes()
      .admitted('2019-04-01', 'A', 4_000_000)
      .salary('2021-02-03', 4_500_000)
      .transferred('2022-06-15', 'B')
      .suspended('2023-01-10')
      .reinstated('2023-03-02')
      .renamed('2023-04-01', 'Hoàng Thị Lan Anh')
      .exited('2024-01-31')
      .readmitted('2024-06-20', 'C')
      .salary('2025-06-30', 5_200_000);
    const expected = buildHistory(c.list);
    const random = prng(7);
    for (let i = 0; i < 50; i++) {
      const mixed = shuffle([...c.list, ...c.list.filter(() => random() < 0.3)], random);
      expect(buildHistory(mixed)).toEqual(expected);
    }
  });
});

describe('salary changes take effect on the Vietnam day they were recorded', () => {
  it('an update at 18:00 UTC on 30 June is 1 July in Vietnam, so it counts for July', () => {
    const member = {
      id: 'm1',
      unitId: 'A',
      status: 'active' as const,
      fullName: 'Hoàng Thị Lan',
      duesSalary: 6_000_000,
      version: 3,
    };
    const change = changeFromEvent(
      'MemberUpdated',
      { member, changed: ['duesSalary'] } as unknown as Parameters<typeof changeFromEvent>[1],
      '2025-06-30T18:00:00.000Z',
    );
    expect(change).toMatchObject({ kind: 'updated', date: '2025-07-01', salaryChanged: true, duesSalary: 6_000_000 });
    expect(MemberUpdated.detailType).toBe('MemberUpdated');
    const c = changes().admitted('2020-01-01', 'A', 5_200_000);
    const history = [...c.list, { ...change, version: 10 }];
    expect(owes(history, '2025-06')?.duesSalary).toBe(5_200_000);
    expect(owes(history, '2025-07')?.duesSalary).toBe(6_000_000);
  });

  it('an update of another field changes no salary', () => {
    const change = changeFromEvent(
      'MemberUpdated',
      {
        member: { id: 'm1', unitId: 'A', status: 'active', fullName: 'X Y', duesSalary: 9_000_000, version: 3 },
        changed: ['phone'],
      } as unknown as Parameters<typeof changeFromEvent>[1],
      '2025-06-10T03:00:00.000Z',
    );
    expect(change.salaryChanged).toBe(false);
    const c = changes().admitted('2020-01-01', 'A', 5_200_000);
    expect(owes([...c.list, { ...change, version: 10 }], '2025-07')?.duesSalary).toBe(5_200_000);
  });
});

/**
 * An independent model of the rule: replay the changes in order up to a day and
 * read the member's state, then apply the rule's two parts literally.
 */
function oracle(list: readonly RosterChange[], month: Month): Omit<Owing, 'since'> | null {
  const stateAtEndOf = (day: string) => {
    let s: { unitId?: string; status?: string; duesSalary?: number } = {};
    for (const c of list) {
      if (c.date > day) break;
      if (c.kind === 'admitted' || c.kind === 'readmitted')
        s = { unitId: c.unitId, status: 'active', duesSalary: c.duesSalary };
      else if (c.kind === 'updated' && c.salaryChanged) s = { ...s, duesSalary: c.duesSalary };
      else if (c.kind === 'transferred') s = { ...s, unitId: c.unitId };
      else if (c.kind === 'suspended') s = { ...s, status: 'suspended' };
      else if (c.kind === 'reinstated') s = { ...s, status: 'active' };
      else if (c.kind === 'exited') s = { ...s, status: 'exited' };
    }
    return s;
  };
  const first = firstDayOf(month);
  const onFirst = stateAtEndOf(first);
  if (onFirst.status === 'active')
    return { unitId: onFirst.unitId!, duesSalary: onFirst.duesSalary!, basis: 'first-day' };
  const admission = list.find(
    (c) => (c.kind === 'admitted' || c.kind === 'readmitted') && c.date > first && c.date <= lastDayOf(month),
  );
  if (!admission) return null;
  return { unitId: admission.unitId, duesSalary: stateAtEndOf(admission.date).duesSalary!, basis: 'admission' };
}

/** A random lifecycle that membership would allow, dates never going back. */
function randomLifecycle(random: () => number) {
  const units = ['A', 'B', 'C'];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const salary = () => 3_000_000 + Math.floor(random() * 60) * 100_000;
  let day = addDays('2024-01-01', Math.floor(random() * 400));
  const c = changes().admitted(day, pick(units), salary());
  let status: 'active' | 'suspended' | 'exited' = 'active';
  let unit = c.list[0]!.unitId;
  const steps = Math.floor(random() * 9);
  for (let i = 0; i < steps; i++) {
    // Same day a third of the time, otherwise up to ~2 months later.
    day = addDays(day, random() < 0.33 ? 0 : 1 + Math.floor(random() * 70));
    const options =
      status === 'exited'
        ? ['readmit']
        : status === 'active'
          ? ['salary', 'transfer', 'suspend', 'exit']
          : ['salary', 'transfer', 'reinstate', 'exit'];
    const action = pick(options);
    if (action === 'salary') c.salary(day, salary());
    else if (action === 'transfer') {
      unit = pick(units.filter((u) => u !== unit));
      c.transferred(day, unit);
    } else if (action === 'suspend') {
      c.suspended(day);
      status = 'suspended';
    } else if (action === 'reinstate') {
      c.reinstated(day);
      status = 'active';
    } else if (action === 'exit') {
      c.exited(day);
      status = 'exited';
    } else {
      day = addDays(day, 90 + Math.floor(random() * 60));
      unit = pick(units);
      c.readmitted(day, unit);
      status = 'active';
    }
  }
  return { list: c.list, lastDay: day };
}

describe('the month rule against an independent model, on 2,000 random lifecycles', () => {
  it('agrees for every month and every unit, whatever order the events arrive in', () => {
    const random = prng(2025);
    let checked = 0;
    for (let n = 0; n < 2_000; n++) {
      const { list, lastDay } = randomLifecycle(random);
      const delivered = shuffle([...list, ...list.filter(() => random() < 0.2)], random);
      const history = buildHistory(delivered);
      const months = monthsBetween(addMonths(list[0]!.date.slice(0, 7), -1), addMonths(lastDay.slice(0, 7), 2));
      for (const month of months) {
        const expected = oracle(list, month);
        const actual = owingFor(history, month);
        expect(actual && { unitId: actual.unitId, duesSalary: actual.duesSalary, basis: actual.basis }).toEqual(
          expected,
        );
        for (const unit of ['A', 'B', 'C']) {
          const perUnit = owesUnit(historyInUnit(history, unit), unit, month);
          expect(perUnit !== null, `${month} ${unit}`).toBe(expected?.unitId === unit);
          if (perUnit) expect(perUnit.duesSalary).toBe(expected!.duesSalary);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15_000);
  });
});
