/**
 * BG/BB (Fader, Hardie & Shang 2010, "Customer-base analysis in a discrete-time noncontractual
 * setting"): at each of n discrete opportunities an alive customer buys with probability
 * p ~ Beta(alpha, beta) and then dies with probability θ ~ Beta(gamma, delta). Likelihood (their
 * eq. 5) as a log-sum-exp of beta-function ratios, with its analytic gradient.
 */
import betaln from '@stdlib/math-base-special-betaln'
import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import { fitModel, type BtydFit, type FitOptions } from './fit.js'
import { checkColumns, invalid, totalWeight, weightsOf, type DiscreteSummary } from './summary.js'

/** BG/BB parameters: purchase p ~ Beta(alpha, beta), dropout θ ~ Beta(gamma, delta); all > 0. */
export interface BgBbParams {
  readonly alpha: number
  readonly beta: number
  readonly gamma: number
  readonly delta: number
}

function checkDiscrete(data: DiscreteSummary): number {
  const what = 'discrete summary'
  const n = checkColumns(what, {
    frequency: data.frequency,
    recency: data.recency,
    periods: data.periods,
    weight: data.weight,
  })
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i] ?? 0
    const tx = data.recency[i] ?? 0
    const p = data.periods[i] ?? 0
    if (![x, tx, p].every(Number.isInteger))
      throw invalid(what, i, `frequency/recency/periods = ${x}/${tx}/${p} (must be integers)`)
    if (x < 0) throw invalid(what, i, `frequency = ${x} (negative)`)
    if (p < 1) throw invalid(what, i, `periods = ${p} (must be at least 1)`)
    if (tx > p) throw invalid(what, i, `recency = ${tx} greater than periods = ${p}`)
    if (x > tx) throw invalid(what, i, `frequency = ${x} greater than recency = ${tx}`)
    if (x > 0 && tx === 0) throw invalid(what, i, `frequency = ${x} with recency = 0`)
  }
  return n
}

/** One likelihood term: log[B(α+x, β+y)/B(α,β) · B(γ+k, δ+m)/B(γ,δ)] with its gradient. */
function term(
  q: BgBbParams,
  x: number,
  y: number,
  k: number,
  m: number,
  base: number[],
): [number, number[]] {
  const { alpha, beta, gamma, delta } = q
  const value =
    betaln(alpha + x, beta + y) -
    betaln(alpha, beta) +
    betaln(gamma + k, delta + m) -
    betaln(gamma, delta)
  const dab = digamma(alpha + beta + x + y)
  const dgd = digamma(gamma + delta + k + m)
  return [
    value,
    [
      digamma(alpha + x) - dab - (base[0] ?? 0),
      digamma(beta + y) - dab - (base[1] ?? 0),
      digamma(gamma + k) - dgd - (base[2] ?? 0),
      digamma(delta + m) - dgd - (base[3] ?? 0),
    ],
  ]
}

function rowTerms(
  q: BgBbParams,
  x: number,
  tx: number,
  n: number,
  base: number[],
): [number, number[]][] {
  const out = [term(q, x, n - x, 0, n, base)]
  for (let i = 0; i < n - tx; i++) out.push(term(q, x, tx - x + i, 1, tx + i, base))
  return out
}

function baseDigammas(q: BgBbParams): number[] {
  const dab = digamma(q.alpha + q.beta)
  const dgd = digamma(q.gamma + q.delta)
  return [
    digamma(q.alpha) - dab,
    digamma(q.beta) - dab,
    digamma(q.gamma) - dgd,
    digamma(q.delta) - dgd,
  ]
}

/** Weighted BG/BB log-likelihood (FHS 2010 eq. 5) and its gradient in (alpha, beta, gamma, delta). */
export function bgBbLogLikelihood(
  q: BgBbParams,
  data: DiscreteSummary,
): { value: number; gradient: Float64Array } {
  const n = checkDiscrete(data)
  const w = weightsOf(data.weight, n)
  const base = baseDigammas(q)
  const g = new Float64Array(4)
  let value = 0
  for (let i = 0; i < n; i++) {
    const wi = w[i] ?? 0
    if (wi === 0) continue
    const terms = rowTerms(
      q,
      data.frequency[i] ?? 0,
      data.recency[i] ?? 0,
      data.periods[i] ?? 0,
      base,
    )
    const top = Math.max(...terms.map((t) => t[0]))
    const shares = terms.map((t) => Math.exp(t[0] - top))
    const total = shares.reduce((s, v) => s + v, 0)
    value += wi * (top + Math.log(total))
    terms.forEach(([, grad], j) =>
      grad.forEach((d, k) => (g[k] = (g[k] ?? 0) + (wi * (shares[j] ?? 0) * d) / total)),
    )
  }
  return { value, gradient: g }
}

/**
 * Fits BG/BB by maximum likelihood on weighted (frequency, recency, periods) rows.
 * @example fitBgBb(donations).params // { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }
 */
export function fitBgBb(
  data: DiscreteSummary,
  options: FitOptions<BgBbParams> = {},
): BtydFit<BgBbParams> {
  const n = checkDiscrete(data)
  return fitModel<BgBbParams>(
    {
      model: 'bgbb',
      names: ['alpha', 'beta', 'gamma', 'delta'],
      defaults: { alpha: 1, beta: 1, gamma: 1, delta: 1 },
      logLikelihood: (q) => bgBbLogLikelihood(q, data),
      customers: totalWeight(data.weight, n),
    },
    options,
  )
}

function rowLogLikelihoods(q: BgBbParams, data: DiscreteSummary): Float64Array {
  const n = checkDiscrete(data)
  const base = [0, 0, 0, 0]
  return Float64Array.from({ length: n }, (_, i) => {
    const terms = rowTerms(
      q,
      data.frequency[i] ?? 0,
      data.recency[i] ?? 0,
      data.periods[i] ?? 0,
      base,
    )
    const top = Math.max(...terms.map((t) => t[0]))
    return top + Math.log(terms.reduce((s, t) => s + Math.exp(t[0] - top), 0))
  })
}

/** P(alive at opportunity n + m | x, t_x, n) for m ≥ 0 (m = 1 is FHS 2010 eq. 11, "alive in the next period"). */
export function bgBbProbabilityAlive(q: BgBbParams, data: DiscreteSummary, m = 1): Float64Array {
  if (!(Number.isInteger(m) && m >= 0)) throw invalid('opportunities ahead', 0, `m = ${m}`)
  return rowLogLikelihoods(q, data).map((l, i) => {
    const x = data.frequency[i] ?? 0
    const n = data.periods[i] ?? 0
    const alive =
      betaln(q.alpha + x, q.beta + n - x) -
      betaln(q.alpha, q.beta) +
      betaln(q.gamma, q.delta + n + m) -
      betaln(q.gamma, q.delta)
    return Math.exp(alive - l)
  })
}

/** Σ_{k=1}^{count} B(γ, δ+start+k)/B(γ, δ): expected alive-opportunities ahead; closed form of FHS eq. 13 away from γ = 1. */
function aliveOpportunities(q: BgBbParams, start: number, count: number): number {
  const { gamma, delta } = q
  if (count <= 1000 || Math.abs(gamma - 1) < 1e-3) {
    let s = 0
    for (let k = 1; k <= count; k++)
      s += Math.exp(betaln(gamma, delta + start + k) - betaln(gamma, delta))
    return s
  }
  const head = Math.log(delta) - Math.log(Math.abs(gamma - 1))
  const scale = Math.exp(head + logGammaRatio(gamma + delta, 1 + delta))
  const inner =
    Math.exp(logGammaRatio(1 + delta + start, gamma + delta + start)) -
    Math.exp(logGammaRatio(1 + delta + start + count, gamma + delta + start + count))
  return Math.sign(gamma - 1) * scale * inner
}

function logGammaRatio(a: number, b: number): number {
  return gammaln(a) - gammaln(b)
}

/** E[X(n, n + count] | x, t_x, n], expected purchases in the next `count` opportunities (FHS 2010 eq. 13). */
export function bgBbExpectedPurchases(
  q: BgBbParams,
  data: DiscreteSummary,
  count: number,
): Float64Array {
  if (!(Number.isInteger(count) && count >= 0))
    throw invalid('opportunities ahead', 0, `count = ${count}`)
  return rowLogLikelihoods(q, data).map((l, i) => {
    const x = data.frequency[i] ?? 0
    const n = data.periods[i] ?? 0
    const buy = betaln(q.alpha + x + 1, q.beta + n - x) - betaln(q.alpha, q.beta)
    return Math.exp(buy - l) * aliveOpportunities(q, n, count)
  })
}

/** E[X(n)], expected purchases of a new customer in the first n opportunities, for each n (FHS 2010 eq. 8). */
export function bgBbExpectedPurchasesNew(
  q: BgBbParams,
  opportunities: ArrayLike<number>,
): Float64Array {
  return Float64Array.from(opportunities, (n) => {
    if (!(Number.isInteger(n) && n >= 0)) throw invalid('opportunities', 0, `n = ${n}`)
    return (q.alpha / (q.alpha + q.beta)) * aliveOpportunities(q, 0, n)
  })
}
