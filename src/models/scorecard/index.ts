export { ahpWeights, SAATY_RANDOM_INDEX, type AhpOptions, type AhpResult } from './ahp.js'
export { entropyWeights, type EntropyResult } from './entropy.js'
export { normalCdf, normalise, type NormaliseMethod, type NormalisedColumn } from './normalise.js'
export {
  scorecard,
  validateWeights,
  weightedScore,
  type ScorecardIndicator,
  type ScorecardOptions,
  type ScorecardResult,
  type WeightSpec,
} from './score.js'
