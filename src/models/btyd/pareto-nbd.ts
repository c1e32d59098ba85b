/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): Poisson purchases at gamma-distributed
 * rates λ ~ Gamma(r, α) and exponential lifetimes at gamma-distributed rates μ ~ Gamma(s, β).
 * Likelihood in the form of Fader, Hardie & Lee (2005), "A note on deriving the Pareto/NBD
 * model and related expressions", eqs. 19–22, in log space with a finite 2F1.
 */
import gammaln from '@stdlib/math-base-special-gammaln'
import { fitModel, type BtydFit, type FitOptions } from './fit.js'
import { logHyp2f1 } from './hyp2f1.js'
import { inverseOnePlusExp, logAddExp, logSubExp, oneMinusPowerOverK } from './log-space.js'
import { checkHorizon, horizonsOf, meanOf } from './predict.js'
import { checkCustomerSummary, totalWeight, weightsOf, type CustomerSummary } from './summary.js'

/** Pareto/NBD parameters: λ ~ Gamma(r, alpha), μ ~ Gamma(s, beta); alpha, beta in the data's time unit; all > 0. */
export interface ParetoNbdParams {
  readonly r: number
  readonly alpha: number
  readonly s: number
  readonly beta: number
}

/** log A₀ of FHL (2005) eqs. 20–21; −Infinity when t_x = T (A₀ = 0). */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  const rsf = r + s + x
  const [top, b2] = alpha >= beta ? [alpha, s + 1] : [beta, r + x]
  const gap = Math.abs(alpha - beta)
  const at = (t: number): number =>
    logHyp2f1(rsf, b2, rsf + 1, gap / (top + t)) - rsf * Math.log(top + t)
  return logSubExp(at(tx), at(T))
}

/** log of the odds (dead-since-t_x part : alive part) of the likelihood; P(alive) = 1/(1 + e^odds). */
function logDeadOdds(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  return (
    Math.log(s) -
    Math.log(r + s + x) +
    logA0(p, x, tx, T) +
    (r + x) * Math.log(alpha + T) +
    s * Math.log(beta + T)
  )
}

function rowLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  const head = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta)
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T)
  const dead = Math.log(s) - Math.log(r + s + x) + logA0(p, x, tx, T)
  return head + logAddExp(alive, dead)
}

/** Per-row log-likelihoods ℓ(x, t_x, T) of FHL (2005) eq. 19, unweighted. */
export function paretoNbdLogLikelihoodRows(
  p: ParetoNbdParams,
  data: CustomerSummary,
): Float64Array {
  const n = checkCustomerSummary(data)
  return Float64Array.from({ length: n }, (_, i) =>
    rowLogLikelihood(p, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0),
  )
}

/** Weighted Pareto/NBD log-likelihood (FHL 2005 eq. 19). */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, data: CustomerSummary): number {
  const rows = paretoNbdLogLikelihoodRows(p, data)
  const w = weightsOf(data.weight, rows.length)
  return rows.reduce((sum, v, i) => ((w[i] ?? 0) === 0 ? sum : sum + (w[i] ?? 0) * v), 0)
}

/**
 * Fits Pareto/NBD by maximum likelihood (finite-difference gradients) on weighted distinct rows.
 * @example fitParetoNbd({ x, tx, T, weight }).params // CDNOW weeks: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }
 */
export function fitParetoNbd(
  data: CustomerSummary,
  options: FitOptions<ParetoNbdParams> = {},
): BtydFit<ParetoNbdParams> {
  const n = checkCustomerSummary(data)
  const meanT = meanOf(data.T, data.weight)
  return fitModel<ParetoNbdParams>(
    {
      model: 'pnbd',
      names: ['r', 'alpha', 's', 'beta'],
      defaults: { r: 1, alpha: meanT, s: 1, beta: meanT },
      logLikelihood: (p) => paretoNbdLogLikelihood(p, data),
      customers: totalWeight(data.weight, n),
    },
    options,
  )
}

/** P(alive at T | x, t_x, T) in [0, 1] (FHL 2005 note, eq. 18). */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, data: CustomerSummary): Float64Array {
  const n = checkCustomerSummary(data)
  return Float64Array.from({ length: n }, (_, i) =>
    inverseOnePlusExp(logDeadOdds(p, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0)),
  )
}

/** P(alive at T + t | x, t_x, T) = P(alive at T) · ((β+T)/(β+T+t))^s, since μ | alive at T ~ Gamma(s, β + T). */
export function paretoNbdProbabilityAliveAt(
  p: ParetoNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  checkHorizon(t)
  return paretoNbdProbabilityAlive(p, data).map((v, i) => {
    const bT = p.beta + (data.T[i] ?? 0)
    return v * Math.exp(p.s * (Math.log(bT) - Math.log(bT + t)))
  })
}

/** P(no purchase in (T, T + t] | x, t_x, T), the churn risk over the next t: L(x, t_x, T + t) / L(x, t_x, T). */
export function paretoNbdProbabilityNoPurchase(
  p: ParetoNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  const n = checkCustomerSummary(data)
  checkHorizon(t)
  return Float64Array.from({ length: n }, (_, i) => {
    const x = data.x[i] ?? 0
    const tx = data.tx[i] ?? 0
    const T = data.T[i] ?? 0
    return Math.min(1, Math.exp(rowLogLikelihood(p, x, tx, T + t) - rowLogLikelihood(p, x, tx, T)))
  })
}

/** E[X(T, T + t] | x, t_x, T] = P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] (FHL 2005 note, eq. 24; continuous at s = 1). */
export function paretoNbdExpectedPurchases(
  p: ParetoNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  checkHorizon(t)
  return paretoNbdProbabilityAlive(p, data).map((v, i) => {
    const x = data.x[i] ?? 0
    const T = data.T[i] ?? 0
    const bT = p.beta + T
    const decay = oneMinusPowerOverK(p.s - 1, Math.log(bT) - Math.log(bT + t))
    return (v * (p.r + x) * bT * decay) / (p.alpha + T)
  })
}

/** E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}], expected purchases in (0, t] of a new customer (FHL 2005 note, eq. 17). */
export function paretoNbdExpectedPurchasesNew(
  p: ParetoNbdParams,
  horizons: ArrayLike<number>,
): Float64Array {
  return horizonsOf(horizons).map(
    (t) =>
      ((p.r * p.beta) / p.alpha) *
      oneMinusPowerOverK(p.s - 1, Math.log(p.beta) - Math.log(p.beta + t)),
  )
}
