import { type CommitteeTerm, conflict, notFound, type OfficerAppointment, type Unit } from '@congdoan/contracts';
import { ancestorsOf, isInScope } from '@congdoan/org-directory';
import type { CommitteeDeps } from './ports.ts';

const TERM = { vi: 'nhiệm kỳ', en: 'committee term' };
const APPOINTMENT = { vi: 'quyết định bổ nhiệm', en: 'appointment' };

/** A term the caller may see: its unit lies in the caller's subtree, else 404 so existence does not leak. */
export async function readTermInScope(
  deps: CommitteeDeps,
  caller: { unitId: string | null },
  id: string,
): Promise<CommitteeTerm> {
  const term = await deps.committees.getTerm(id);
  if (!term || !(await isInScope(deps.units, caller.unitId, term.unitId))) throw notFound(TERM, id);
  return term;
}

/**
 * A term the caller may see, with its unit and the unit's chain (the unit, then
 * its ancestors up to the root). One walk up the tree serves both the scope check
 * and the rule on where officers come from.
 */
export async function readTermWithChain(
  deps: CommitteeDeps,
  caller: { unitId: string | null },
  id: string,
): Promise<{ term: CommitteeTerm; unit: Unit; chain: string[] }> {
  const term = await deps.committees.getTerm(id);
  const unit = term ? await deps.units.get(term.unitId) : undefined;
  if (!term || !unit) throw notFound(TERM, id);
  const chain = [unit.id, ...(await ancestorsOf(deps.units, unit.id)).map((u) => u.id)];
  if (caller.unitId !== null && !chain.includes(caller.unitId)) throw notFound(TERM, id);
  return { term, unit, chain };
}

export async function readAppointmentInScope(
  deps: CommitteeDeps,
  caller: { unitId: string | null },
  id: string,
): Promise<OfficerAppointment> {
  const appointment = await deps.committees.getAppointment(id);
  if (!appointment || !(await isInScope(deps.units, caller.unitId, appointment.unitId))) {
    throw notFound(APPOINTMENT, id);
  }
  return appointment;
}

/** A dissolved unit keeps its history but takes no new terms or officers (409 `unit-not-active`). */
export function assertUnitActive(unit: Unit): void {
  if (unit.status === 'active') return;
  throw conflict('unit-not-active', {
    vi: `Đơn vị "${unit.name}" đã giải thể: không thể ghi thêm nhiệm kỳ hoặc bổ nhiệm mới; lịch sử vẫn được giữ để tra cứu.`,
    en: `Unit "${unit.name}" is dissolved: it takes no new terms or appointments; its history stays readable.`,
  });
}
