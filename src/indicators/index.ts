export {
  INDICATORS,
  indicator,
  type Direction,
  type Indicator,
  type IndicatorGroup,
  type IndicatorUnit,
} from './catalogue.js'
export { compileIndicators, periodsOf, selectIndicators, type IndicatorOptions } from './compile.js'
export { addDays, isoDate, minus, parseWindow, windowStart, type Window } from './period.js'
export {
  UNIT_DAYS,
  compileBtydSummary,
  discreteSufficient,
  holdoutSufficient,
  recencySufficient,
  spendSufficient,
  type BtydSummaryOptions,
  type HoldoutSufficient,
  type RecencySufficient,
  type SpendSufficient,
  type TimeUnit,
} from './btyd-summary.js'
export { CONTACT_TYPES, FEEDBACK_KINDS, PURCHASE } from './sources.js'
