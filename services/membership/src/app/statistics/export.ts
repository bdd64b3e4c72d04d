import type { FileDownload } from '@congdoan/contracts';
import { exportStatisticsXlsx } from '../../files/index.ts';
import { download } from '../imports/downloads.ts';
import type { StatisticsReport } from './report.ts';

/** The report as the .xlsx a union office files (báo cáo thống kê đoàn viên). */
export async function statisticsWorkbook(
  report: StatisticsReport,
  unitCode: string,
  generatedAt: Date,
): Promise<FileDownload> {
  const bytes = await exportStatisticsXlsx({
    unitName: report.unitName,
    asOf: report.asOf,
    generatedAt: generatedAt.toISOString(),
    totals: report.totals,
    byEducation: report.byEducation,
    byPoliticalTheory: report.byPoliticalTheory,
    byCategory: report.byEmploymentCategory,
    byAgeBand: report.byAgeBand,
    byEthnicity: report.byEthnicity,
    ...(report.movements
      ? {
          movements: {
            from: report.movements.from,
            to: report.movements.to,
            admissions: report.movements.admitted + report.movements.readmitted,
            exits: report.movements.exited,
            exitsByReason: report.movements.exitedByReason,
          },
        }
      : {}),
  });
  return download(`thong-ke-doan-vien-${unitCode}-${report.asOf.replaceAll('-', '')}.xlsx`, bytes);
}
