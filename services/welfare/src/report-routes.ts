import {
  defineRoute,
  fileDownloadSchema,
  unitIdParams,
  welfareReportQuery,
  welfareReportSchema,
} from '@congdoan/contracts';
import { common, problem, READERS } from './route-parts.ts';

const DESCRIPTION =
  'Every fund of every active unit of the subtree: the balance at the start of `from` and the end of `to`, and what moved between (received, allocated, deposited, repaid, disbursed, lent, by the movements’ dates), then the same by kind of fund and in total; the women’s savings funds’ loans open today, outstanding and overdue. Each figure’s rule is in `rules`.';

/** The welfare report of a unit's subtree for a period, and its .xlsx (issue 12, item 5; docs/welfare.md, Reports). */
export const reportRoutes = [
  defineRoute({
    operationId: 'getWelfareReport',
    method: 'GET',
    path: '/v1/welfare/units/{id}/report',
    summary: 'The funds of a unit’s subtree over a period: balances, receipts, disbursements, loans',
    description: DESCRIPTION,
    roles: READERS,
    request: { params: unitIdParams, query: welfareReportQuery },
    responses: {
      200: { description: 'The report', schema: welfareReportSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'exportWelfareReport',
    method: 'GET',
    path: '/v1/welfare/units/{id}/report/export',
    summary: 'The same report as an .xlsx (báo cáo thu, chi các quỹ), base64 in JSON',
    description:
      'One sheet of three tables with Vietnamese headings (money in đồng with thousands separators) and a sheet "Cách tính" stating each figure’s rule. Decode `base64` and save it as `filename`.',
    roles: READERS,
    request: { params: unitIdParams, query: welfareReportQuery },
    responses: {
      200: { description: 'The workbook', schema: fileDownloadSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
] as const;
