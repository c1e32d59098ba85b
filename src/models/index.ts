export * from './btyd/index.js'
export * from './optimize/index.js'
export {
  ABC_CLASSES,
  abcClasses,
  type AbcClassSummary,
  type AbcOptions,
  type AbcResult,
} from './abc.js'
export { churn, type ChurnInput, type ChurnResult, type ChurnSeries } from './churn.js'
export {
  KANO_ANSWERS,
  KANO_CATEGORIES,
  KANO_TABLE,
  kano,
  parseKanoAnswer,
  type KanoCategoryId,
  type KanoFeatureResult,
  type KanoInput,
  type KanoResult,
} from './kano.js'
export {
  kmeans,
  mulberry32,
  type ClusterDescription,
  type ClusterTrait,
  type KmeansOptions,
  type KmeansResult,
} from './kmeans.js'
export {
  LIFECYCLE_STATES,
  lifecycleOptions,
  lifecycleStates,
  type LifecycleInput,
  type LifecycleOptions,
  type LifecycleResult,
  type LifecycleStateId,
} from './lifecycle.js'
export {
  ascendingOrder,
  percentileRanks,
  quantileScores,
  type Direction,
  type ModelWarning,
  type QuantileScoreOptions,
  type QuantileScoring,
} from './quantiles.js'
export {
  RFM_CN8_CLASSES,
  RFM_SEGMENTS,
  RFM_SEGMENT_GRID,
  rfmEightClasses,
  rfmScores,
  rfmSegments,
  type RfmCn8ClassId,
  type RfmEightClassOptions,
  type RfmEightClassResult,
  type RfmInput,
  type RfmOptions,
  type RfmScores,
  type RfmSegmentGrid,
  type RfmSegmentId,
  type RfmSegmentResult,
} from './rfm.js'
export {
  ERFC_COEFFICIENTS,
  SAATY_RANDOM_INDEX,
  ahpWeights,
  entropyFromSums,
  entropyWeights,
  normalCdf,
  normalise,
  scorecard,
  scorecardWeights,
  validateWeights,
  weightedScore,
  type AhpOptions,
  type AhpResult,
  type EntropyResult,
  type EntropySums,
  type NormaliseMethod,
  type NormalisedColumn,
  type ScorecardIndicator,
  type ScorecardOptions,
  type ScorecardResult,
  type ScorecardWeights,
  type WeightSpec,
} from './scorecard/index.js'
