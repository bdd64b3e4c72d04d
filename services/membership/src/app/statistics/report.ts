import {
  AGE_BANDS,
  EDUCATION_LEVELS,
  EMPLOYMENT_CATEGORIES,
  EXIT_REASONS,
  POLITICAL_THEORY_LEVELS,
  type Unit,
} from '@congdoan/contracts';
import { ageBand } from '../../domain/member/age.ts';
import type { PageKey } from '../ports.ts';
import type { UnitDeps } from '../units/deps.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { Counters, StatsStore } from './ports.ts';

export interface StatisticsDeps extends UnitDeps {
  stats: StatsStore;
}

export interface StatisticsReport {
  unitId: string;
  unitName: string;
  asOf: string;
  unitsCounted: number;
  totals: { members: number; women: number; partyMembers: number; suspended: number };
  byEducation: Record<string, number>;
  byPoliticalTheory: Record<string, number>;
  byEmploymentCategory: Record<string, number>;
  byAgeBand: Record<string, number>;
  byEthnicity: Record<string, number>;
  movements: {
    from: string;
    to: string;
    admitted: number;
    readmitted: number;
    exited: number;
    exitedByReason: Record<string, number>;
    transferredIn: number;
    transferredOut: number;
  } | null;
}

/** Every unit of a subtree, dissolved ones included (they held members in the past). */
export async function subtreeUnits(deps: UnitDeps, root: Unit): Promise<Unit[]> {
  const out: Unit[] = [root];
  for (let i = 0; i < out.length; i++) {
    let startKey: PageKey | undefined;
    do {
      const page = await deps.units.listChildren(out[i]!.id, { limit: 200, startKey }, { includeDissolved: true });
      out.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
  }
  return out;
}

const zeroes = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

function add(into: Counters, from: Counters, sign: 1 | -1 = 1) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + sign * v;
}

/**
 * Statistics of a unit's subtree, as of today or any past day, from the counters
 * kept with every member change: one read per unit for today, plus one query per
 * unit for a past day or a period. Members are never read. The tree is taken as
 * it is now: a unit moved into the subtree counts with its whole history.
 */
export async function statisticsReport(
  deps: StatisticsDeps,
  caller: { unitId: string | null },
  unitId: string,
  options: { asOf: string; today: string; period?: { from: string; to: string } },
): Promise<StatisticsReport> {
  const root = await readUnitInScope(deps, caller, unitId);
  const units = await subtreeUnits(deps, root);
  const current = await deps.stats.current(units.map((u) => u.id));
  const sum: Counters = {};
  const flows: Counters = {};
  for (const unit of units) {
    add(sum, current.get(unit.id) ?? {});
    if (options.asOf < options.today) add(sum, await deps.stats.changesAfter(unit.id, options.asOf), -1);
    if (options.period) add(flows, await deps.stats.changesBetween(unit.id, options.period.from, options.period.to));
  }

  const prefixed = (prefix: string, base: Record<string, number>) => {
    const out = { ...base };
    for (const [k, v] of Object.entries(sum)) if (k.startsWith(prefix) && v !== 0) out[k.slice(prefix.length)] = v;
    return out;
  };
  const byAgeBand = zeroes(AGE_BANDS);
  for (const [k, v] of Object.entries(sum)) {
    if (k.startsWith('born:') && v !== 0) {
      const band = ageBand(k.slice(5), options.asOf);
      byAgeBand[band] = (byAgeBand[band] ?? 0) + v;
    }
  }
  const exitedByReason = zeroes(EXIT_REASONS);
  for (const reason of EXIT_REASONS) exitedByReason[reason] = flows[`flow:exited:${reason}`] ?? 0;

  return {
    unitId: root.id,
    unitName: root.name,
    asOf: options.asOf,
    unitsCounted: units.length,
    totals: {
      members: sum.total ?? 0,
      women: sum.women ?? 0,
      partyMembers: sum.party ?? 0,
      suspended: sum.suspended ?? 0,
    },
    byEducation: prefixed('edu:', zeroes(EDUCATION_LEVELS)),
    byPoliticalTheory: prefixed('theory:', zeroes(POLITICAL_THEORY_LEVELS)),
    byEmploymentCategory: prefixed('cat:', zeroes(EMPLOYMENT_CATEGORIES)),
    byAgeBand,
    byEthnicity: prefixed('eth:', {}),
    movements: options.period
      ? {
          ...options.period,
          admitted: flows['flow:admitted'] ?? 0,
          readmitted: flows['flow:readmitted'] ?? 0,
          exited: flows['flow:exited'] ?? 0,
          exitedByReason,
          transferredIn: flows['flow:transferred-in'] ?? 0,
          transferredOut: flows['flow:transferred-out'] ?? 0,
        }
      : null,
  };
}
