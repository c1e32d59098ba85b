/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves";
 * Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): each transaction value
 * ~ Gamma(p, ν), ν ~ Gamma(q, γ). The rule for bad rows: customers with x = 0 (no repeat
 * purchase, so no mean spend) or zbar ≤ 0 are left out of the fit with a warning; the rest
 * must be finite.
 */
import digamma from '@stdlib/math-base-special-digamma'
import gammaln from '@stdlib/math-base-special-gammaln'
import { byCount } from './by-count.js'
import { fitModel, type BtydFit, type FitOptions } from './fit.js'
import { checkColumns, invalid, weightsOf, type SpendSummary } from './summary.js'

/** Gamma-Gamma parameters: p (shape of each spend), q and gamma (shape and rate of ν's prior; gamma in currency); all > 0, q > 1 for a finite mean. */
export interface GammaGammaParams {
  readonly p: number
  readonly q: number
  readonly gamma: number
}

/** Rows left out of a Gamma-Gamma fit and why. */
export interface GammaGammaWarning {
  readonly code: 'NO_REPEAT_PURCHASE' | 'NON_POSITIVE_SPEND'
  /** Customers (sum of weights) left out for this reason. */
  readonly customers: number
  readonly message: string
}

/** A Gamma-Gamma fit plus the customers it left out. */
export interface GammaGammaFit extends BtydFit<GammaGammaParams> {
  readonly excluded: number
  readonly warnings: readonly GammaGammaWarning[]
}

function checkSpend(data: SpendSummary): number {
  const n = checkColumns('spend summary', { x: data.x, zbar: data.zbar, weight: data.weight })
  data.x.forEach((x, i) => {
    if (x < 0) throw invalid('spend summary', i, `x = ${x} (negative)`)
  })
  return n
}

/** Weighted log-density of the mean spends zbar (Fader & Hardie 2013, eq. 3, with the Jacobian x), and its gradient in (p, q, gamma); rows with x = 0 or zbar ≤ 0 are skipped. */
export function gammaGammaLogLikelihood(
  p: GammaGammaParams,
  data: SpendSummary,
): { value: number; gradient: Float64Array } {
  const n = checkSpend(data)
  const w = weightsOf(data.weight, n)
  const g = new Float64Array(3)
  let value = 0
  // Terms that depend on the row only through x, computed once per distinct count.
  const byX = byCount((x) => {
    const px = p.p * x
    return gammaln(px + p.q) - gammaln(px) - gammaln(p.q) + p.q * Math.log(p.gamma)
  })
  const digammaPxQ = byCount((x) => digamma(p.p * x + p.q))
  const digammaPx = byCount((x) => digamma(p.p * x))
  const digammaQ = digamma(p.q)
  const logGamma = Math.log(p.gamma)
  for (let i = 0; i < n; i++) {
    const x = data.x[i] ?? 0
    const zbar = data.zbar[i] ?? 0
    const wi = w[i] ?? 0
    if (x === 0 || zbar <= 0 || wi === 0) continue
    const s = x * zbar
    const px = p.p * x
    const logGammaS = Math.log(p.gamma + s)
    const logS = Math.log(s)
    value += wi * (byX(x) + (px - 1) * logS + Math.log(x) - (px + p.q) * logGammaS)
    const shared = digammaPxQ(x) - logGammaS
    g[0] = (g[0] ?? 0) + wi * x * (shared - digammaPx(x) + logS)
    g[1] = (g[1] ?? 0) + wi * (shared - digammaQ + logGamma)
    g[2] = (g[2] ?? 0) + wi * (p.q / p.gamma - (px + p.q) / (p.gamma + s))
  }
  return { value, gradient: g }
}

/**
 * Fits Gamma-Gamma on repeat customers; rows with x = 0 or zbar ≤ 0 are excluded and counted in `warnings`.
 * @example fitGammaGamma({ x, zbar }).params // CDNOW: { p: 6.25, q: 3.74, gamma: 15.44 }
 */
export function fitGammaGamma(
  data: SpendSummary,
  options: FitOptions<GammaGammaParams> = {},
): GammaGammaFit {
  const n = checkSpend(data)
  const w = weightsOf(data.weight, n)
  let noRepeat = 0
  let nonPositive = 0
  let used = 0
  let spend = 0
  for (let i = 0; i < n; i++) {
    const wi = w[i] ?? 0
    const zbar = data.zbar[i] ?? 0
    if ((data.x[i] ?? 0) === 0) noRepeat += wi
    else if (zbar <= 0) nonPositive += wi
    else {
      used += wi
      spend += wi * zbar
    }
  }
  if (!(used > 0)) throw invalid('spend summary', 0, 'no customer with x > 0 and zbar > 0')
  const warnings: GammaGammaWarning[] = []
  if (noRepeat > 0) {
    warnings.push({
      code: 'NO_REPEAT_PURCHASE',
      customers: noRepeat,
      message: `${noRepeat} customers without a repeat purchase (x = 0) were left out of the spend model; their expected spend is the population mean`,
    })
  }
  if (nonPositive > 0) {
    warnings.push({
      code: 'NON_POSITIVE_SPEND',
      customers: nonPositive,
      message: `${nonPositive} customers with mean spend ≤ 0 were left out of the spend model (it needs positive values); check refunds and free orders`,
    })
  }
  const fit = fitModel<GammaGammaParams>(
    {
      model: 'gg',
      names: ['p', 'q', 'gamma'],
      defaults: { p: 1, q: 2, gamma: spend / used },
      logLikelihood: (p) => gammaGammaLogLikelihood(p, data),
      customers: used,
    },
    options,
  )
  return { ...fit, excluded: noRepeat + nonPositive, warnings }
}

/** E[Z | x, zbar] = (gamma + x·zbar)·p / (p·x + q − 1), the expected mean spend per transaction (Fader & Hardie 2013, eq. 5); x = 0 gives the population mean gamma·p/(q − 1). */
export function gammaGammaExpectedSpend(p: GammaGammaParams, data: SpendSummary): Float64Array {
  const n = checkSpend(data)
  return Float64Array.from({ length: n }, (_, i) => {
    const x = data.x[i] ?? 0
    const zbar = x > 0 && (data.zbar[i] ?? 0) > 0 ? (data.zbar[i] ?? 0) : 0
    const effectiveX = zbar > 0 ? x : 0
    return ((p.gamma + effectiveX * zbar) * p.p) / (p.p * effectiveX + p.q - 1)
  })
}
