import {
  type Agency,
  conflict,
  type createUnitBody,
  type dissolveUnitBody,
  type Unit,
  type UnitLevel,
  type UnitMerger,
  unprocessable,
  type updateUnitBody,
} from '@congdoan/contracts';
import type { z } from 'zod';
import { assertNotFuture } from './member/member.ts';

/**
 * Which level may sit under which (DOMAIN.md, The organisation): national →
 * province → upper → CĐCS; a CĐCS may hold member CĐCS, sections and groups.
 */
export const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  national: [],
  province: ['national'],
  upper: ['province', 'national'],
  grassroots: ['upper', 'province', 'grassroots'],
  section: ['grassroots'],
  group: ['grassroots', 'section'],
};

/** Levels that may stand at the top of a tree (a whole country, or one province on its own). */
export const ROOT_LEVELS: readonly UnitLevel[] = ['national', 'province'];

const LEVEL_VI: Record<UnitLevel, string> = {
  national: 'Tổng Liên đoàn',
  province: 'LĐLĐ tỉnh',
  upper: 'công đoàn cấp trên trực tiếp',
  grassroots: 'công đoàn cơ sở',
  section: 'công đoàn bộ phận',
  group: 'tổ công đoàn',
};

export function assertLevelFits(level: UnitLevel, parent: Pick<Unit, 'level'> | null): void {
  if (parent === null) {
    if (!ROOT_LEVELS.includes(level)) {
      throw unprocessable('unit-needs-parent', {
        vi: `Đơn vị cấp "${LEVEL_VI[level]}" phải thuộc một đơn vị cấp trên (parentId).`,
        en: `A unit of level "${level}" needs a parent (parentId).`,
      });
    }
    return;
  }
  if (!PARENT_LEVELS[level].includes(parent.level)) {
    const allowed = PARENT_LEVELS[level];
    throw unprocessable('unit-level-mismatch', {
      vi: `Đơn vị cấp "${LEVEL_VI[level]}" không thể trực thuộc "${LEVEL_VI[parent.level]}". Cấp trên hợp lệ: ${allowed.map((l) => LEVEL_VI[l]).join(', ') || 'không có (đơn vị gốc)'}.`,
      en: `A "${level}" unit cannot sit under a "${parent.level}" unit. Allowed parents: ${allowed.join(', ') || 'none (a root)'}.`,
    });
  }
}

/** Only a CĐCS sits in an employing agency, and it must name it: bank transfers are matched on its MST. */
function assertAgencyFits(level: UnitLevel, agency: Agency | null | undefined): void {
  if (level === 'grassroots' && !agency) {
    throw unprocessable('grassroots-needs-agency', {
      vi: 'Công đoàn cơ sở phải có cơ quan, đơn vị sử dụng lao động: tên, mã số thuế và loại hình tài chính (agency).',
      en: 'A grassroots union (CĐCS) needs its employing agency: name, tax ID and funding type (agency).',
    });
  }
  if (level !== 'grassroots' && agency) {
    throw unprocessable('agency-only-for-grassroots', {
      vi: 'Chỉ công đoàn cơ sở mới khai báo cơ quan sử dụng lao động (agency).',
      en: 'Only a grassroots union (CĐCS) has an employing agency (agency).',
    });
  }
}

function assertActive(unit: Pick<Unit, 'id' | 'status'>, role: 'unit' | 'parent'): void {
  if (unit.status !== 'active') {
    throw conflict(role === 'unit' ? 'unit-dissolved' : 'parent-dissolved', {
      vi: `${role === 'unit' ? 'Đơn vị' : 'Đơn vị cấp trên'} "${unit.id}" đã giải thể; không thể thay đổi.`,
      en: `${role === 'unit' ? 'Unit' : 'Parent unit'} "${unit.id}" is dissolved and cannot change.`,
    });
  }
}

export type CreateUnitInput = z.infer<typeof createUnitBody>;

export function newUnit(input: CreateUnitInput, parent: Unit | null, id: string, now: Date): Unit {
  if (parent) assertActive(parent, 'parent');
  assertLevelFits(input.level, parent);
  assertAgencyFits(input.level, input.agency);
  if (input.foundedOn !== undefined) assertNotFuture(input.foundedOn, 'foundedOn', now);
  const at = now.toISOString();
  return {
    id,
    code: input.code,
    name: input.name,
    level: input.level,
    parentId: parent?.id ?? null,
    agency: input.agency ?? null,
    status: 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    foundedOn: input.foundedOn ?? null,
    lastMerger: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

/** Applies an edit; returns the new state and the fields that really changed (none: nothing to write). */
export function editUnit(unit: Unit, patch: UpdateUnitInput, now: Date): { unit: Unit; changed: string[] } {
  assertActive(unit, 'unit');
  if (patch.agency !== undefined) assertAgencyFits(unit.level, patch.agency);
  const next: Unit = { ...unit };
  const changed: string[] = [];
  if (patch.code !== undefined && patch.code !== unit.code) {
    next.code = patch.code;
    changed.push('code');
  }
  if (patch.name !== undefined && patch.name !== unit.name) {
    next.name = patch.name;
    changed.push('name');
  }
  if (patch.agency !== undefined && JSON.stringify(patch.agency) !== JSON.stringify(unit.agency)) {
    next.agency = patch.agency;
    changed.push('agency');
  }
  if (patch.foundedOn !== undefined && patch.foundedOn !== (unit.foundedOn ?? null)) {
    assertNotFuture(patch.foundedOn, 'foundedOn', now);
    next.foundedOn = patch.foundedOn;
    changed.push('foundedOn');
  }
  if (changed.length === 0) return { unit, changed };
  return { unit: { ...next, version: unit.version + 1, updatedAt: now.toISOString() }, changed };
}

/**
 * Moves a unit under a new parent. `parentAncestors` are the new parent's
 * ancestors; if the unit is among them, or is the new parent itself, the move
 * would make a cycle.
 */
export function moveUnit(
  unit: Unit,
  newParent: Unit,
  parentAncestors: readonly { id: string }[],
  now: Date,
): { unit: Unit; moved: boolean } {
  assertActive(unit, 'unit');
  assertActive(newParent, 'parent');
  if (newParent.id === unit.id || parentAncestors.some((a) => a.id === unit.id)) {
    throw conflict('unit-move-cycle', {
      vi: `Không thể chuyển đơn vị "${unit.name}" vào "${newParent.name}": "${newParent.name}" nằm trong chính đơn vị này, sẽ tạo vòng lặp.`,
      en: `Cannot move "${unit.name}" under "${newParent.name}": "${newParent.name}" lies inside it, which would make a cycle.`,
    });
  }
  assertLevelFits(unit.level, newParent);
  if (unit.parentId === newParent.id) return { unit, moved: false };
  return {
    unit: { ...unit, parentId: newParent.id, version: unit.version + 1, updatedAt: now.toISOString() },
    moved: true,
  };
}

export type DissolveUnitInput = z.infer<typeof dissolveUnitBody>;

/** Giải thể: refused while members or active child units remain (DOMAIN.md); the unit stays readable. */
export function dissolveUnit(unit: Unit, input: DissolveUnitInput, now: Date): Unit {
  assertActive(unit, 'unit');
  if (unit.childCount > 0) {
    throw conflict('unit-has-children', {
      vi: `Không thể giải thể "${unit.name}": còn ${unit.childCount} đơn vị trực thuộc. Hãy chuyển hoặc giải thể các đơn vị đó trước.`,
      en: `Cannot dissolve "${unit.name}": ${unit.childCount} child unit(s) remain. Move or dissolve them first.`,
    });
  }
  if (unit.memberCount > 0) {
    throw conflict('unit-has-members', {
      vi: `Không thể giải thể "${unit.name}": còn ${unit.memberCount} đoàn viên. Hãy chuyển sinh hoạt hoặc cho ra khỏi tổ chức trước.`,
      en: `Cannot dissolve "${unit.name}": ${unit.memberCount} member(s) remain. Transfer or exit them first.`,
    });
  }
  const at = now.toISOString();
  return {
    ...unit,
    status: 'dissolved',
    dissolution: {
      reason: input.reason,
      decisionNumber: input.decisionNumber ?? null,
      effectiveDate: input.effectiveDate ?? at.slice(0, 10),
    },
    version: unit.version + 1,
    updatedAt: at,
  };
}

/**
 * Sáp nhập, on the absorbing unit: it records the merger (the absorbed unit and the day), kept
 * as its last merger unless one of a later day is already recorded. The absorbing unit must be
 * active (a code of its own, not `unit-dissolved`, which the dissolution job reads as its own
 * earlier run).
 */
export function recordMerger(unit: Unit, merger: UnitMerger, now: Date): Unit {
  if (unit.status !== 'active') {
    throw conflict('merge-target-dissolved', {
      vi: `Đơn vị nhận sáp nhập "${unit.name}" đã giải thể.`,
      en: `The unit merged into, "${unit.name}", is dissolved.`,
    });
  }
  const last = unit.lastMerger ?? null;
  return {
    ...unit,
    lastMerger: last && last.date > merger.date ? last : merger,
    version: unit.version + 1,
    updatedAt: now.toISOString(),
  };
}
