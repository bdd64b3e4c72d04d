import { type AddPolicyVersionInput, DomainError, type PolicyVersionView } from '@congdoan/contracts';
import type { WriteContext } from '@congdoan/ddb';
import type { UnitLookup } from '@congdoan/org-directory';
import type { PolicyStore } from './ports.ts';

export interface AddVersionDeps {
  policies: PolicyStore;
  directory: UnitLookup;
}

/**
 * The rules hold for the whole organisation, so only an administrator of the whole tree
 * (unit `*`) or of its top unit may add a version; an administrator of a branch gets 403.
 */
async function assertWholeTreeAdmin(directory: UnitLookup, caller: { unitId: string | null }): Promise<void> {
  if (caller.unitId === null) return;
  const unit = await directory.getNode(caller.unitId);
  if (unit && unit.parentId === null) return;
  throw new DomainError(
    'forbidden',
    'policy-admin-scope',
    { vi: 'Không đủ quyền', en: 'Forbidden' },
    {
      vi: 'Chỉ quản trị viên của toàn hệ thống hoặc của đơn vị cấp cao nhất mới được thêm phiên bản quy định tài chính.',
      en: 'Only an administrator of the whole tree or of its top unit may add a finance policy version.',
    },
  );
}

/**
 * Appends an administrator's version of a rule. Append-only: it must take effect after
 * the latest version of the same rule for every funding type it covers, so periods
 * already governed keep their rules (409 otherwise); it names its source; it is audited.
 */
export async function addPolicyVersion(
  deps: AddVersionDeps,
  caller: { unitId: string | null },
  input: AddPolicyVersionInput,
  ctx: WriteContext,
): Promise<PolicyVersionView> {
  await assertWholeTreeAdmin(deps.directory, caller);
  const record = await deps.policies.addVersion(input, ctx);
  const { id, parameter, appliesTo, effectiveFrom, value, source, certainty, note, origin, addedBy, addedAt } = record;
  return {
    id,
    parameter,
    appliesTo,
    effectiveFrom,
    // The latest version of its rule: in force until a later one is added.
    effectiveUntil: null,
    value,
    source,
    certainty,
    ...(note ? { note } : {}),
    origin,
    ...(addedBy ? { addedBy } : {}),
    ...(addedAt ? { addedAt } : {}),
  };
}
