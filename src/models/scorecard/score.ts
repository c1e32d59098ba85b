/**
 * The customer value scorecard (客户价值评分卡): indicators normalised to 0–1, weighted by
 * hand, by AHP or by the entropy method, summed into a score of 0–100 per customer.
 */
import { assertLength, invalidInput, type Direction, type ModelWarning } from '../quantiles.js'
import { ahpWeights, type AhpResult } from './ahp.js'
import { entropyWeights, type EntropyResult } from './entropy.js'
import { normalise, type NormaliseMethod, type NormalisedColumn } from './normalise.js'

/** Hand weights (summing to 1), an AHP comparison matrix, or the entropy method. */
export type WeightSpec =
  | readonly number[]
  | { readonly kind: 'ahp'; readonly matrix: readonly (readonly number[])[] }
  | { readonly kind: 'entropy' }

/** One scorecard indicator: a column with one value per customer and its direction. */
export interface ScorecardIndicator {
  readonly values: Float64Array
  /** Default `'higher'`; use `'lower'` for recency, complaints, days since contact. */
  readonly direction?: Direction
  readonly name?: string
}

/** Options of {@link scorecard}. */
export interface ScorecardOptions {
  /** Default `'minmax'`. */
  readonly method?: NormaliseMethod
  readonly weights: WeightSpec
}

/** Scores 0–100 with the weights and normalised columns behind them. */
export interface ScorecardResult {
  readonly scores: Float64Array
  readonly weights: Float64Array
  readonly normalised: readonly NormalisedColumn[]
  readonly ahp: AhpResult | null
  readonly entropy: EntropyResult | null
  readonly warnings: readonly ModelWarning[]
}

/** How far hand weights may sum from 1. */
const WEIGHT_SUM_TOLERANCE = 1e-6

/**
 * Checks hand weights: one per indicator, each finite and ≥ 0, summing to 1 within 1e-6.
 * @example validateWeights([0.5, 0.3, 0.2], 3) // Float64Array [0.5, 0.3, 0.2]
 */
export function validateWeights(weights: readonly number[], count: number): Float64Array {
  if (weights.length !== count) invalidInput(`${weights.length} weights for ${count} indicators`)
  let sum = 0
  weights.forEach((w, j) => {
    if (!(Number.isFinite(w) && w >= 0))
      invalidInput(`weights[${j}] must be a finite number ≥ 0: got ${w}`)
    sum += w
  })
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    invalidInput(
      `weights sum to ${Number(sum.toPrecision(12))}, expected 1 (±${WEIGHT_SUM_TOLERANCE})`,
    )
  }
  return Float64Array.from(weights)
}

/**
 * Weighted score 100 · Σⱼ wⱼ xᵢⱼ per customer from columns already in 0–1, so 0–100.
 * @example weightedScore([Float64Array.of(1, 0)], [1]) // [100, 0]
 */
export function weightedScore(
  columns: readonly Float64Array[],
  weights: ArrayLike<number>,
): Float64Array {
  assertLength('weights', weights, columns.length)
  const n = columns[0]?.length ?? 0
  const scores = new Float64Array(n)
  columns.forEach((col, j) => {
    assertLength(`column ${j}`, col, n)
    const w = 100 * (weights[j] as number)
    for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + w * (col[i] as number)
  })
  return scores
}

/** A scorecard's weights, how they were found, and its warnings. */
export interface ScorecardWeights {
  readonly weights: Float64Array
  readonly ahp: AhpResult | null
  readonly entropy: EntropyResult | null
  readonly warnings: readonly ModelWarning[]
}

/**
 * The weights of a scorecard over `indicators` (names, and whether each was constant), with
 * its warnings: the spec's hand or AHP weights, or the entropy weights `entropy` computes
 * (from min-max normalised columns, or from their sums where a database holds them).
 * @example scorecardWeights(columns, { kind: 'ahp', matrix: [[1, 3], [1 / 3, 1]] }, noEntropy).weights // [0.75, 0.25]
 */
export function scorecardWeights(
  indicators: readonly { readonly name: string; readonly constant: boolean }[],
  spec: WeightSpec,
  entropy: () => EntropyResult,
): ScorecardWeights {
  const warnings: ModelWarning[] = indicators.flatMap(({ name, constant }) =>
    constant
      ? [
          {
            code: 'constant_indicator',
            message: `${name} is the same for every customer: it adds the same points to everyone`,
          },
        ]
      : [],
  )
  if (Array.isArray(spec))
    return { weights: validateWeights(spec, indicators.length), ahp: null, entropy: null, warnings }
  if ('kind' in spec && spec.kind === 'ahp') {
    if (spec.matrix.length !== indicators.length) {
      invalidInput(`AHP matrix has ${spec.matrix.length} rows for ${indicators.length} indicators`)
    }
    const ahp = ahpWeights(spec.matrix)
    if (!ahp.consistent) {
      warnings.push({
        code: 'ahp_inconsistent',
        message: `AHP comparisons are inconsistent (CR ${ahp.cr.toFixed(3)} ≥ 0.1): revise the pairwise judgements`,
      })
    }
    return { weights: ahp.weights, ahp, entropy: null, warnings }
  }
  const e = entropy()
  warnings.push(...e.warnings)
  return { weights: e.weights, ahp: null, entropy: e, warnings }
}

/**
 * A value scorecard: normalise each indicator (1 = best), weight, and score 0–100; entropy
 * weights are computed on min-max normalised columns whatever `method` scores with.
 * @example scorecard([{ values: monetary }, { values: recency, direction: 'lower' }], { weights: [0.6, 0.4] })
 */
export function scorecard(
  indicators: readonly ScorecardIndicator[],
  options: ScorecardOptions,
): ScorecardResult {
  if (indicators.length === 0) invalidInput('a scorecard needs at least one indicator')
  const method = options.method ?? 'minmax'
  const name = (ind: ScorecardIndicator, j: number) => ind.name ?? `indicator ${j}`
  const normalised = indicators.map((ind, j) =>
    normalise(ind.values, method, ind.direction, name(ind, j)),
  )
  const entropy = () => {
    const minmax =
      method === 'minmax'
        ? normalised
        : indicators.map((ind, j) => normalise(ind.values, 'minmax', ind.direction, name(ind, j)))
    return entropyWeights(minmax.map((c) => c.values))
  }
  const named = normalised.map((c, j) => ({
    name: name(indicators[j] as ScorecardIndicator, j),
    constant: c.constant,
  }))
  const w = scorecardWeights(named, options.weights, entropy)
  const scores = weightedScore(
    normalised.map((c) => c.values),
    w.weights,
  )
  return { scores, normalised, ...w }
}
