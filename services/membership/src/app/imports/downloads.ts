/** Files a user downloads: the import template and a unit's member list. */
import {
  type FileDownload,
  type MemberState,
  type MemberStatus,
  type Role,
  XLSX_CONTENT_TYPE,
} from '@congdoan/contracts';
import { vietnameseSortKey } from '../../domain/member/names.ts';
import { exportMembersXlsx } from '../../files/export.ts';
import { memberImportTemplate } from '../../files/template.ts';
import type { MemberDeps } from '../members/deps.ts';
import { memberView } from '../members/masking.ts';
import type { PageKey } from '../ports.ts';
import { readUnitInScope } from '../units/read-unit.ts';

/** A unit's current members: applicants, active and suspended (exited and rejected records are history). */
export const CURRENT_STATUSES: readonly MemberStatus[] = ['applicant', 'active', 'suspended'];
/** Members read per Query while exporting. */
const EXPORT_PAGE = 500;

export const download = (filename: string, bytes: Buffer, contentType = XLSX_CONTENT_TYPE): FileDownload => ({
  filename,
  contentType,
  size: bytes.length,
  base64: bytes.toString('base64'),
});

let template: Promise<Buffer> | undefined;

/** The template, built once per process (it never changes within a deployment). */
export async function importTemplate(): Promise<FileDownload> {
  if (!template) {
    template = memberImportTemplate();
    template.catch(() => {
      template = undefined;
    });
  }
  return download('mau-danh-sach-doan-vien.xlsx', await template);
}

/**
 * The unit's members as .xlsx, in Vietnamese name order, each masked for the caller's
 * role (CCCD and salary), in the layout the import reads back.
 */
export async function exportUnitMembers(
  deps: MemberDeps,
  caller: { unitId: string | null; roles: readonly Role[] },
  unitId: string,
  options: { status?: MemberStatus; now: Date },
): Promise<FileDownload> {
  const unit = await readUnitInScope(deps, caller, unitId);
  const members: MemberState[] = [];
  for (const status of options.status ? [options.status] : CURRENT_STATUSES) {
    let startKey: PageKey | undefined;
    do {
      const page = await deps.members.listByUnit(unitId, { status }, { limit: EXPORT_PAGE, startKey });
      members.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
  }
  const keyed = members.map((m) => ({ m, key: vietnameseSortKey(m.fullName) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0));
  const generatedAt = options.now.toISOString();
  const bytes = await exportMembersXlsx(
    keyed.map(({ m }) => memberView(m, caller)),
    { unitName: unit.name, generatedAt },
  );
  const day = generatedAt.slice(0, 10).replaceAll('-', '');
  return download(`danh-sach-doan-vien-${unit.code}-${day}.xlsx`, bytes);
}
