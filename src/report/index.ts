export { writeAnalysis, EXCEL_ROW_LIMIT } from './write-analysis.js'
export { sanitiseSheetName, SheetNamer, SHEET_NAME_MAX } from './sheet-names.js'
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
