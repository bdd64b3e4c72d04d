import type { EventData, UnitMerged } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { MergedUnit } from '../domain/eligibility/facts.ts';
import type { Units } from './movement-ports.ts';
import type { SubjectRecords } from './ports.ts';

/** One merger (sáp nhập): `absorbedUnitId` was merged into `unitId` on `date`. */
export interface UnitMerger {
  unitId: string;
  absorbedUnitId: string;
  date: string;
}

/** Every merger into each unit, kept from membership's `UnitMerged`: all of them, not only the last. */
export interface UnitMergers {
  /**
   * Keeps the merger once: a unit is absorbed once, so a redelivered or duplicate event is
   * `duplicate`; mergers into different units are separate records, so any order of delivery
   * gives the same history.
   */
  record(merger: UnitMerger, ctx: WriteContext): Promise<'applied' | 'duplicate'>;
  /** The mergers into a unit, read consistently. */
  into(unitId: string): Promise<UnitMerger[]>;
}

/** Membership's `UnitMerged` (`unit` is the absorbing unit), as emulation keeps it. */
export const mergerOf = (data: EventData<typeof UnitMerged>): UnitMerger => ({
  unitId: data.unit.id,
  absorbedUnitId: data.absorbedUnitId,
  date: data.date,
});

/** Membership's `UnitMerged`, kept in the absorbing unit's merger history for eligibility. */
export function recordUnitMerger(
  deps: { mergers: UnitMergers },
  data: EventData<typeof UnitMerged>,
  ctx: WriteContext,
) {
  return deps.mergers.record(mergerOf(data), ctx);
}

/**
 * The units merged into `unitId` through as many mergers as happened (a unit merged into one
 * later merged into it, and so on), each with the earliest merger day on its way to `unitId`
 * (its titles count for years begun before it) and its own discipline decisions.
 */
export async function mergedInto(
  deps: { mergers: UnitMergers; subjects: SubjectRecords; units: Pick<Units, 'nameOf'> },
  unitId: string,
): Promise<MergedUnit[]> {
  const lineage: MergedUnit[] = [];
  const seen = new Set([unitId]);
  let level: { unitId: string; countsBefore: string | null }[] = [{ unitId, countsBefore: null }];
  while (level.length > 0) {
    const found = await Promise.all(
      level.map(async (into) => ({ into, mergers: await deps.mergers.into(into.unitId) })),
    );
    const next: MergedUnit[] = [];
    for (const { into, mergers } of found) {
      for (const m of mergers.sort((a, b) => a.date.localeCompare(b.date))) {
        if (seen.has(m.absorbedUnitId)) continue;
        seen.add(m.absorbedUnitId);
        const countsBefore = into.countsBefore !== null && into.countsBefore < m.date ? into.countsBefore : m.date;
        const intoName = into.unitId === unitId ? null : into.unitId;
        next.push({
          unitId: m.absorbedUnitId,
          unitName: m.absorbedUnitId,
          mergedOn: m.date,
          into: intoName === null ? null : { unitId: intoName, unitName: intoName },
          countsBefore,
          disciplines: [],
        });
      }
    }
    // Names from the organisation directory (a merged unit stays in it, dissolved), and discipline.
    const filled = await Promise.all(
      next.map(async (m) => {
        const [name, intoName, records] = await Promise.all([
          deps.units.nameOf(m.unitId),
          m.into ? deps.units.nameOf(m.into.unitId) : undefined,
          deps.subjects.of({ kind: 'unit', unitId: m.unitId }),
        ]);
        return {
          ...m,
          unitName: name ?? m.unitId,
          into: m.into && { unitId: m.into.unitId, unitName: intoName ?? m.into.unitId },
          disciplines: records.disciplines,
        };
      }),
    );
    lineage.push(...filled);
    level = filled.map((m) => ({ unitId: m.unitId, countsBefore: m.countsBefore }));
  }
  return lineage;
}
