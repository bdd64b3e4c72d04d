import type { WriteContext } from '@congdoan/ddb';
import type { PageKey } from '../ports.ts';
import type { UnitDeps } from './deps.ts';

export interface CounterDrift {
  unitId: string;
  code: string;
  stored: number;
  actual: number;
}

/**
 * Recounts each active unit's active children against the stored counter that
 * dissolution relies on, and repairs any drift (each repair is audited).
 * Counters change in the same transactions as the tree, so drift means a bug or
 * a manual edit; the report says which units.
 */
export async function checkUnitCounters(
  deps: UnitDeps,
  write: WriteContext,
): Promise<{ checked: number; drift: CounterDrift[] }> {
  const drift: CounterDrift[] = [];
  let checked = 0;
  let startKey: PageKey | undefined;
  do {
    const page = await deps.units.listAll({ limit: 100, startKey });
    for (const unit of page.items) {
      if (unit.status !== 'active') continue;
      checked++;
      const actual = await deps.units.countActiveChildren(unit.id);
      if (actual !== unit.childCount) {
        drift.push({ unitId: unit.id, code: unit.code, stored: unit.childCount, actual });
        await deps.units.repairChildCount(unit, actual, write);
      }
    }
    startKey = page.lastKey;
  } while (startKey);
  return { checked, drift };
}
