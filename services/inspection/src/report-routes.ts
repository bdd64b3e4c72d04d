import {
  defineRoute,
  fileDownloadSchema,
  inspectionReportSchema,
  reportYearParams,
  ubktWarningListSchema,
  unitIdParams,
  unitInspectionListQuery,
  unitInspectionPage,
} from '@congdoan/contracts';
import { common, problem, READERS } from './route-parts.ts';

const noUnit = problem('No such unit in the caller’s subtree');

const REPORT_DESCRIPTION =
  'What the unit’s inspection committee did in the year: inspections by type (planned, done as planned, decided, concluded), findings by severity with the money involved in whole đồng, recommendations made, done, open and overdue, complaints and denunciations by class (received, accepted, refused, transferred, resolved on time or late, open), and discipline decisions by form (decided, lapsed, revoked in the year). Each section states the rule of each figure (`rules`, Vietnamese and English). Read by Queries on indexes and reads by key, never a Scan.';

/** The annual inspection report, its .xlsx, the UBKT warning list, and a unit's inspections (docs/inspection.md, Reports). */
export const reportRoutes = [
  defineRoute({
    operationId: 'listUnitInspections',
    method: 'GET',
    path: '/v1/inspection/units/{id}/inspections',
    summary: 'The inspections a unit’s UBKT decided, newest decision first',
    description:
      'Of a year (`year`, by decision date) and at a stage (`status`) if asked, paged (`limit`, `cursor`). The stage is filtered within each page read, so a page may hold fewer than `limit` items and still have a `nextCursor`.',
    roles: READERS,
    request: { params: unitIdParams, query: unitInspectionListQuery },
    responses: {
      200: { description: 'A page of inspections', schema: unitInspectionPage },
      ...common,
      404: noUnit,
    },
  }),
  defineRoute({
    operationId: 'getInspectionReport',
    method: 'GET',
    path: '/v1/inspection/units/{id}/report/{year}',
    summary: 'A unit’s annual inspection report',
    description: REPORT_DESCRIPTION,
    roles: READERS,
    request: { params: reportYearParams },
    responses: { 200: { description: 'The report', schema: inspectionReportSchema }, ...common, 404: noUnit },
  }),
  defineRoute({
    operationId: 'exportInspectionReport',
    method: 'GET',
    path: '/v1/inspection/units/{id}/report/{year}/export',
    summary: 'The same report as an .xlsx (báo cáo công tác kiểm tra), base64 in JSON',
    description:
      'One sheet of five tables with Vietnamese headings (money in đồng with thousands separators) and a sheet "Cách tính" stating each figure’s rule. Decode `base64` and save it as `filename`.',
    roles: READERS,
    request: { params: reportYearParams },
    responses: { 200: { description: 'The workbook', schema: fileDownloadSchema }, ...common, 404: noUnit },
  }),
  defineRoute({
    operationId: 'listUbktWarnings',
    method: 'GET',
    path: '/v1/inspection/units/{id}/ubkt-warnings',
    summary: 'CĐCS in the subtree with 30 or more members and no UBKT member in office',
    description:
      'The rule (threshold, source, certainty) is policy data and is returned with the list. Seats come from membership’s appointment events; members from the member directory (active members, counted up to the threshold).',
    roles: READERS,
    request: { params: unitIdParams },
    responses: { 200: { description: 'The warning list', schema: ubktWarningListSchema }, ...common, 404: noUnit },
  }),
] as const;
