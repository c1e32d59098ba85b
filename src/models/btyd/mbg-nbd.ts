/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD whose customers may also drop out right
 * after their first purchase, so P(alive) < 1 even for x = 0. Likelihood (their eq. 5) and
 * predictions follow BG/NBD with b + x + 1 in place of b + x, in log space.
 */
import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import { aliveExpectedPurchases, survivalAhead } from './bg-common.js'
import { fitModel, type BtydFit, type FitOptions } from './fit.js'
import { inverseOnePlusExp, logAddExp } from './log-space.js'
import { checkHorizon, horizonsOf, meanOf } from './predict.js'
import { checkCustomerSummary, totalWeight, weightsOf, type CustomerSummary } from './summary.js'

/** MBG/NBD parameters: purchase rate λ ~ Gamma(r, alpha) (alpha in the data's time unit), dropout p ~ Beta(a, b); all > 0. */
export interface MbgNbdParams {
  readonly r: number
  readonly alpha: number
  readonly a: number
  readonly b: number
}

function terms(p: MbgNbdParams, x: number, tx: number, T: number): [number, number, number] {
  const { r, alpha, a, b } = p
  const common =
    gammaln(r + x) -
    gammaln(r) +
    r * Math.log(alpha) +
    gammaln(a + b) +
    gammaln(b + x + 1) -
    gammaln(b) -
    gammaln(a + b + x + 1)
  const alive = -(r + x) * Math.log(alpha + T)
  const dropped = Math.log(a) - Math.log(b + x) - (r + x) * Math.log(alpha + tx)
  return [common, alive, dropped]
}

/** Per-row log-likelihoods ℓ(x, t_x, T) of Batislam et al. (2007) eq. 5, unweighted. */
export function mbgNbdLogLikelihoodRows(p: MbgNbdParams, data: CustomerSummary): Float64Array {
  const n = checkCustomerSummary(data)
  return Float64Array.from({ length: n }, (_, i) => {
    const [common, alive, dropped] = terms(p, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0)
    return common + logAddExp(alive, dropped)
  })
}

/** Weighted MBG/NBD log-likelihood and its gradient in (r, alpha, a, b). */
export function mbgNbdLogLikelihood(
  p: MbgNbdParams,
  data: CustomerSummary,
): { value: number; gradient: Float64Array } {
  const n = checkCustomerSummary(data)
  const w = weightsOf(data.weight, n)
  const { r, alpha, a, b } = p
  const g = new Float64Array(4)
  let value = 0
  for (let i = 0; i < n; i++) {
    const wi = w[i] ?? 0
    if (wi === 0) continue
    const x = data.x[i] ?? 0
    const tx = data.tx[i] ?? 0
    const T = data.T[i] ?? 0
    const [common, alive, dropped] = terms(p, x, tx, T)
    value += wi * (common + logAddExp(alive, dropped))
    const share = inverseOnePlusExp(alive - dropped)
    const dab = digamma(a + b) - digamma(a + b + x + 1)
    g[0] =
      (g[0] ?? 0) +
      wi *
        (digamma(r + x) -
          digamma(r) +
          Math.log(alpha) -
          (1 - share) * Math.log(alpha + T) -
          share * Math.log(alpha + tx))
    g[1] =
      (g[1] ?? 0) + wi * (r / alpha - (r + x) * ((1 - share) / (alpha + T) + share / (alpha + tx)))
    g[2] = (g[2] ?? 0) + wi * (dab + share / a)
    g[3] = (g[3] ?? 0) + wi * (dab + digamma(b + x + 1) - digamma(b) - share / (b + x))
  }
  return { value, gradient: g }
}

/**
 * Fits MBG/NBD by maximum likelihood on weighted distinct (x, t_x, T) rows.
 * @example fitMbgNbd({ x, tx, T, weight }).params // CDNOW weeks: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }
 */
export function fitMbgNbd(
  data: CustomerSummary,
  options: FitOptions<MbgNbdParams> = {},
): BtydFit<MbgNbdParams> {
  const n = checkCustomerSummary(data)
  return fitModel<MbgNbdParams>(
    {
      model: 'mbgnbd',
      names: ['r', 'alpha', 'a', 'b'],
      defaults: { r: 1, alpha: meanOf(data.T, data.weight), a: 1, b: 1 },
      logLikelihood: (p) => mbgNbdLogLikelihood(p, data),
      customers: totalWeight(data.weight, n),
    },
    options,
  )
}

/** P(alive at T | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}), in (0, 1) (Batislam et al. 2007, eq. 8). */
export function mbgNbdProbabilityAlive(p: MbgNbdParams, data: CustomerSummary): Float64Array {
  const n = checkCustomerSummary(data)
  return Float64Array.from({ length: n }, (_, i) => {
    const [, alive, dropped] = terms(p, data.x[i] ?? 0, data.tx[i] ?? 0, data.T[i] ?? 0)
    return inverseOnePlusExp(dropped - alive)
  })
}

/** P(alive at T + t | x, t_x, T) = P(alive at T) · 2F1(r+x, a; a+b+x+1; −t/(α+T)). */
export function mbgNbdProbabilityAliveAt(
  p: MbgNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  checkHorizon(t)
  return mbgNbdProbabilityAlive(p, data).map((v, i) => {
    const x = data.x[i] ?? 0
    return v * survivalAhead(p.r + x, p.a, p.b + x + 1, p.alpha + (data.T[i] ?? 0), t)
  })
}

/** P(no purchase in (T, T + t] | x, t_x, T), the churn risk over the next t: L(x, t_x, T + t) / L(x, t_x, T). */
export function mbgNbdProbabilityNoPurchase(
  p: MbgNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  const now = mbgNbdLogLikelihoodRows(p, data)
  checkHorizon(t)
  const later = mbgNbdLogLikelihoodRows(p, { x: data.x, tx: data.tx, T: data.T.map((T) => T + t) })
  return later.map((v, i) => Math.exp(v - (now[i] ?? NaN)))
}

/** E[X(T, T + t] | x, t_x, T], expected purchases in the next t time units (Batislam et al. 2007, eq. 9). */
export function mbgNbdExpectedPurchases(
  p: MbgNbdParams,
  data: CustomerSummary,
  t: number,
): Float64Array {
  checkHorizon(t)
  return mbgNbdProbabilityAlive(p, data).map((v, i) => {
    const x = data.x[i] ?? 0
    return v * aliveExpectedPurchases(p.r + x, p.b + x + 1, p.a, p.alpha + (data.T[i] ?? 0), t)
  })
}

/** E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))], for each horizon t ≥ 0 (Batislam et al. 2007, eq. 7). */
export function mbgNbdExpectedPurchasesNew(
  p: MbgNbdParams,
  horizons: ArrayLike<number>,
): Float64Array {
  const aliveAtStart = p.b / (p.a + p.b)
  return horizonsOf(horizons).map(
    (t) => aliveAtStart * aliveExpectedPurchases(p.r, p.b + 1, p.a, p.alpha, t),
  )
}
