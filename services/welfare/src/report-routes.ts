import {
  beneficiaryListSchema,
  defineRoute,
  fileDownloadSchema,
  unitIdParams,
  welfareReportQuery,
  welfareReportSchema,
} from '@congdoan/contracts';
import { CASE_READERS } from './case-routes.ts';
import { common, problem, READERS } from './route-parts.ts';

const BENEFICIARIES =
  'Every member of the subtree who received money in the period: each support case paid (by the disbursement’s day) and each gift of money (by the visit’s day), with the case’s type or the gift’s occasion, amount, day and fund, by day. The welfare desk and the approvers (admin, welfare-officer, officer: those who see a case’s health details) see the member’s name, card number, id and the reason; others (the accountant) see the initials, the card’s last three digits, no id and no reason (`masked`).';

const DESCRIPTION =
  'Every fund of every active unit of the subtree: the balance at the start of `from` and the end of `to`, and what moved between (received, allocated, deposited, repaid, disbursed, lent, by the movements’ dates), then the same by kind of fund and in total; the women’s savings funds’ loans open today, outstanding and overdue; the support cases opened in the period by type and status today, the average processing time of the cases paid in it (first submission to disbursement), the visits and gifts by occasion and the blood drives held in it. Each figure’s rule is in `rules`.';

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
      'One sheet of seven tables (funds, kinds, savings loans, cases, processing time, visits, blood drives) with Vietnamese headings (money in đồng with thousands separators) and a sheet "Cách tính" stating each figure’s rule. Decode `base64` and save it as `filename`.',
    roles: READERS,
    request: { params: unitIdParams, query: welfareReportQuery },
    responses: {
      200: { description: 'The workbook', schema: fileDownloadSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'getWelfareBeneficiaries',
    method: 'GET',
    path: '/v1/welfare/units/{id}/beneficiaries',
    summary: 'Who received money in a period: support cases paid and gifts, masked per role',
    description: BENEFICIARIES,
    roles: CASE_READERS,
    request: { params: unitIdParams, query: welfareReportQuery },
    responses: {
      200: { description: 'The list', schema: beneficiaryListSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'exportWelfareBeneficiaries',
    method: 'GET',
    path: '/v1/welfare/units/{id}/beneficiaries/export',
    summary: 'The same list as an .xlsx (danh sách đoàn viên được hỗ trợ), base64 in JSON, masked as the JSON',
    description: 'One table with Vietnamese headings, money in đồng. Decode `base64` and save it as `filename`.',
    roles: CASE_READERS,
    request: { params: unitIdParams, query: welfareReportQuery },
    responses: {
      200: { description: 'The workbook', schema: fileDownloadSchema },
      ...common,
      404: problem('No such unit in the caller’s subtree'),
    },
  }),
] as const;
