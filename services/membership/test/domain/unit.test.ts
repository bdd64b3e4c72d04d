import type { Unit } from '@congdoan/contracts';
import { describe, expect, it } from 'vitest';
import { assertLevelFits, dissolveUnit, editUnit, moveUnit, newUnit } from '../../src/domain/unit.ts';

const now = new Date('2026-11-22T03:00:00Z');
const agency = {
  name: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Giang',
  taxId: '2400123456',
  fundingType: 'state-budget-partial' as const,
};

function unit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: 'u1',
    code: 'CD-1',
    name: 'Unit',
    level: 'upper',
    parentId: 'p',
    agency: null,
    status: 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('organisation levels', () => {
  it('lets a CĐCS sit under an upper-level union or another CĐCS, not under a section', () => {
    expect(() => assertLevelFits('grassroots', unit({ level: 'upper' }))).not.toThrow();
    expect(() => assertLevelFits('grassroots', unit({ level: 'grassroots' }))).not.toThrow();
    expect(codeOf(() => assertLevelFits('grassroots', unit({ level: 'section' })))).toBe('unit-level-mismatch');
  });

  it('allows only national or provincial units at the root', () => {
    expect(() => assertLevelFits('national', null)).not.toThrow();
    expect(() => assertLevelFits('province', null)).not.toThrow();
    expect(codeOf(() => assertLevelFits('upper', null))).toBe('unit-needs-parent');
  });

  it('refuses a national unit under anything', () => {
    expect(codeOf(() => assertLevelFits('national', unit({ level: 'province' })))).toBe('unit-level-mismatch');
  });
});

describe('creating a unit', () => {
  it('requires a CĐCS to name its employing agency, and refuses an agency elsewhere', () => {
    const parent = unit({ level: 'upper' });
    expect(codeOf(() => newUnit({ code: 'X1', name: 'X', level: 'grassroots' }, parent, 'n', now))).toBe(
      'grassroots-needs-agency',
    );
    expect(
      codeOf(() => newUnit({ code: 'X1', name: 'X', level: 'upper', agency }, unit({ level: 'province' }), 'n', now)),
    ).toBe('agency-only-for-grassroots');
    const created = newUnit({ code: 'X1', name: 'X', level: 'grassroots', agency }, parent, 'n', now);
    expect(created).toMatchObject({ id: 'n', parentId: 'u1', status: 'active', version: 1, agency, childCount: 0 });
  });

  it('refuses a parent that is dissolved', () => {
    const parent = unit({ level: 'upper', status: 'dissolved' });
    expect(codeOf(() => newUnit({ code: 'X1', name: 'X', level: 'grassroots', agency }, parent, 'n', now))).toBe(
      'parent-dissolved',
    );
  });
});

describe('editing a unit', () => {
  it('bumps the version and lists only the fields that changed', () => {
    const result = editUnit(unit(), { name: 'New name', code: 'CD-1' }, now);
    expect(result.changed).toEqual(['name']);
    expect(result.unit.version).toBe(2);
  });

  it('changes nothing when nothing differs', () => {
    const before = unit();
    expect(editUnit(before, { name: before.name }, now)).toEqual({ unit: before, changed: [] });
  });
});

describe('moving a unit', () => {
  it('refuses to move a unit under itself or under one of its descendants', () => {
    const a = unit({ id: 'a', level: 'grassroots', agency });
    expect(codeOf(() => moveUnit(a, a, [], now))).toBe('unit-move-cycle');
    const descendant = unit({ id: 'd', level: 'grassroots', parentId: 'a', agency });
    expect(codeOf(() => moveUnit(a, descendant, [{ id: 'a' }, { id: 'root' }], now))).toBe('unit-move-cycle');
  });

  it('moves to another parent and bumps the version', () => {
    const a = unit({ id: 'a', level: 'grassroots', parentId: 'p1', agency });
    const p2 = unit({ id: 'p2', level: 'upper' });
    expect(moveUnit(a, p2, [{ id: 'root' }], now)).toMatchObject({ moved: true, unit: { parentId: 'p2', version: 2 } });
  });

  it('treats a move to the current parent as done', () => {
    const a = unit({ id: 'a', level: 'grassroots', parentId: 'p1', agency });
    expect(moveUnit(a, unit({ id: 'p1', level: 'upper' }), [], now)).toEqual({ unit: a, moved: false });
  });
});

describe('dissolving a unit', () => {
  it('is refused while child units or members remain', () => {
    expect(codeOf(() => dissolveUnit(unit({ childCount: 2 }), { reason: 'KL 157' }, now))).toBe('unit-has-children');
    expect(codeOf(() => dissolveUnit(unit({ memberCount: 7 }), { reason: 'KL 157' }, now))).toBe('unit-has-members');
  });

  it('records the reason, decision and date, and is refused a second time', () => {
    const dissolved = dissolveUnit(
      unit(),
      { reason: 'Kết luận 157-KL/TW', decisionNumber: '12/QĐ', effectiveDate: '2025-06-30' },
      now,
    );
    expect(dissolved).toMatchObject({
      status: 'dissolved',
      version: 2,
      dissolution: { reason: 'Kết luận 157-KL/TW', decisionNumber: '12/QĐ', effectiveDate: '2025-06-30' },
    });
    expect(codeOf(() => dissolveUnit(dissolved, { reason: 'again' }, now))).toBe('unit-dissolved');
  });
});
