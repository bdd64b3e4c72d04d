import { DomainError, type Unit } from '@congdoan/contracts';
import { retryOnConflict } from '@congdoan/ddb';
import { type CreateUnitInput, newUnit } from '../../domain/unit.ts';
import type { Caller, UnitDeps } from './deps.ts';
import { readUnitInScope } from './read-unit.ts';

export async function createUnit(deps: UnitDeps, caller: Caller, input: CreateUnitInput): Promise<Unit> {
  const id = caller.write.newId();
  return retryOnConflict(async () => {
    const parentId = input.parentId ?? null;
    if (parentId === null && caller.unitId !== null) {
      throw new DomainError(
        'forbidden',
        'root-needs-whole-tree',
        { vi: 'Không đủ quyền', en: 'Forbidden' },
        {
          vi: 'Chỉ người được giao toàn bộ hệ thống mới tạo được đơn vị gốc. Hãy chọn đơn vị cấp trên (parentId).',
          en: 'Only a caller granted the whole tree may create a root unit. Choose a parent (parentId).',
        },
      );
    }
    const parent = parentId === null ? null : await readUnitInScope(deps, caller, parentId);
    const unit = newUnit(input, parent, id, caller.write.now());
    await deps.units.create(unit, parent, caller.write);
    return unit;
  });
}
