import { buildHistory, historyInUnit, type RosterChange } from '../../src/domain/roster/history.ts';
import type { RosterEntry } from '../../src/domain/roster/roster.ts';

/** Seed 001's seven members of the CĐCS LHH KH&KT Bắc Giang, with their dues salaries. */
export const SEED_001_MEMBERS = [
  ['Nguyễn Thị Thu Hà', 8_100_000],
  ['Trần Văn Hùng', 9_300_000],
  ['Lê Thị Mai', 6_200_000],
  ['Phạm Văn Nam', 6_500_000],
  ['Hoàng Thị Lan', 5_200_000],
  ['Vũ Văn Toàn', 4_800_000],
  ['Đỗ Thị Hằng', 4_500_000],
] as const;

/**
 * Builders of roster changes for the pure tests: each returns the change one
 * member event makes (as `changeFromEvent` would), with the member's state after.
 */
export function changes(memberId = 'm1', fullName = 'Hoàng Thị Lan') {
  let unitId = '';
  let status: RosterChange['status'] = 'active';
  let duesSalary = 0;
  let version = 1;
  const out: RosterChange[] = [];
  const push = (kind: RosterChange['kind'], date: string, extra: Partial<RosterChange> = {}) => {
    version += 1;
    const change: RosterChange = {
      memberId,
      version,
      kind,
      date,
      unitId,
      status,
      duesSalary,
      fullName,
      salaryChanged: false,
      ...extra,
    };
    out.push(change);
    return api;
  };
  const api = {
    admitted(date: string, unit: string, salary: number) {
      unitId = unit;
      status = 'active';
      duesSalary = salary;
      return push('admitted', date);
    },
    salary(date: string, salary: number) {
      duesSalary = salary;
      return push('updated', date, { salaryChanged: true });
    },
    renamed(date: string, name: string) {
      return push('updated', date, { fullName: name, salaryChanged: false });
    },
    transferred(date: string, unit: string) {
      unitId = unit;
      return push('transferred', date);
    },
    suspended(date: string) {
      status = 'suspended';
      return push('suspended', date);
    },
    reinstated(date: string) {
      status = 'active';
      return push('reinstated', date);
    },
    exited(date: string) {
      status = 'exited';
      return push('exited', date);
    },
    readmitted(date: string, unit: string) {
      unitId = unit;
      status = 'active';
      return push('readmitted', date);
    },
    get list(): RosterChange[] {
      return [...out];
    },
  };
  return api;
}

/** A small deterministic PRNG (mulberry32), so random tests replay. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A roster entry of `unit` (default `A`) for the member whose changes `build` makes. */
export function entry(
  memberId: string,
  fullName: string,
  build: (c: ReturnType<typeof changes>) => unknown,
  unit = 'A',
): RosterEntry {
  const c = changes(memberId, fullName);
  build(c);
  return { memberId, fullName, ...historyInUnit(buildHistory(c.list), unit) };
}
