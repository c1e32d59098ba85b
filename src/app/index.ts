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
export { computeTiers, type TieredStore } from './analyze.js'
export { diffPolicies, type PolicyDiff, type PolicyDiffOptions } from './diff-policy.js'
