/**
 * Discounted customer lifetime value by calendar interval: for each interval k = 1..K of
 * length Δ after the end of calibration, expected purchases in ((k−1)Δ, kΔ] times expected
 * spend per purchase, discounted at the end of the interval (Fader, Hardie & Lee 2005,
 * "RFM and CLV", eq. 2 in discrete form; the same scheme as lifetimes' customer_lifetime_value).
 */
import { ClienteleError } from '../../schema/index.js'

/** Options of {@link discountedClv}; times in the model's time unit. */
export interface ClvOptions {
  /** Cumulative expected purchases of each row in (T, T + t], e.g. `(t) => bgNbdExpectedPurchases(params, data, t)`. */
  readonly expectedPurchases: (t: number) => Float64Array
  /** Expected spend per purchase of each row (currency), e.g. from `gammaGammaExpectedSpend`. */
  readonly spend: Float64Array
  /** Number of intervals, ≥ 1. */
  readonly intervals: number
  /** Length of one interval, > 0 (e.g. 4.348 for months when the unit is weeks). */
  readonly intervalLength: number
  /** Discount rate per year, ≥ 0 (0.1 = 10 %). */
  readonly annualDiscountRate: number
  /** Time units per year, > 0 (52.18 for weeks, 365.25 for days, 12 for months). */
  readonly unitsPerYear: number
}

/** Per-row CLV: the total and the discounted value of each interval. */
export interface ClvResult {
  readonly total: Float64Array
  /** byInterval[k][i]: discounted value of row i in interval k + 1. */
  readonly byInterval: readonly Float64Array[]
  /** Discount rate per interval derived from the annual one. */
  readonly intervalDiscountRate: number
}

/** (1 + annual)^(intervalLength / unitsPerYear) − 1: the annual rate converted to one interval. */
export function intervalDiscountRate(
  annual: number,
  intervalLength: number,
  unitsPerYear: number,
): number {
  return Math.expm1((intervalLength / unitsPerYear) * Math.log1p(annual))
}

/**
 * Discounted CLV of each row over `intervals` intervals (currency).
 * @example discountedClv({ expectedPurchases: (t) => bgNbdExpectedPurchases(p, data, t), spend, intervals: 12, intervalLength: 4.348, annualDiscountRate: 0.1, unitsPerYear: 52.18 })
 */
export function discountedClv(options: ClvOptions): ClvResult {
  const { intervals, intervalLength, annualDiscountRate, unitsPerYear, spend } = options
  const bad = (what: string, v: number): ClienteleError =>
    new ClienteleError('MODEL_INVALID_INPUT', `invalid ${what}: ${v}`)
  if (!(Number.isInteger(intervals) && intervals >= 1)) throw bad('number of intervals', intervals)
  if (!(intervalLength > 0 && Number.isFinite(intervalLength)))
    throw bad('interval length', intervalLength)
  if (!(annualDiscountRate >= 0 && Number.isFinite(annualDiscountRate)))
    throw bad('annual discount rate', annualDiscountRate)
  if (!(unitsPerYear > 0 && Number.isFinite(unitsPerYear)))
    throw bad('units per year', unitsPerYear)
  const rate = intervalDiscountRate(annualDiscountRate, intervalLength, unitsPerYear)
  const total = new Float64Array(spend.length)
  const byInterval: Float64Array[] = []
  let previous: Float64Array = new Float64Array(spend.length)
  for (let k = 1; k <= intervals; k++) {
    const cumulative = options.expectedPurchases(k * intervalLength)
    if (cumulative.length !== spend.length) {
      throw bad('expected purchases length', cumulative.length)
    }
    const factor = Math.exp(-k * Math.log1p(rate))
    const value = cumulative.map((c, i) => (c - (previous[i] ?? 0)) * (spend[i] ?? NaN) * factor)
    value.forEach((v, i) => (total[i] = (total[i] ?? 0) + v))
    byInterval.push(value)
    previous = cumulative
  }
  return { total, byInterval, intervalDiscountRate: rate }
}
