/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): Poisson purchases
 * with gamma-distributed rates, and after each repeat purchase a beta-distributed chance of
 * dropping out. Likelihood (their eq. 6) and predictions (eqs. 7, 10, 13), in log space.
 */
import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import { aliveExpectedPurchases, survivalAhead } from './bg-common.js'
import { fitModel, type BtydFit, type FitOptions } from './fit.js'
import { byCount } from './by-count.js'
import { inverseOnePlusExp, logAddExp } from './log-space.js'
import { checkCustomerSummary, totalWeight, weightsOf, type CustomerSummary } from './summary.js'
import { checkHorizon, horizonsOf, meanOf } from './predict.js'

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, alpha) (alpha in the data's time unit), dropout p ~ Beta(a, b); all > 0. */
export interface BgNbdParams {
  readonly r: number
  readonly alpha: number
  readonly a: number
  readonly b: number
}

/** Per-row log-likelihoods ℓ(x, t_x, T) of FHL (2005) eq. 6, unweighted. */
export function bgNbdLogLikelihoodRows(p: BgNbdParams, data: CustomerSummary): Float64Array {
  const n = checkCustomerSummary(data)
  return Float64Array.from({ length: n }, (_, i) =>
    rowLogLikelihood(p, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0),
  )
}

function rowLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p
  const common =
    gammaln(r + x) -
    gammaln(r) +
    r * Math.log(alpha) +
    gammaln(a + b) +
    gammaln(b + x) -
    gammaln(b) -
    gammaln(a + b + x)
  const alive = -(r + x) * Math.log(alpha + T)
  if (x === 0) return common + alive
  const dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx)
  return common + logAddExp(alive, dropped)
}

/** Weighted log-likelihood of BG/NBD (FHL 2005 eq. 6) and its gradient in (r, alpha, a, b). */
export function bgNbdLogLikelihood(
  p: BgNbdParams,
  data: CustomerSummary,
): { value: number; gradient: Float64Array } {
  const n = checkCustomerSummary(data)
  const w = weightsOf(data.weight, n)
  const { r, alpha, a, b } = p
  const g = new Float64Array(4)
  let value = 0
  const base = [digamma(r), digamma(a + b), digamma(b)] as const
  // Terms that depend on the row only through x, computed once per distinct count.
  const common = byCount(
    (x) =>
      gammaln(r + x) -
      gammaln(r) +
      r * Math.log(alpha) +
      gammaln(a + b) +
      gammaln(b + x) -
      gammaln(b) -
      gammaln(a + b + x),
  )
  const digammaRx = byCount((x) => digamma(r + x))
  const digammaAbx = byCount((x) => digamma(a + b + x))
  const digammaBx = byCount((x) => digamma(b + x))
  for (let i = 0; i < n; i++) {
    const x = data.x[i] ?? 0
    const tx = data.tx[i] ?? 0
    const T = data.T[i] ?? 0
    const wi = w[i] ?? 0
    if (wi === 0) continue
    const alive = -(r + x) * Math.log(alpha + T)
    const dropped =
      x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity
    value += wi * (x === 0 ? common(x) + alive : common(x) + logAddExp(alive, dropped))
    const share = inverseOnePlusExp(alive - dropped)
    const dabx = digammaAbx(x)
    g[0] =
      (g[0] ?? 0) +
      wi *
        (digammaRx(x) -
          base[0] +
          Math.log(alpha) -
          (1 - share) * Math.log(alpha + T) -
          share * Math.log(alpha + tx))
    g[1] =
      (g[1] ?? 0) +
      wi * (r / alpha - ((1 - share) * (r + x)) / (alpha + T) - (share * (r + x)) / (alpha + tx))
    g[2] = (g[2] ?? 0) + wi * (base[1] - dabx + share / a)
    g[3] =
      (g[3] ?? 0) +
      wi * (base[1] + digammaBx(x) - base[2] - dabx - (x > 0 ? share / (b + x - 1) : 0))
  }
  return { value, gradient: g }
}

export function fitBgNbd(
  data: CustomerSummary,
  options: FitOptions<BgNbdParams> = {},
): BtydFit<BgNbdParams> {
  const n = checkCustomerSummary(data)
  return fitModel<BgNbdParams>(
    {
      model: 'bgnbd',
      names: ['r', 'alpha', 'a', 'b'],
      defaults: { r: 1, alpha: meanOf(data.T, data.weight), a: 1, b: 1 },
      logLikelihood: (p) => bgNbdLogLikelihood(p, data),
      customers: totalWeight(data.weight, n),
    },
    options,
  )
}

function logDropoutOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return -Infinity
  return (
    Math.log(p.a) -
    Math.log(p.b + x - 1) +
    (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx))
  )
}

/** P(alive at T | x, t_x, T), in [0, 1]; 1 when x = 0 (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model", eq. 1). */
export function bgNbdProbabilityAlive(p: BgNbdParams, data: CustomerSummary): Float64Array {
  const n = checkCustomerSummary(data)
  return Float64Array.from({ length: n }, (_, i) =>
    inverseOnePlusExp(logDropoutOdds(p, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0)),
  )
}

/** P(alive at T + t | x, t_x, T) for t ≥ 0 time units ahead: P(alive at T) · 2F1(r+x, a; a+b+x; −t/(α+T)). */
export function bgNbdProbabilityAliveAt(
  p: BgNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  checkHorizon(t)
  const alive = bgNbdProbabilityAlive(p, data)
  return alive.map((v, i) => {
    const x = data.x[i] ?? 0
    return v * survivalAhead(p.r + x, p.a, p.b + x, p.alpha + (data.T[i] ?? 0), t)
  })
}

/** P(no purchase in (T, T + t] | x, t_x, T), the churn risk over the next t: the likelihood ratio L(x, t_x, T + t) / L(x, t_x, T). */
export function bgNbdProbabilityNoPurchase(
  p: BgNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  const n = checkCustomerSummary(data)
  checkHorizon(t)
  return Float64Array.from({ length: n }, (_, i) => {
    const x = data.x[i] ?? 0
    const tx = data.tx[i] ?? 0
    const T = data.T[i] ?? 0
    return Math.exp(rowLogLikelihood(p, x, tx, T + t) - rowLogLikelihood(p, x, tx, T))
  })
}

/** E[X(T, T + t] | x, t_x, T], expected purchases in the next t time units (FHL 2005 eq. 10). */
export function bgNbdExpectedPurchases(
  p: BgNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  checkHorizon(t)
  const alive = bgNbdProbabilityAlive(p, data)
  return alive.map((v, i) => {
    const x = data.x[i] ?? 0
    return v * aliveExpectedPurchases(p.r + x, p.b + x, p.a, p.alpha + (data.T[i] ?? 0), t)
  })
}

/** E[X(t)], expected repeat purchases in (0, t] of a customer just acquired, for each horizon t ≥ 0 (FHL 2005 eq. 7). */
export function bgNbdExpectedPurchasesNew(
  p: BgNbdParams,
  horizons: ArrayLike<number>,
): Float64Array {
  return horizonsOf(horizons).map((t) => aliveExpectedPurchases(p.r, p.b, p.a, p.alpha, t))
}
