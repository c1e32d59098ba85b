/**
 * Entropy weight method (熵权法): an indicator whose values differ more across customers
 * carries more information and gets more weight. Takes non-negative columns, usually the
 * min-max normalised indicators (`normalise(..., 'minmax', direction)`), or only their sums
 * (`entropyFromSums`), which is all the method needs and what a cluster sends for millions of
 * customers.
 */
import { assertFinite, assertLength, invalidInput, type ModelWarning } from '../quantiles.js'

/** Entropy weights with each indicator's entropy and divergence. */
export interface EntropyResult {
  /** Weight per indicator, summing to 1. */
  readonly weights: Float64Array
  /** Normalised entropy eⱼ in [0, 1]; 1 means no information. */
  readonly entropy: Float64Array
  /** Degree of divergence dⱼ = 1 − eⱼ. */
  readonly divergence: Float64Array
  readonly warnings: readonly ModelWarning[]
}

/** One column's sums for the entropy method: Σᵢ xᵢ and −Σᵢ pᵢ ln pᵢ over xᵢ > 0 (pᵢ = xᵢ / Σ x). */
export interface EntropySums {
  readonly sum: number
  readonly h: number
}

/**
 * Entropy weights: pᵢⱼ = xᵢⱼ / Σᵢ xᵢⱼ, eⱼ = −Σᵢ pᵢⱼ ln pᵢⱼ / ln n with 0 · ln 0 = 0,
 * wⱼ = (1 − eⱼ) / Σₖ (1 − eₖ); an all-zero column has eⱼ = 1 (no information, weight 0).
 * @example entropyWeights([Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 5)]).weights // [0.0735, 0.9265]
 */
export function entropyWeights(columns: readonly Float64Array[]): EntropyResult {
  if (columns.length === 0) invalidInput('entropy weights need at least one indicator column')
  const n = (columns[0] as Float64Array).length
  if (n < 2) invalidInput(`entropy weights need at least 2 customers: got ${n}`)
  const sums = columns.map((col, j) => {
    assertLength(`column ${j}`, col, n)
    assertFinite(`column ${j}`, col)
    let sum = 0
    col.forEach((v, i) => {
      if (v < 0)
        invalidInput(`column ${j}[${i}] is negative (${v}): normalise the indicator to 0–1 first`)
      sum += v
    })
    let h = 0
    if (sum > 0) for (const v of col) if (v > 0) h -= (v / sum) * Math.log(v / sum)
    return { sum, h }
  })
  return entropyFromSums(n, sums)
}

/**
 * Entropy weights from each column's sums over `n` customers (see {@link EntropySums}), so
 * a database can take the sums where the columns live and send only these.
 * @example entropyFromSums(3, [{ sum: 6, h: 1.0114 }, { sum: 5, h: 0 }]).weights // [0.0735, 0.9265]
 */
export function entropyFromSums(n: number, sums: readonly EntropySums[]): EntropyResult {
  const m = sums.length
  if (m === 0) invalidInput('entropy weights need at least one indicator column')
  if (n < 2) invalidInput(`entropy weights need at least 2 customers: got ${n}`)
  const entropy = new Float64Array(m)
  const divergence = new Float64Array(m)
  const warnings: ModelWarning[] = []
  const lnN = Math.log(n)
  sums.forEach(({ sum, h }, j) => {
    let e = 1
    if (sum > 0) e = h / lnN
    else
      warnings.push({ code: 'zero_column', message: `column ${j} is all zero: it gets weight 0` })
    entropy[j] = e
    divergence[j] = 1 - e
  })
  const total = divergence.reduce((s, d) => s + d, 0)
  // a total of (near) zero means every column is uniform: relative weights would be noise
  if (!(total > 1e-12)) {
    invalidInput(
      'entropy weights are undefined: every indicator has the same value for all customers',
    )
  }
  return { weights: divergence.map((d) => d / total), entropy, divergence, warnings }
}
