export {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodRows,
  bgNbdProbabilityAlive,
  bgNbdProbabilityAliveAt,
  bgNbdProbabilityNoPurchase,
  fitBgNbd,
  type BgNbdParams,
} from './bg-nbd.js'
export {
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihood,
  paretoNbdLogLikelihoodRows,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityAliveAt,
  paretoNbdProbabilityNoPurchase,
  type ParetoNbdParams,
} from './pareto-nbd.js'
export {
  fitMbgNbd,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLogLikelihood,
  mbgNbdLogLikelihoodRows,
  mbgNbdProbabilityAlive,
  mbgNbdProbabilityAliveAt,
  mbgNbdProbabilityNoPurchase,
  type MbgNbdParams,
} from './mbg-nbd.js'
export {
  bgBbExpectedPurchases,
  bgBbExpectedPurchasesNew,
  bgBbLogLikelihood,
  bgBbProbabilityAlive,
  fitBgBb,
  type BgBbParams,
} from './bg-bb.js'
export {
  fitSbg,
  sbgDiscountedResidualLifetime,
  sbgExpectedRemainingLifetime,
  sbgFromSurvivors,
  sbgLogLikelihood,
  sbgRetention,
  sbgSurvival,
  type SbgParams,
} from './sbg.js'
export {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
  type GammaGammaParams,
  type GammaGammaWarning,
} from './gamma-gamma.js'
export { discountedClv, intervalDiscountRate, type ClvOptions, type ClvResult } from './clv.js'
export {
  calibrationVsHoldout,
  cohortCumulativeForecast,
  cohortTrackingError,
  holdoutAccuracy,
  type FrequencyComparison,
  type HoldoutAccuracy,
  type TrackingError,
} from './metrics.js'
export { hyp2f1, logHyp2f1 } from './hyp2f1.js'
export type { BtydFit, BtydModelName, FitOptions } from './fit.js'
export {
  compressRows,
  distinctRows,
  type ContractSummary,
  type CustomerSummary,
  type DiscreteSummary,
  type DistinctRows,
  type SpendSummary,
} from './summary.js'
