/**
 * Holdout accuracy of a fitted model: per-customer errors, calibration-vs-holdout means by
 * calibration frequency (Fader, Hardie & Lee 2005, fig. 3) and the cohort's tracking error over
 * time (their fig. 2). Inputs are per-row arrays with optional weights (customers per row).
 */
import { ClienteleError } from '../../schema/index.js'

/** Per-customer accuracy of holdout predictions (purchases). */
export interface HoldoutAccuracy {
  readonly customers: number
  /** Mean absolute error per customer. */
  readonly mae: number
  /** Root mean squared error per customer. */
  readonly rmse: number
  readonly predictedTotal: number
  readonly actualTotal: number
  /** (predicted − actual) / actual for the whole cohort. */
  readonly totalRelativeError: number
}

function sameLength(...arrays: (Float64Array | undefined)[]): number {
  const n = arrays[0]?.length ?? 0
  if (n === 0 || arrays.some((a) => a !== undefined && a.length !== n)) {
    throw new ClienteleError(
      'MODEL_INVALID_INPUT',
      `invalid holdout arrays: lengths ${arrays.map((a) => a?.length).join(', ')}`,
    )
  }
  return n
}

/** MAE, RMSE and the cohort total error of `predicted` against `actual` holdout purchases. */
export function holdoutAccuracy(
  predicted: Float64Array,
  actual: Float64Array,
  weight?: Float64Array,
): HoldoutAccuracy {
  const n = sameLength(predicted, actual, weight)
  let w = 0
  let abs = 0
  let sq = 0
  let p = 0
  let a = 0
  for (let i = 0; i < n; i++) {
    const wi = weight?.[i] ?? 1
    const e = (predicted[i] ?? NaN) - (actual[i] ?? NaN)
    w += wi
    abs += wi * Math.abs(e)
    sq += wi * e * e
    p += wi * (predicted[i] ?? NaN)
    a += wi * (actual[i] ?? NaN)
  }
  return {
    customers: w,
    mae: abs / w,
    rmse: Math.sqrt(sq / w),
    predictedTotal: p,
    actualTotal: a,
    totalRelativeError: (p - a) / a,
  }
}

/** Mean predicted and actual holdout purchases per calibration frequency 0..max, the last bin holding max and above. */
export interface FrequencyComparison {
  readonly frequency: Float64Array
  readonly customers: Float64Array
  readonly meanPredicted: Float64Array
  readonly meanActual: Float64Array
}

/** Calibration-vs-holdout comparison by calibration frequency (FHL 2005, fig. 3), bins 0..maxFrequency (default 7, "7+"). */
export function calibrationVsHoldout(
  calibrationFrequency: Float64Array,
  predicted: Float64Array,
  actual: Float64Array,
  weight?: Float64Array,
  maxFrequency = 7,
): FrequencyComparison {
  const n = sameLength(calibrationFrequency, predicted, actual, weight)
  const bins = maxFrequency + 1
  const customers = new Float64Array(bins)
  const meanPredicted = new Float64Array(bins)
  const meanActual = new Float64Array(bins)
  for (let i = 0; i < n; i++) {
    const b = Math.min(maxFrequency, Math.max(0, Math.floor(calibrationFrequency[i] ?? 0)))
    const wi = weight?.[i] ?? 1
    customers[b] = (customers[b] ?? 0) + wi
    meanPredicted[b] = (meanPredicted[b] ?? 0) + wi * (predicted[i] ?? NaN)
    meanActual[b] = (meanActual[b] ?? 0) + wi * (actual[i] ?? NaN)
  }
  customers.forEach((c, b) => {
    meanPredicted[b] = c > 0 ? (meanPredicted[b] ?? 0) / c : NaN
    meanActual[b] = c > 0 ? (meanActual[b] ?? 0) / c : NaN
  })
  return {
    frequency: Float64Array.from({ length: bins }, (_, b) => b),
    customers,
    meanPredicted,
    meanActual,
  }
}

/**
 * Expected cumulative repeat purchases of a cohort at each time τ: Σᵢ wᵢ·E[X(τ − aᵢ)] for customers acquired at aᵢ (0 before acquisition).
 * @example cohortCumulativeForecast((t) => bgNbdExpectedPurchasesNew(p, t), firstPurchase, weight, weeks)
 */
export function cohortCumulativeForecast(
  expectedNew: (t: Float64Array) => Float64Array,
  acquisition: Float64Array,
  weight: Float64Array | undefined,
  times: Float64Array,
): Float64Array {
  sameLength(acquisition, weight)
  return times.map((tau) => {
    const ages = acquisition.map((a) => Math.max(0, tau - a))
    return expectedNew(ages).reduce((s, e, i) => s + (weight?.[i] ?? 1) * e, 0)
  })
}

/** Tracking error of a cohort's cumulative purchases over time (FHL 2005, fig. 2). */
export interface TrackingError {
  readonly mae: number
  readonly rmse: number
  /** Mean absolute percentage error over periods with actual > 0. */
  readonly mape: number
  /** (predicted − actual) / actual at the last period. */
  readonly finalRelativeError: number
}

/** Errors between `actual` and `predicted` cumulative cohort purchases, one entry per period. */
export function cohortTrackingError(actual: Float64Array, predicted: Float64Array): TrackingError {
  const n = sameLength(actual, predicted)
  let abs = 0
  let sq = 0
  let pct = 0
  let counted = 0
  for (let i = 0; i < n; i++) {
    const a = actual[i] ?? NaN
    const e = (predicted[i] ?? NaN) - a
    abs += Math.abs(e)
    sq += e * e
    if (a > 0) {
      pct += Math.abs(e) / a
      counted++
    }
  }
  const last = actual[n - 1] ?? NaN
  return {
    mae: abs / n,
    rmse: Math.sqrt(sq / n),
    mape: counted > 0 ? pct / counted : NaN,
    finalRelativeError: ((predicted[n - 1] ?? NaN) - last) / last,
  }
}
