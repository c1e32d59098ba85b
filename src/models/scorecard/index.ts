export { ahpWeights, SAATY_RANDOM_INDEX, type AhpOptions, type AhpResult } from './ahp.js'
export { entropyFromSums, entropyWeights, type EntropyResult, type EntropySums } from './entropy.js'
export {
  ERFC_COEFFICIENTS,
  normalCdf,
  normalise,
  type NormaliseMethod,
  type NormalisedColumn,
} from './normalise.js'
export {
  scorecard,
  scorecardWeights,
  validateWeights,
  weightedScore,
  type ScorecardIndicator,
  type ScorecardOptions,
  type ScorecardResult,
  type ScorecardWeights,
  type WeightSpec,
} from './score.js'
