import type { Db } from '@congdoan/ddb';
import { createMemberDirectory } from '@congdoan/member-directory';
import { activeChildrenOf, type DirectoryUnit, directoryLookup } from '@congdoan/org-directory';
import type { GrassrootsUnit, Roster } from '../app/report-ports.ts';

/** Levels that hold CĐCS below them; a CĐCS's own sections and groups are not walked. */
const ABOVE_GRASSROOTS = new Set<DirectoryUnit['level']>(['national', 'province', 'upper']);

const labelled = (u: DirectoryUnit): GrassrootsUnit => ({ id: u.id, code: u.code, name: u.name, parentId: u.parentId });

/**
 * The `Roster` port over the directories in inspection's table. The subtree is walked level by
 * level on the organisation directory's children index (one Query per unit above the CĐCS);
 * members are counted on the member directory's per-unit index of latest unit and status,
 * reading at most `atMost` of them.
 */
export function createRoster(db: Db): Roster {
  const units = directoryLookup(db);
  const members = createMemberDirectory(db);
  return {
    async unit(unitId) {
      const found = await units.getUnit(unitId);
      return found && labelled(found);
    },
    async grassrootsIn(unitId) {
      const root = await units.getUnit(unitId);
      if (root?.status !== 'active') return [];
      if (root.level === 'grassroots') return [labelled(root)];
      if (!ABOVE_GRASSROOTS.has(root.level)) return [];
      const found: GrassrootsUnit[] = [];
      let level = [root];
      while (level.length > 0) {
        const children = (await Promise.all(level.map((u) => activeChildrenOf(db, u.id)))).flat();
        found.push(...children.filter((c) => c.level === 'grassroots').map(labelled));
        level = children.filter((c) => ABOVE_GRASSROOTS.has(c.level));
      }
      return found;
    },
    async activeMembersUpTo(unitId, atMost) {
      let counted = 0;
      let cursor: string | undefined;
      do {
        const page = await members.membersOfUnit(unitId, { status: 'active', limit: atMost - counted, cursor });
        counted += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && counted < atMost);
      return counted;
    },
  };
}
