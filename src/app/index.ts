export { withStore } from './store.js'
export {
  dataQuality,
  importData,
  storeStatus,
  type ImportDataOptions,
  type StoreStatus,
} from './data.js'
export { MODELS, fitModel, type FitModelOptions, type FitReport, type ModelName } from './fit.js'
export { generate, parseEncodingSpec, parseFormats } from './generate.js'
export {
  RUN_TABLE,
  analyze,
  runAnalysis,
  type AnalyzeOptions,
  type AnalyzeResult,
} from './analyze.js'
export { ACTIONS_TABLE, ANALYSIS_TABLE } from './analysis-tables.js'
export { paretoPoints, type LifecycleTierData, type ParetoSource } from './report-charts.js'
export { overviewData, type OverviewData } from './overview.js'
export { VALUE_MAP_BINS, type BinCount, type ValueMapBins } from './report-value.js'
export {
  customerOrders,
  type CustomerOrder,
  type CustomerOrders,
  type CustomerOrdersOptions,
} from './customer-orders.js'
export { computeTiers, type TieredStore } from './analyze.js'
export {
  CLUSTER_LIMITS,
  analyzeCluster,
  runClusterAnalysis,
  type ClusterAnalyzeOptions,
  type ClusterAnalyzeResult,
} from './analyze-cluster.js'
export { diffPolicies, diffTiers, type PolicyDiff, type PolicyDiffOptions } from './diff-policy.js'
export {
  POLICIES_TABLE,
  POLICY_NAME,
  analyzeNamed,
  analyzePolicy,
  listPolicies,
  previewPolicy,
  readPolicy,
  savePolicy,
  type AnalyzeNamedOptions,
  type PolicyEntry,
  type PolicyPreview,
  type PolicyText,
  type PreviewPolicyOptions,
} from './policies.js'
export {
  kanoSummary,
  makeSurvey,
  type KanoFeatureSummary,
  type MakeSurveyOptions,
} from './survey.js'
export { exportCrm, type ExportCrmOptions, type ExportCrmResult } from './export.js'
export { exportAnalysisCsv, type ExportTableOptions } from './export-table.js'
export {
  PUSH_LOG_TABLE,
  PUSH_STATE_TABLE,
  pushTiers,
  type PushTiersOptions,
  type PushTiersResult,
} from './push.js'
export {
  analyzeDates,
  backfill,
  backfillDates,
  compare,
  forget,
  history,
  trends,
  type BackfillOptions,
  type BackfillResult,
  type CompareSnapshotsOptions,
  type Every,
  type StoreOption,
  type TrendsOptions,
  type TrendsResult,
} from './tracking.js'
export {
  actions,
  closeActionState,
  effect,
  importActions,
  type ActionsOptions,
  type ActionsResult,
  type CloseActionOptions,
  type EffectOptions,
} from './follow-up.js'
export type { RunRecord } from './track-run.js'
export { buildReport, loadRun, type BuildReportOptions } from './report.js'
