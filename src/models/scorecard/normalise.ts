/**
 * Normalisation of one indicator column to 0–1 for the value scorecard, with the direction
 * made explicit: for a lower-is-better indicator (days since last purchase, complaints) the
 * best customer maps to 1. A constant column carries no information and maps to 0.5.
 */
import { assertFinite, invalidInput, mean, percentileRanks, type Direction } from '../quantiles.js'

/** How a column is brought to 0–1. */
export type NormaliseMethod = 'minmax' | 'zscore' | 'percentile'

/** A column normalised to 0–1 (1 = best) and the parameters that did it. */
export interface NormalisedColumn {
  readonly method: NormaliseMethod
  readonly direction: Direction
  readonly values: Float64Array
  /** True when every value was equal (all normalised values are then 0.5). */
  readonly constant: boolean
  /** min/max for `'minmax'`, mean/sd (population) for `'zscore'`; NaN where unused. */
  readonly min: number
  readonly max: number
  readonly mean: number
  readonly sd: number
}

/**
 * Normalises to 0–1: min-max `(x − min)/(max − min)`; z-score `Φ((x − mean)/sd)` (the normal
 * CDF keeps it in 0–1); percentile the mid-rank percentile (below + ties/2)/n; mirrored
 * (`(max − x)/(max − min)`, `Φ(−z)`, `1 − p`) when lower is better.
 * @example normalise(Float64Array.of(0, 5, 10), 'minmax').values // [0, 0.5, 1]
 */
export function normalise(
  values: Float64Array,
  method: NormaliseMethod,
  direction: Direction = 'higher',
  name = 'values',
): NormalisedColumn {
  assertFinite(name, values)
  if (values.length === 0) invalidInput(`${name} is empty`)
  let min = Infinity
  let max = -Infinity
  for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)]
  const m = mean(values)
  let ss = 0
  for (const v of values) ss += (v - m) ** 2
  const sd = Math.sqrt(ss / values.length)
  const constant = min === max
  const sign = direction === 'lower' ? -1 : 1
  const column = { method, direction, constant, min: NaN, max: NaN, mean: NaN, sd: NaN }
  switch (method) {
    case 'percentile':
      return { ...column, values: percentileRanks(values, direction) }
    case 'minmax':
      return {
        ...column,
        min,
        max,
        values: values.map((v) => (constant ? 0.5 : (sign > 0 ? v - min : max - v) / (max - min))),
      }
    case 'zscore':
      return {
        ...column,
        mean: m,
        sd,
        values: values.map((v) => (constant ? 0.5 : normalCdf((sign * (v - m)) / sd))),
      }
    default:
      return invalidInput(`unknown normalisation method: ${String(method)}`)
  }
}

/**
 * The coefficients of `erfcc` (Press et al., Numerical Recipes, 2nd ed., §6.2): erfc(x) =
 * t·exp(−x² − c₀ + t·(c₁ + t·(c₂ + … + t·c₉))) with t = 1/(1 + x/2), x ≥ 0.
 */
export const ERFC_COEFFICIENTS: readonly number[] = [
  1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
]

/**
 * Standard normal CDF Φ(z) via the complementary error function of Numerical Recipes
 * (`ERFC_COEFFICIENTS`), fractional error below 1.2e-7.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.5 * x)
  const c = ERFC_COEFFICIENTS
  let horner = c[c.length - 1] as number
  for (let k = c.length - 2; k >= 1; k--) horner = (c[k] as number) + t * horner
  const erfc = t * Math.exp(-x * x - (c[0] as number) + t * horner)
  return z >= 0 ? 1 - erfc / 2 : erfc / 2
}
