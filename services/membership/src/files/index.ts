/** Member import and export file formats: pure functions over buffers. */
export {
  AGE_BAND_LABELS,
  EXIT_REASON_LABELS,
  EXPORT_HEADER_ROW,
  exportMembersXlsx,
  exportStatisticsXlsx,
  type MemberExportMeta,
  type StatisticsReport,
} from './export.ts';
export {
  type CellParse,
  type CellValue,
  columnForField,
  columnForHeader,
  EDUCATION_LABELS,
  EMPLOYMENT_CATEGORY_LABELS,
  GENDER_LABELS,
  GUIDE_SHEET_NAME,
  type ImportField,
  MEMBER_COLUMNS,
  MEMBER_SHEET_NAME,
  MEMBER_STATUS_LABELS,
  type MemberColumn,
  POLITICAL_THEORY_LABELS,
  TEMPLATE_COLUMNS,
} from './layout.ts';
export {
  describeRowError,
  type MemberFileFormat,
  type ParsedFile,
  type ParsedRow,
  parseMemberFile,
  type RowError,
} from './parse.ts';
export { memberImportTemplate, TEMPLATE_EXAMPLE_CCCDS, TEMPLATE_EXAMPLES } from './template.ts';
