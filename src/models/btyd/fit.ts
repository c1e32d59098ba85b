/**
 * The fitting step every model shares: maximum likelihood over positive parameters with the
 * one optimiser (log scale, several seeded starts), reported with named parameters and
 * standard errors instead of thrown on failure.
 */
import { minimize, type MinimizeStatus } from '../optimize/index.js'

/** The buy-till-you-die models Clientele fits. */
export type BtydModelName = 'bgnbd' | 'pnbd' | 'mbgnbd' | 'bgbb' | 'sbg' | 'gg'

/** A fitted model: named maximum-likelihood parameters with their standard errors and how the fit ended. */
export interface BtydFit<P> {
  readonly model: BtydModelName
  readonly params: P
  /** Weighted log-likelihood at `params` (natural log). */
  readonly logLikelihood: number
  readonly converged: boolean
  readonly status: MinimizeStatus
  readonly iterations: number
  readonly gradientNorm: number
  /** Standard errors from the inverse observed information, same names as `params`; NaN where undefined. */
  readonly standardErrors: P
  /** Customers the data stand for (sum of the weights). */
  readonly customers: number
  /** Time unit of the data (e.g. 'weeks'), echoed from the options. */
  readonly unit?: string
}

/** Options of every `fit*` function. */
export interface FitOptions<P> {
  /** Start values; each model has defaults. */
  readonly initial?: Partial<P>
  /** Seeded starts in all, 3 unless told. */
  readonly starts?: number
  readonly seed?: number
  readonly maxIterations?: number
  /** Time unit of the data, echoed in the result. */
  readonly unit?: string
}

export interface ModelSpec<P> {
  readonly model: BtydModelName
  readonly names: readonly (keyof P & string)[]
  readonly defaults: P
  /**
   * The log-likelihood, with its gradient (in the order of `names`) where the model has one;
   * finite differences otherwise. Value and gradient come from one call because they share
   * most of their work, and the optimiser asks for both at each point.
   */
  readonly logLikelihood: (params: P) => number | { value: number; gradient: Float64Array }
  readonly customers: number
}

export function fitModel<P extends { readonly [K in keyof P]: number }>(
  spec: ModelSpec<P>,
  options: FitOptions<P> = {},
): BtydFit<P> {
  const { names } = spec
  const named = (theta: ArrayLike<number>): P =>
    Object.fromEntries(names.map((k, i) => [k, theta[i] ?? NaN])) as P
  const start = names.map((k): number => options.initial?.[k] ?? spec.defaults[k])
  let lastKey = ''
  let last: ReturnType<ModelSpec<P>['logLikelihood']> = NaN
  const at = (t: ArrayLike<number>) => {
    const key = Array.prototype.join.call(t, ',')
    if (key !== lastKey) {
      last = spec.logLikelihood(named(t))
      lastKey = key
    }
    return last
  }
  const value = (t: ArrayLike<number>) => {
    const r = at(t)
    return typeof r === 'number' ? r : r.value
  }
  const analytic = typeof at(start) !== 'number'
  const r = minimize((t) => -value(t), start, {
    logScale: true,
    starts: options.starts ?? 3,
    seed: options.seed ?? 1,
    startSpread: 0.5,
    maxIterations: options.maxIterations ?? 500,
    ...(analytic && {
      gradient: (t: Float64Array) => (at(t) as { gradient: Float64Array }).gradient.map((g) => -g),
    }),
  })
  return {
    model: spec.model,
    params: named(r.params),
    logLikelihood: -r.value,
    converged: r.converged,
    status: r.status,
    iterations: r.iterations,
    gradientNorm: r.gradientNorm,
    standardErrors: named(r.standardErrors),
    customers: spec.customers,
    ...(options.unit !== undefined && { unit: options.unit }),
  }
}
