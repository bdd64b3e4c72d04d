import {
  type Award,
  type DirectoryMember,
  DomainError,
  type FileDownload,
  type Honour,
  type MemberHonours,
  type UnitStatistics,
  XLSX_CONTENT_TYPE,
} from '@congdoan/contracts';
import { statisticsPeriodInvalid } from '../domain/errors.ts';
import { buildStatistics, sumCounters, titleOfAward } from '../domain/honours.ts';
import { EMPTY_TOTALS, sumTotals } from '../domain/movement.ts';
import { statisticsWorkbook } from '../files/statistics-xlsx.ts';
import type { HonoursDeps } from './honours-ports.ts';
import type { MovementDeps } from './movement-ports.ts';
import type { AwardStore } from './nomination-ports.ts';
import type { CallerScope, Members } from './ports.ts';

type Deps = Pick<MovementDeps, 'units' | 'registrations'> & HonoursDeps & { members: Members; awards: AwardStore };

/** An award as a roll shows it: its title as the catalogue of its decision date names it, and who holds it. */
function honourOf(award: Award, recipientName: string | null): Honour {
  const t = titleOfAward(award.titleCode, award.decision.date);
  return {
    ...award,
    title: t ? { name: t.name, kind: t.kind, level: t.level, subject: t.subject } : null,
    recipientName,
  };
}

const isNotFound = (e: unknown) => e instanceof DomainError && e.kind === 'not-found';

/**
 * A member's honour roll: every award over their career, in whichever unit they were then. A
 * caller whose subtree holds the member sees it all; one whose subtree holds only some of the
 * units the member was awarded in sees those awards; anyone else gets the 404 of a missing member.
 */
export async function memberHonours(deps: Deps, caller: CallerScope, memberId: string): Promise<MemberHonours> {
  const recipient = { kind: 'member' as const, memberId };
  let member: DirectoryMember;
  try {
    member = await deps.members.get(caller, memberId);
  } catch (missing) {
    if (!isNotFound(missing) || caller.unitId === null) throw missing;
    const scope = caller.unitId;
    const found = await deps.members.get({ unitId: null }, memberId).catch((e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (!found) throw missing;
    const awards = await deps.awards.ofRecipient(recipient);
    const inScope: Award[] = [];
    for (const a of awards) if (await deps.units.isWithin(scope, a.unitId)) inScope.push(a);
    // Nothing of theirs in the caller's subtree: the same answer as a member who does not exist.
    if (inScope.length === 0) throw missing;
    return {
      memberId,
      fullName: found.fullName,
      scope: 'units-in-scope',
      items: inScope.map((a) => honourOf(a, found.fullName)),
    };
  }
  const awards = await deps.awards.ofRecipient(recipient);
  return { memberId, fullName: member.fullName, scope: 'all', items: awards.map((a) => honourOf(a, member.fullName)) };
}

/**
 * A unit's honour roll: its own awards (collective) and its members' while in it, by year, a
 * page at a time. The names of the members on the page are read from the member directory.
 */
export async function unitHonours(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  query: { year?: number; limit: number; cursor?: string },
): Promise<{ items: Honour[]; nextCursor: string | null }> {
  await deps.units.assertInScope(caller, unitId);
  const page = await deps.honourRolls.ofUnit(unitId, query.year, { limit: query.limit, cursor: query.cursor });
  const memberIds = [
    ...new Set(page.items.flatMap((a) => (a.recipient.kind === 'member' ? [a.recipient.memberId] : []))),
  ];
  const names = new Map(
    await Promise.all(
      memberIds.map(async (id): Promise<[string, string | null]> => {
        // Awarded while in this unit, in the caller's subtree: named wherever they are now.
        const m = await deps.members.get({ unitId: null }, id).catch((e: unknown) => {
          if (isNotFound(e)) return undefined;
          throw e;
        });
        return [id, m?.fullName ?? null];
      }),
    ),
  );
  return {
    items: page.items.map((a) =>
      honourOf(a, a.recipient.kind === 'member' ? (names.get(a.recipient.memberId) ?? null) : a.unitName),
    ),
    nextCursor: page.nextCursor,
  };
}

/**
 * A unit subtree's statistics of a year (or of years `from` to `year`): from the counters kept
 * per unit subtree and year and the registration totals, never the awards, initiatives or
 * registrations themselves. Reads: the scope check, two Queries for the unit, and two per active
 * unit directly below it.
 */
export async function unitStatistics(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  year: number,
  from: number = year,
): Promise<UnitStatistics> {
  await deps.units.assertInScope(caller, unitId);
  if (from > year) throw statisticsPeriodInvalid(from, year);
  const subtree = async (id: string) => {
    const [counters, totals] = await Promise.all([
      deps.stats.of(id, from, year),
      deps.registrations.totals(id, from, year, null),
    ]);
    return { counters: sumCounters(counters), registrations: sumTotals(totals.map((t) => t.totals)) };
  };
  const [name, own, children] = await Promise.all([
    deps.units.nameOf(unitId),
    subtree(unitId),
    deps.units.childrenOf(unitId),
  ]);
  const rows = await Promise.all(children.map(async (c) => ({ ...c, ...(await subtree(c.id)) })));
  return buildStatistics({
    unit: { id: unitId, name: name ?? unitId },
    from,
    to: year,
    counters: own.counters,
    registrations: own.registrations ?? EMPTY_TOTALS,
    children: rows,
  });
}

/** The same statistics as an .xlsx (báo cáo thống kê thi đua, khen thưởng), base64 in JSON. */
export async function unitStatisticsExport(
  deps: Deps,
  caller: CallerScope,
  unitId: string,
  year: number,
  from: number = year,
): Promise<FileDownload> {
  const statistics = await unitStatistics(deps, caller, unitId, year, from);
  const bytes = await statisticsWorkbook(statistics);
  const period = from === year ? `${year}` : `${from}-${year}`;
  return {
    filename: `thong-ke-thi-dua-khen-thuong-${unitId}-${period}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    size: bytes.length,
    base64: bytes.toString('base64'),
  };
}
