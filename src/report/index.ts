export { writeAnalysis, EXCEL_ROW_LIMIT } from './write-analysis.js'
export { sanitiseSheetName, SheetNamer, SHEET_NAME_MAX } from './sheet-names.js'
export { OUTPUT_FORMATS } from './types.js'
export { copyCsv } from './copy-writer.js'
export { analysisOrderSql } from './table-source.js'
export type {
  AnalysisSummary,
  ColumnSpec,
  ColumnUnit,
  Language,
  OutputFormat,
  ProgressEvent,
  TierSummary,
  WriteOptions,
  WriteResult,
  WrittenFile,
} from './types.js'
export * from './charts/index.js'
export { renderReportHtml, type ReportHtmlOptions } from './html/report-html.js'
export { OTHER } from './html/types.js'
export type {
  ChartKey,
  ReportAction,
  ReportCharts,
  ReportCustomer,
  ReportData,
  ReportFit,
  ReportImpact,
  ReportIndicator,
  ReportModel,
  ReportQuality,
  ReportTier,
} from './html/types.js'
export * from './survey/index.js'
export * from './crm/index.js'
