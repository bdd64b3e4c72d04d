import { type FileDownload, XLSX_CONTENT_TYPE } from '@congdoan/contracts';
import { disclosureXlsx } from '../../files/disclosure-xlsx.ts';
import { disclosure } from './disclosure.ts';
import type { ReportCaller, ReportDeps } from './ports.ts';

/**
 * The disclosure as an .xlsx (biểu công khai tài chính), base64 in JSON like every
 * download (http-kit answers JSON only). Same readers and figures as the JSON.
 */
export async function disclosureWorkbook(
  deps: ReportDeps,
  caller: ReportCaller,
  unitId: string,
  year: number,
  now: Date,
): Promise<FileDownload> {
  const report = await disclosure(deps, caller, unitId, year, now);
  const upper = report.unit.parentId ? await deps.profiles.get(report.unit.parentId) : undefined;
  const bytes = await disclosureXlsx(report, { upperName: upper?.name ?? null });
  return {
    filename: `cong-khai-tai-chinh-${report.unit.code}-${year}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    size: bytes.length,
    base64: bytes.toString('base64'),
  };
}
