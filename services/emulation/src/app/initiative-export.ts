import { DomainError, type FileDownload, type Initiative, notFound, XLSX_CONTENT_TYPE } from '@congdoan/contracts';
import { initiativeWorkbook, type PortalRow } from '../files/initiative-xlsx.ts';
import type { MovementDeps } from './movement-ports.ts';
import type { NominationDeps } from './nomination-ports.ts';
import type { CallerScope, Members } from './ports.ts';

type Deps = Pick<MovementDeps, 'units'> & Pick<NominationDeps, 'initiatives'> & { members: Members };

const PAGE = 200;

/** `2026-12-05` → `05/12/2026`. */
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** How many units' initiatives are read at once. */
const AT_ONCE = 10;

/** A unit's accepted initiatives by the day applied, every page. */
async function acceptedOf(deps: Pick<Deps, 'initiatives'>, unitId: string) {
  const found: Initiative[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.initiatives.listOfUnit(unitId, 'accepted', { limit: PAGE, cursor });
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

/** Every accepted initiative of the unit and the units below it, parents first, each unit's by the day applied. */
export async function acceptedInSubtree(deps: Pick<Deps, 'units' | 'initiatives'>, unitId: string) {
  const units = await deps.units.subtree(unitId);
  const found: Initiative[] = [];
  for (let i = 0; i < units.length; i += AT_ONCE)
    for (const each of await Promise.all(units.slice(i, i + AT_ONCE).map((u) => acceptedOf(deps, u))))
      found.push(...each);
  return found;
}

/**
 * The accepted initiatives of a unit's subtree in the national "1 triệu sáng kiến" portal's
 * layout (`files/initiative-xlsx.ts`), all, or only those not sent yet (`sent: 'false'`) or sent.
 */
export async function exportInitiatives(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  query: { sent?: 'true' | 'false' | undefined },
  now: Date,
): Promise<FileDownload> {
  await deps.units.assertInScope(caller, unitId);
  const unitName = await deps.units.nameOf(unitId);
  if (!unitName) throw notFound({ vi: 'đơn vị', en: 'unit' }, unitId);
  const wanted =
    query.sent === undefined ? () => true : (i: Initiative) => (i.sent !== null) === (query.sent === 'true');
  const initiatives = (await acceptedInSubtree(deps, unitId)).filter(wanted);
  const names = new Map<string, string>();
  const nameOf = async (memberId: string) => {
    if (!names.has(memberId)) {
      // The initiative is in the caller's subtree; an author who has moved since is named all the same,
      // and one the directory no longer knows by their id.
      const member = await deps.members.get({ unitId: null }, memberId).catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === 'not-found') return undefined;
        throw error;
      });
      names.set(memberId, member?.fullName ?? memberId);
    }
    return names.get(memberId)!;
  };
  const unitNames = new Map<string, string>();
  const rows: PortalRow[] = [];
  for (const i of initiatives) {
    if (!i.accepted) continue;
    if (!unitNames.has(i.unitId)) unitNames.set(i.unitId, (await deps.units.nameOf(i.unitId)) ?? i.unitId);
    const authors: string[] = [];
    for (const a of i.authors) authors.push(`${await nameOf(a.memberId)} (${a.sharePercent}%)`);
    rows.push({
      id: i.id,
      title: i.title,
      authors: authors.join('; '),
      unitName: unitNames.get(i.unitId)!,
      field: i.field,
      description: i.description,
      appliedOn: vnDate(i.appliedOn),
      benefitDong: i.benefit.kind === 'value' ? i.benefit.dong : null,
      benefitText: i.benefit.kind === 'description' ? i.benefit.text : null,
      scope: i.accepted.scope,
      recognitionNumber: i.accepted.number,
      recognitionDate: vnDate(i.accepted.date),
      sentOn: i.sent ? vnDate(i.sent.on) : null,
      reference: i.sent?.reference ?? null,
    });
  }
  const bytes = await initiativeWorkbook(rows, { name: unitName }, now);
  const suffix = query.sent === 'false' ? '-chua-gui' : query.sent === 'true' ? '-da-gui' : '';
  return {
    filename: `sang-kien-${now.toISOString().slice(0, 10)}${suffix}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    size: bytes.length,
    base64: bytes.toString('base64'),
  };
}
