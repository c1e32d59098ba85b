/**
 * sBG, the shifted-beta-geometric model of contract renewals (Fader & Hardie 2007, "How to
 * project customer retention"): each customer renews each period with probability 1 − θ,
 * θ ~ Beta(alpha, beta). Survival, retention, expected remaining lifetime and DERL (Fader &
 * Hardie 2010, "Customer-base valuation in a contractual setting").
 */
import betaln from '@stdlib/math-base-special-betaln'
import digamma from '@stdlib/math-base-special-digamma'
import { fitModel, type BtydFit, type FitOptions } from './fit.js'
import { hyp2f1 } from './hyp2f1.js'
import { checkColumns, invalid, totalWeight, weightsOf, type ContractSummary } from './summary.js'

/** sBG parameters: churn probability θ ~ Beta(alpha, beta); both > 0. */
export interface SbgParams {
  readonly alpha: number
  readonly beta: number
}

function checkContracts(data: ContractSummary): number {
  const what = 'contract summary'
  const n = checkColumns(what, { t: data.t, churned: data.churned, weight: data.weight })
  for (let i = 0; i < n; i++) {
    const t = data.t[i] ?? 0
    const c = data.churned[i] ?? 0
    if (c !== 0 && c !== 1) throw invalid(what, i, `churned = ${c} (must be 0 or 1)`)
    if (!Number.isInteger(t) || t < c)
      throw invalid(what, i, `t = ${t} (must be an integer ≥ ${c})`)
  }
  return n
}

/**
 * Contract rows from survivor counts per period: survivors[0] is the cohort, survivors[t] those still active after t periods.
 * @example sbgFromSurvivors([1000, 631, 468]) // churned 369 at t=1, 163 at t=2; 468 still active after 2
 */
export function sbgFromSurvivors(survivors: ArrayLike<number>): ContractSummary {
  const k = survivors.length - 1
  if (k < 1) throw invalid('survivor counts', 0, `${survivors.length} entries (need at least 2)`)
  const t = new Float64Array(k + 1)
  const churned = new Float64Array(k + 1)
  const weight = new Float64Array(k + 1)
  for (let i = 1; i <= k; i++) {
    const lost = (survivors[i - 1] ?? NaN) - (survivors[i] ?? NaN)
    if (!(lost >= 0))
      throw invalid('survivor counts', i, `${survivors[i]} survivors after ${survivors[i - 1]}`)
    t[i - 1] = i
    churned[i - 1] = 1
    weight[i - 1] = lost
  }
  t[k] = k
  weight[k] = survivors[k] ?? NaN
  return { t, churned, weight }
}

/** Weighted sBG log-likelihood (FH 2007 eqs. 2–3 and the B12 censoring term) and its gradient in (alpha, beta). */
export function sbgLogLikelihood(
  p: SbgParams,
  data: ContractSummary,
): { value: number; gradient: Float64Array } {
  const n = checkContracts(data)
  const w = weightsOf(data.weight, n)
  const { alpha, beta } = p
  const base = betaln(alpha, beta)
  const dab = digamma(alpha + beta)
  const da = digamma(alpha) - dab
  const db = digamma(beta) - dab
  let value = 0
  const g = new Float64Array(2)
  for (let i = 0; i < n; i++) {
    const wi = w[i] ?? 0
    if (wi === 0) continue
    const t = data.t[i] ?? 0
    const dend = digamma(alpha + beta + t)
    if ((data.churned[i] ?? 0) === 1) {
      value += wi * (betaln(alpha + 1, beta + t - 1) - base)
      g[0] = (g[0] ?? 0) + wi * (digamma(alpha + 1) - dend - da)
      g[1] = (g[1] ?? 0) + wi * (digamma(beta + t - 1) - dend - db)
    } else {
      value += wi * (betaln(alpha, beta + t) - base)
      g[0] = (g[0] ?? 0) + wi * (digamma(alpha) - dend - da)
      g[1] = (g[1] ?? 0) + wi * (digamma(beta + t) - dend - db)
    }
  }
  return { value, gradient: g }
}

/**
 * Fits sBG by maximum likelihood on weighted contract rows.
 * @example fitSbg(sbgFromSurvivors([1000, 631, 468, 382, 326, 289, 262, 241])).params // { alpha: 0.704, beta: 1.182 }
 */
export function fitSbg(
  data: ContractSummary,
  options: FitOptions<SbgParams> = {},
): BtydFit<SbgParams> {
  const n = checkContracts(data)
  return fitModel<SbgParams>(
    {
      model: 'sbg',
      names: ['alpha', 'beta'],
      defaults: { alpha: 1, beta: 1 },
      logLikelihood: (p) => sbgLogLikelihood(p, data),
      customers: totalWeight(data.weight, n),
    },
    options,
  )
}

function periodsOf(periods: ArrayLike<number>, min: number): Float64Array {
  return Float64Array.from(periods, (t, i) => {
    if (!(Number.isInteger(t) && t >= min))
      throw invalid('periods', i, `t = ${t} (must be an integer ≥ ${min})`)
    return t
  })
}

/** S(t) = B(α, β+t)/B(α, β), the share of a new cohort still active after t periods (FH 2007 eq. 3). */
export function sbgSurvival(p: SbgParams, periods: ArrayLike<number>): Float64Array {
  return periodsOf(periods, 0).map((t) =>
    Math.exp(betaln(p.alpha, p.beta + t) - betaln(p.alpha, p.beta)),
  )
}

/** r(t) = (β + t − 1)/(α + β + t − 1), the share of those active at t − 1 who renew at t ≥ 1 (FH 2007 eq. 4). */
export function sbgRetention(p: SbgParams, periods: ArrayLike<number>): Float64Array {
  return periodsOf(periods, 1).map((t) => (p.beta + t - 1) / (p.alpha + p.beta + t - 1))
}

/** Expected further renewals of a customer who has renewed t times, (β + t)/(α − 1); Infinity when α ≤ 1 (the mean does not exist). */
export function sbgExpectedRemainingLifetime(
  p: SbgParams,
  renewals: ArrayLike<number>,
): Float64Array {
  return periodsOf(renewals, 0).map((t) => (p.alpha > 1 ? (p.beta + t) / (p.alpha - 1) : Infinity))
}

/**
 * DERL: expected discounted further payments of a customer who has renewed t times, the next one undiscounted,
 * (β+t)/(α+β+t) · 2F1(1, β+t+1; α+β+t+1; 1/(1+d)) for a discount rate d > 0 per period (FH 2010 eq. 6, n − 1 = t).
 */
export function sbgDiscountedResidualLifetime(
  p: SbgParams,
  renewals: ArrayLike<number>,
  discount: number,
): Float64Array {
  if (!(discount > 0 && Number.isFinite(discount)))
    throw invalid('discount rate', 0, `d = ${discount} (must be > 0)`)
  return periodsOf(renewals, 0).map(
    (t) =>
      ((p.beta + t) / (p.alpha + p.beta + t)) *
      hyp2f1(1, p.beta + t + 1, p.alpha + p.beta + t + 1, 1 / (1 + discount)),
  )
}
