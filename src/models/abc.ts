/**
 * ABC / Pareto classification on one value indicator (revenue, profit, CLV). Customers are
 * ranked by value descending, ties by index, and cut by cumulative value share or by
 * customer-count share. Negative values (net refunds) count as zero value: they are ranked
 * last, always class C, and do not reduce the total that shares are taken of.
 */
import { assertFinite, invalidInput, type ModelWarning } from './quantiles.js'

/** The ABC classes, indexed by `abcClasses(...).classes`. */
export const ABC_CLASSES = [
  { id: 'a', zh: 'A类客户(重要)', en: 'A (key)' },
  { id: 'b', zh: 'B类客户(次要)', en: 'B (secondary)' },
  { id: 'c', zh: 'C类客户(一般)', en: 'C (general)' },
] as const

/** Options of {@link abcClasses}. */
export interface AbcOptions {
  /** Cut by cumulative share of value (default) or by share of customers. */
  readonly by?: 'value' | 'count'
  /** Cumulative shares ending A and B, 0 < A < B ≤ 1; default [0.7, 0.9] by value, [0.2, 0.5] by count. */
  readonly thresholds?: readonly [number, number]
  /** Most points of the returned Pareto curve, at least 4 (default 101). */
  readonly maxCurvePoints?: number
}

/** Size and value of one class. */
export interface AbcClassSummary {
  readonly count: number
  readonly countShare: number
  /** Sum of the class's values, refunds included. */
  readonly netValue: number
  /** Share of the total positive value held by the class, 0–1. */
  readonly valueShare: number
}

/** ABC result: class per customer, ranking, cut values, class summaries and the Pareto curve. */
export interface AbcResult {
  readonly by: 'value' | 'count'
  readonly thresholds: readonly [number, number]
  /** Index into `ABC_CLASSES` per customer (0 = A). */
  readonly classes: Uint8Array
  /** Customer indices from most to least valuable. */
  readonly order: Int32Array
  /** Smallest value in A and in B; null for an empty class. */
  readonly cutValues: { readonly a: number | null; readonly b: number | null }
  readonly summary: readonly [AbcClassSummary, AbcClassSummary, AbcClassSummary]
  /** Sum of positive values, the denominator of every value share. */
  readonly totalPositive: number
  /** Pareto curve: share of customers (x, 0–1) vs share of positive value (y, 0–1), from (0, 0). */
  readonly curve: { readonly x: Float64Array; readonly y: Float64Array }
  readonly warnings: readonly ModelWarning[]
}

/**
 * ABC classes: a customer is in A when the share ranked strictly before it is below the A
 * threshold (so the customer that crosses 70 % is still A and the top customer always is), in
 * B likewise for the B threshold, else C; the Pareto principle as used in ABC analysis.
 * @example abcClasses(revenue).summary[0].valueShare // ≥ 0.7 of positive revenue sits in A
 */
export function abcClasses(values: Float64Array, options: AbcOptions = {}): AbcResult {
  assertFinite('values', values)
  const n = values.length
  if (n === 0) invalidInput('values is empty')
  const by = options.by ?? 'value'
  const thresholds = options.thresholds ?? (by === 'value' ? [0.7, 0.9] : [0.2, 0.5])
  const [ta, tb] = thresholds
  if (!(ta > 0 && ta < tb && tb <= 1)) {
    invalidInput(`ABC thresholds must satisfy 0 < A < B ≤ 1: got [${ta}, ${tb}]`)
  }
  const maxPoints = options.maxCurvePoints ?? 101
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    invalidInput(`maxCurvePoints must be an integer of at least 4: got ${maxPoints}`)
  }
  const order = valueOrder(values)
  let total = 0
  let negatives = 0
  for (const v of values) {
    if (v > 0) total += v
    else if (v < 0) negatives++
  }
  const warnings: ModelWarning[] = []
  if (negatives > 0) {
    warnings.push({
      code: 'negative_values',
      message: `${negatives} of ${n} customers have a negative value (net refunds): counted as zero value and put in C`,
    })
  }
  if (by === 'value' && total === 0) {
    warnings.push({
      code: 'no_positive_value',
      message: 'no customer has a positive value: everyone is in C',
    })
  }
  const classes = new Uint8Array(n)
  const cumulative = new Float64Array(n + 1)
  // shares within 1e-12 of a threshold count as reaching it, so float sums that should land
  // exactly on 70 % do not slip a customer into A
  const eps = 1e-12
  for (let rank = 0; rank < n; rank++) {
    const i = order[rank] as number
    const v = values[i] as number
    const before = by === 'count' ? rank / n : total > 0 ? (cumulative[rank] as number) / total : 1
    classes[i] = v < 0 ? 2 : before < ta - eps ? 0 : before < tb - eps ? 1 : 2
    cumulative[rank + 1] = (cumulative[rank] as number) + Math.max(0, v)
  }
  return {
    by,
    thresholds: [ta, tb],
    classes,
    order,
    cutValues: { a: smallestIn(values, classes, 0), b: smallestIn(values, classes, 1) },
    summary: summarise(values, classes, total),
    totalPositive: total,
    curve: paretoCurve(cumulative, total, classes, order, maxPoints),
    warnings,
  }
}

function valueOrder(values: Float64Array): Int32Array {
  const order = new Int32Array(values.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b)
}

function smallestIn(values: Float64Array, classes: Uint8Array, c: number): number | null {
  let min = Infinity
  for (let i = 0; i < values.length; i++)
    if (classes[i] === c) min = Math.min(min, values[i] as number)
  return min === Infinity ? null : min
}

function summarise(values: Float64Array, classes: Uint8Array, total: number): AbcResult['summary'] {
  const count = [0, 0, 0]
  const net = [0, 0, 0]
  const positive = [0, 0, 0]
  for (let i = 0; i < values.length; i++) {
    const c = classes[i] as number
    const v = values[i] as number
    count[c] = (count[c] as number) + 1
    net[c] = (net[c] as number) + v
    positive[c] = (positive[c] as number) + Math.max(0, v)
  }
  const one = (c: number): AbcClassSummary => ({
    count: count[c] as number,
    countShare: (count[c] as number) / values.length,
    netValue: net[c] as number,
    valueShare: total > 0 ? (positive[c] as number) / total : 0,
  })
  return [one(0), one(1), one(2)]
}

/** Evenly spaced ranks plus the two class boundaries, so charts show where A and B end. */
function paretoCurve(
  cumulative: Float64Array,
  total: number,
  classes: Uint8Array,
  order: Int32Array,
  maxPoints: number,
): AbcResult['curve'] {
  const n = order.length
  const ranks = new Set<number>()
  const even = Math.min(maxPoints - 2, n + 1)
  for (let j = 0; j < even; j++) ranks.add(Math.round((j * n) / (even - 1)))
  for (let rank = 1; rank < n; rank++) {
    if (classes[order[rank] as number] !== classes[order[rank - 1] as number]) ranks.add(rank)
  }
  const sorted = [...ranks].sort((a, b) => a - b)
  const x = new Float64Array(sorted.length)
  const y = new Float64Array(sorted.length)
  sorted.forEach((rank, j) => {
    x[j] = rank / n
    y[j] = total > 0 ? (cumulative[rank] as number) / total : 0
  })
  return { x, y }
}
