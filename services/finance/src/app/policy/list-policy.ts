import { POLICY_PARAMETERS, type PolicyParameter, type PolicyVersionView } from '@congdoan/contracts';
import { versionRanges } from '../../domain/policy/policy.ts';
import type { PolicyStore } from './ports.ts';

const ORDER = new Map<string, number>(POLICY_PARAMETERS.map((p, i) => [p, i]));

/** Every version of every rule (or of one), with its source, certainty and the days it governs. */
export async function listPolicyVersions(
  store: PolicyStore,
  parameter?: PolicyParameter,
): Promise<PolicyVersionView[]> {
  const records = await store.list();
  const ranges = versionRanges(records);
  return records
    .map((record, position) => ({ record, position }))
    .filter(({ record }) => !parameter || record.parameter === parameter)
    .sort(
      (a, b) =>
        ORDER.get(a.record.parameter)! - ORDER.get(b.record.parameter)! ||
        a.record.effectiveFrom.localeCompare(b.record.effectiveFrom) ||
        a.position - b.position,
    )
    .map(({ record }) => {
      const { id, parameter: p, appliesTo, effectiveFrom, value, source, certainty, note, origin } = record;
      const range = ranges.get(id) ?? { effectiveUntil: null };
      return {
        id,
        parameter: p,
        appliesTo,
        effectiveFrom,
        ...range,
        value,
        source,
        certainty,
        ...(note ? { note } : {}),
        origin,
        ...(record.addedBy ? { addedBy: record.addedBy } : {}),
        ...(record.addedAt ? { addedAt: record.addedAt } : {}),
      };
    });
}
