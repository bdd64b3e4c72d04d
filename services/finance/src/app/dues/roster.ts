import type { WriteContext } from '@congdoan/ddb';
import type { DirectoryUnit } from '@congdoan/org-directory';
import type { RosterChange } from '../../domain/roster/history.ts';
import type { ApplyOutcome, DuesDeps } from './ports.ts';

/** Deeper than any real tree; guards against a corrupt cycle. */
const MAX_DEPTH = 16;

/**
 * The unit a member pays dues to: the CĐCS itself, or for a member of a
 * section (công đoàn bộ phận) or group (tổ công đoàn), the CĐCS above it. A unit
 * finance's directory has not heard of yet is an error, so the event is
 * retried once the unit's own event has arrived.
 */
export async function duesUnitOf(
  directory: { getUnit(id: string): Promise<DirectoryUnit | undefined> },
  unitId: string,
): Promise<string> {
  let id: string | null = unitId;
  for (let depth = 0; id !== null && depth < MAX_DEPTH; depth++) {
    const unit = await directory.getUnit(id);
    if (!unit) throw new Error(`unit ${id} is not in finance's organisation directory yet`);
    if (unit.level !== 'section' && unit.level !== 'group') return unit.id;
    id = unit.parentId;
  }
  throw new Error(`no grassroots union above unit ${unitId}`);
}

/** Records one member change on the roster of the CĐCS the member pays dues to. */
export async function recordMemberChange(
  deps: Pick<DuesDeps, 'roster' | 'directory'>,
  change: RosterChange,
  ctx: WriteContext,
): Promise<ApplyOutcome> {
  const unitId = await duesUnitOf(deps.directory, change.unitId);
  return deps.roster.apply({ ...change, unitId }, ctx);
}
