/**
 * The one optimiser of Clientele: bounded BFGS with a strong-Wolfe line search, optional
 * log-scale parameters, finite-difference gradients when none is given, several seeded starts,
 * and standard errors from the numeric Hessian at the optimum. Failures are reported in
 * `status`, never thrown.
 */
import { ClienteleError } from '../../schema/index.js'
import { bfgsStart, type ScaledProblem, type StartResult } from './bfgs.js'
import { numericHessian, standardErrors } from './hessian.js'
import { normalGenerator } from './random.js'
import type { MinimizeOptions, MinimizeResult, Objective } from './types.js'

/**
 * Minimise `f` from `start` (natural scale) within optional box bounds; never throws on failure to converge.
 * @example minimize(([x = 0, y = 0]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1]).params // ≈ [1, 1]
 */
export function minimize(
  f: Objective,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = start.length
  const lower = Float64Array.from({ length: n }, (_, i) => options.lower?.[i] ?? -Infinity)
  const upper = Float64Array.from({ length: n }, (_, i) => options.upper?.[i] ?? Infinity)
  const log = Array.from({ length: n }, (_, i) =>
    typeof options.logScale === 'boolean' ? options.logScale : (options.logScale?.[i] ?? false),
  )
  Array.from(start).forEach((v, i) => {
    if (!Number.isFinite(v) || (log[i] && v <= 0)) {
      throw new ClienteleError('MODEL_INVALID_INPUT', `invalid start: parameter ${i} is ${v}`)
    }
  })
  const toTheta = (u: Float64Array): Float64Array => u.map((v, i) => (log[i] ? Math.exp(v) : v))
  const toU = (t: ArrayLike<number>): Float64Array =>
    Float64Array.from({ length: n }, (_, i) => (log[i] ? Math.log(t[i] ?? NaN) : (t[i] ?? NaN)))
  const problem: ScaledProblem = {
    lower: toU(lower.map((v, i) => (log[i] ? Math.max(v, 0) : v))),
    upper: toU(upper),
    evaluate: (u) => {
      const theta = toTheta(u)
      const value = f(theta)
      if (!Number.isFinite(value)) return { value, gradient: new Float64Array(n).fill(NaN) }
      if (options.gradient === undefined)
        return { value, gradient: differences(f, u, toTheta, problem) }
      const g = options.gradient(theta)
      return { value, gradient: g.map((v, i) => (log[i] ? v * (theta[i] ?? 0) : v)) }
    },
  }
  const maxIterations = options.maxIterations ?? 500
  const tolerance = options.gradientTolerance ?? 1e-8
  const normal = normalGenerator(options.seed ?? 1)
  const u0 = toU(start)
  const results: StartResult[] = []
  for (let k = 0; k < Math.max(1, options.starts ?? 1); k++) {
    const u = k === 0 ? u0 : u0.map((v) => v + (options.startSpread ?? 1) * normal())
    results.push(bfgsStart(problem, u, maxIterations, tolerance))
  }
  const best = pickBest(results)
  const params = toTheta(best.u)
  const free = Array.from(
    params,
    (v, i) => v > (lower[i] ?? -Infinity) && v < (upper[i] ?? Infinity),
  )
  const finite = Number.isFinite(best.value)
  const hessian = finite
    ? numericHessian(f, options.gradient, params, lower, upper)
    : Array.from({ length: n }, () => new Float64Array(n).fill(NaN))
  return {
    params,
    value: best.value,
    converged: best.status === 'converged',
    status: best.status,
    iterations: best.iterations,
    gradientNorm: best.gradientNorm,
    hessian,
    standardErrors: finite ? standardErrors(hessian, free) : new Float64Array(n).fill(NaN),
    startsConverged: results.filter((r) => r.status === 'converged').length,
  }
}

/** The converged start with the lowest value, else the lowest finite value, else the first. */
function pickBest(results: readonly StartResult[]): StartResult {
  const lowest = (rs: readonly StartResult[]): StartResult | undefined =>
    rs.reduce<StartResult | undefined>(
      (b, r) => (b === undefined || r.value < b.value ? r : b),
      undefined,
    )
  return (
    lowest(results.filter((r) => r.status === 'converged')) ??
    lowest(results.filter((r) => Number.isFinite(r.value))) ??
    (results[0] as StartResult)
  )
}

/** Central differences on the optimisation scale, one-sided next to a bound. */
function differences(
  f: Objective,
  u: Float64Array,
  toTheta: (u: Float64Array) => Float64Array,
  problem: ScaledProblem,
): Float64Array {
  return u.map((v, i) => {
    const h = 6e-6 * Math.max(1, Math.abs(v))
    const at = (w: number): number => {
      const shifted = Float64Array.from(u)
      shifted[i] = w
      return f(toTheta(shifted))
    }
    const up = v + h <= (problem.upper[i] ?? Infinity)
    const down = v - h >= (problem.lower[i] ?? -Infinity)
    if (up && down) return (at(v + h) - at(v - h)) / (2 * h)
    if (up) return (at(v + h) - at(v)) / h
    return (at(v) - at(v - h)) / h
  })
}
