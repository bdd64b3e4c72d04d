import { counters } from '../../domain/member-counters.ts';
import type { MemberStore } from '../member-ports.ts';
import type { PageKey } from '../ports.ts';
import type { Caller } from '../units/deps.ts';
import { readUnitInScope } from '../units/read-unit.ts';
import type { Counters } from './ports.ts';
import { type StatisticsDeps, subtreeUnits } from './report.ts';

export interface Drift {
  unitId: string;
  unitCode: string;
  /** recount − stored, per counter that differs. */
  delta: Counters;
}

/**
 * Recounts every unit's counters of a subtree from its members and reports any
 * drift from the stored ones; with `repair`, writes the difference (audited).
 */
export async function rebuildStatistics(
  deps: StatisticsDeps & { members: MemberStore },
  caller: Caller,
  unitId: string,
  options: { repair: boolean },
): Promise<{ unitsChecked: number; membersCounted: number; drift: Drift[] }> {
  const root = await readUnitInScope(deps, caller, unitId);
  const units = await subtreeUnits(deps, root);
  const stored = await deps.stats.current(units.map((u) => u.id));
  const drift: Drift[] = [];
  let membersCounted = 0;
  for (const unit of units) {
    const recount: Counters = {};
    let startKey: PageKey | undefined;
    do {
      const page = await deps.members.listByUnit(unit.id, {}, { limit: 200, startKey });
      for (const m of page.items) {
        const c = counters(m);
        if (c.total) membersCounted++;
        for (const [k, v] of Object.entries(c)) recount[k] = (recount[k] ?? 0) + v;
      }
      startKey = page.lastKey;
    } while (startKey);
    const have = stored.get(unit.id) ?? {};
    const delta: Counters = {};
    for (const k of new Set([...Object.keys(recount), ...Object.keys(have)])) {
      const d = (recount[k] ?? 0) - (have[k] ?? 0);
      if (d !== 0) delta[k] = d;
    }
    if (Object.keys(delta).length > 0) {
      drift.push({ unitId: unit.id, unitCode: unit.code, delta });
      if (options.repair) await deps.stats.correct(unit.id, delta, caller.write);
    }
  }
  return { unitsChecked: units.length, membersCounted, drift };
}
