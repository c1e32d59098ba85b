// The public API, grouped by layer. Everything a shell can do is in the use cases of app/.
export {
  ClienteleError,
  TABLES,
  TABLE_KINDS,
  formatIssue,
  isClienteleError,
  type ErrorCode,
  type Issue,
  type TableKind,
} from './schema/index.js'
export * as models from './models/index.js'
export { DEFAULT_STORE, openEngine, type Engine, type SqlDialect } from './engine/index.js'
export {
  generateDataset,
  importFiles,
  qualityReport,
  type GenerateOptions,
  type ImportResult,
  type QualityReport,
} from './ingest/index.js'
export {
  INDICATORS,
  compileBtydSummary,
  compileIndicators,
  type Indicator,
  type IndicatorOptions,
} from './indicators/index.js'
export {
  PRESETS,
  assignTiers,
  parsePolicyText,
  presetText,
  resolvePolicy,
  type Policy,
  type PresetName,
} from './tiering/index.js'
export { writeAnalysis, type WriteOptions } from './report/index.js'
export {
  MODELS,
  analyze,
  analyzePolicy,
  dataQuality,
  diffPolicies,
  fitModel,
  generate,
  importData,
  storeStatus,
  type AnalyzeOptions,
  type AnalyzeResult,
  type FitReport,
  type PolicyDiff,
} from './app/index.js'
export { verifySignature, type CrmTarget, type Role } from './report/index.js'
export {
  exportCrm,
  kanoSummary,
  makeSurvey,
  pushTiers,
  type ExportCrmOptions,
  type MakeSurveyOptions,
  type PushTiersOptions,
} from './app/index.js'
export { renderReportHtml, type ReportData } from './report/index.js'
export { buildReport, type BuildReportOptions } from './app/index.js'
export { createServer, startServer, type ServerOptions } from './server/index.js'
