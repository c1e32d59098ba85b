/**
 * Shared helpers of the non-BTYD models: input checks that throw `MODEL_INVALID_INPUT`,
 * mean/median, mid-rank percentiles and quantile scoring with explicit tie and direction
 * rules. Pure functions on typed arrays; nothing here knows about customers or SQL.
 */
import { ClienteleError } from '../schema/index.js'

/** Whether larger values of an indicator are better (`'higher'`) or smaller ones (`'lower'`). */
export type Direction = 'higher' | 'lower'

/** A data problem a model worked around and reports instead of throwing. */
export interface ModelWarning {
  readonly code: string
  readonly message: string
}

/** Throws the model layer's error with code `MODEL_INVALID_INPUT`. */
export function invalidInput(message: string): never {
  throw new ClienteleError('MODEL_INVALID_INPUT', message)
}

/** Throws unless every element of `values` is finite, naming the first bad element. */
export function assertFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (!Number.isFinite(v)) invalidInput(`${name}[${i}] is not a finite number: ${v}`)
  }
}

/** Throws unless `values` has exactly `length` elements. */
export function assertLength(name: string, values: ArrayLike<number>, length: number): void {
  if (values.length !== length) {
    invalidInput(`${name} has ${values.length} elements, expected ${length}`)
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    invalidInput(`${name} must be an integer from ${min} to ${max}: got ${value}`)
  }
}

/** Arithmetic mean; NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i] as number
  return sum / values.length
}

/** Median (mean of the two middle values for an even count); NaN for an empty array. */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort()
  const n = sorted.length
  if (n === 0) return NaN
  const mid = n >> 1
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * Twice the mid-rank of each value, `2·below + ties`, where `below` counts strictly smaller
 * values; the classic percentile rank is this over `2n` (in (0, 1)); integers keep bins exact.
 * Values are compared as numbers (-0 equals 0) and must not be NaN. The values are sorted as a
 * typed array (a native numeric sort), each run of equal values is given its end, and each
 * value's run is found by one binary search: sorting an index array with a comparator took
 * as long again.
 */
export function doubledMidRanks(values: ArrayLike<number>): Int32Array {
  const n = values.length
  const sorted = Float64Array.from(values).sort()
  // runEnd[j]: one past the last index of the run of values equal to sorted[j].
  const runEnd = new Int32Array(n)
  for (let j = n - 1; j >= 0; j--) {
    runEnd[j] = j + 1 < n && sorted[j + 1] === sorted[j] ? (runEnd[j + 1] as number) : j + 1
  }
  const out = new Int32Array(n)
  let last = NaN
  let lastRank = 0
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    // Runs of one value are common (counts, zeros): reuse the previous answer.
    if (v === last) {
      out[i] = lastRank
      continue
    }
    let below = 0
    let hi = n
    while (below < hi) {
      const mid = (below + hi) >>> 1
      if ((sorted[mid] as number) < v) below = mid + 1
      else hi = mid
    }
    // 2·below + ties, with ties = runEnd − below.
    last = v
    lastRank = below + (runEnd[below] as number)
    out[i] = lastRank
  }
  return out
}

/** Mid-rank percentile of each value, (strictly below + ties / 2) / n, in (0, 1). */
export function percentileRanks(
  values: ArrayLike<number>,
  direction: Direction = 'higher',
): Float64Array {
  const m = doubledMidRanks(values)
  const n2 = 2 * values.length
  const out = new Float64Array(values.length)
  for (let i = 0; i < out.length; i++) {
    const p = (m[i] as number) / n2
    out[i] = direction === 'higher' ? p : 1 - p
  }
  return out
}

/** Options of {@link quantileScores}. */
export interface QuantileScoreOptions {
  /** Name used in messages, e.g. `'recency'`. */
  readonly name?: string
  /** Number of scores k, 2–10 (default 5); ignored when `cuts` is given. */
  readonly bins?: number
  readonly direction?: Direction
  /** User cut points, strictly ascending in value units; k = cuts.length + 1. */
  readonly cuts?: readonly number[]
}

/** Scores 1–k of one indicator, with the cut points that reproduce them. */
export interface QuantileScoring {
  readonly name: string
  readonly method: 'quantile' | 'custom'
  readonly direction: Direction
  readonly bins: number
  /** Score per customer, 1 (worst) to k (best). */
  readonly scores: Uint8Array
  /**
   * k − 1 ascending thresholds in value units; a value's bin is `#{j : value ≥ cuts[j]}` and
   * its score is `1 + bin` (higher is better) or `k − bin` (lower is better); `Infinity` when
   * no customer reached that bin.
   */
  readonly cuts: readonly number[]
  /** Customers per score; `counts[s - 1]` holds score s. */
  readonly counts: readonly number[]
  /** Number of scores actually used; less than `bins` when ties or cut points empty a bin. */
  readonly effectiveBins: number
  readonly warnings: readonly ModelWarning[]
}

/**
 * Scores an indicator 1–k by anchored mid-rank percentile: tied values share a score, the
 * worst value scores 1 and the best k, and in between score = 1 + ⌊k·(m − m_worst)/(m_best − m_worst)⌋
 * with m the mid-rank (below + ties/2); a constant column scores ⌈k/2⌉ for everyone.
 * @example quantileScores(Float64Array.of(3, 1, 2), { bins: 3 }).scores // [3, 1, 2]
 */
export function quantileScores(
  values: Float64Array,
  options: QuantileScoreOptions = {},
): QuantileScoring {
  const name = options.name ?? 'values'
  const direction = options.direction ?? 'higher'
  assertFinite(name, values)
  if (values.length === 0) invalidInput(`${name} is empty`)
  const custom = options.cuts
  const k = custom === undefined ? (options.bins ?? 5) : custom.length + 1
  assertInteger(`${name} bins`, k, 2, 10)
  const scores =
    custom === undefined
      ? midRankScores(values, k, direction)
      : customScores(name, values, custom, direction)
  const cuts = custom === undefined ? cutsOf(values, scores, k, direction) : [...custom]
  const counts = new Array<number>(k).fill(0)
  for (const s of scores) counts[s - 1] = (counts[s - 1] as number) + 1
  const empty = counts.flatMap((c, i) => (c === 0 ? [i + 1] : []))
  const warnings: ModelWarning[] = []
  if (empty.length > 0) {
    const why =
      custom === undefined ? tieReason(values) : 'no customer falls between those custom cut points'
    warnings.push({
      code: 'empty_bins',
      message: `${name}: ${k} bins requested but only ${k - empty.length} used (score ${empty.join(', ')} empty): ${why}`,
    })
  }
  return {
    name,
    method: custom === undefined ? 'quantile' : 'custom',
    direction,
    bins: k,
    scores,
    cuts,
    counts,
    effectiveBins: k - empty.length,
    warnings,
  }
}

function midRankScores(values: Float64Array, k: number, direction: Direction): Uint8Array {
  const m = doubledMidRanks(values)
  const n2 = 2 * values.length
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < m.length; i++) {
    if (direction === 'lower') m[i] = n2 - (m[i] as number)
    lo = Math.min(lo, m[i] as number)
    hi = Math.max(hi, m[i] as number)
  }
  const scores = new Uint8Array(values.length)
  for (let i = 0; i < scores.length; i++) {
    scores[i] =
      hi === lo
        ? Math.ceil(k / 2)
        : Math.min(k, 1 + Math.floor((k * ((m[i] as number) - lo)) / (hi - lo)))
  }
  return scores
}

function customScores(
  name: string,
  values: Float64Array,
  cuts: readonly number[],
  direction: Direction,
): Uint8Array {
  assertFinite(`${name} cuts`, cuts)
  for (let j = 1; j < cuts.length; j++) {
    if ((cuts[j] as number) <= (cuts[j - 1] as number)) {
      invalidInput(`${name} cuts must be strictly ascending: ${cuts[j - 1]} then ${cuts[j]}`)
    }
  }
  const k = cuts.length + 1
  const scores = new Uint8Array(values.length)
  for (let i = 0; i < values.length; i++) {
    let bin = 0
    while (bin < cuts.length && (values[i] as number) >= (cuts[bin] as number)) bin++
    scores[i] = direction === 'higher' ? 1 + bin : k - bin
  }
  return scores
}

function cutsOf(
  values: Float64Array,
  scores: Uint8Array,
  k: number,
  direction: Direction,
): number[] {
  const minOfBin = new Array<number>(k).fill(Infinity)
  for (let i = 0; i < values.length; i++) {
    const s = scores[i] as number
    const bin = direction === 'higher' ? s - 1 : k - s
    minOfBin[bin] = Math.min(minOfBin[bin] as number, values[i] as number)
  }
  const cuts = new Array<number>(k - 1)
  let suffixMin = Infinity
  for (let j = k - 2; j >= 0; j--) {
    suffixMin = Math.min(suffixMin, minOfBin[j + 1] as number)
    cuts[j] = suffixMin
  }
  return cuts
}

function tieReason(values: Float64Array): string {
  const sorted = Float64Array.from(values).sort()
  let best = 0
  let bestValue = NaN
  for (let start = 0; start < sorted.length;) {
    let end = start + 1
    while (end < sorted.length && sorted[end] === sorted[start]) end++
    if (end - start > best) [best, bestValue] = [end - start, sorted[start] as number]
    start = end
  }
  const share = Math.round((1000 * best) / sorted.length) / 10
  return `${share}% of customers share the value ${bestValue}`
}
