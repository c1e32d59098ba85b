/**
 * One start of a bounded BFGS: an active-set quasi-Newton method on box bounds. Variables at a
 * bound whose gradient pushes outward are held fixed; the others move along −H·g (H the BFGS
 * inverse-Hessian approximation restricted to them), with steps capped at the nearest bound.
 * It works on the optimisation scale; minimize.ts maps to and from the natural scale.
 */
import { strongWolfe, type LinePoint } from './line-search.js'
import type { MinimizeStatus } from './types.js'

export interface ScaledProblem {
  readonly lower: Float64Array
  readonly upper: Float64Array
  /** Value and gradient on the optimisation scale. */
  evaluate(u: Float64Array): { value: number; gradient: Float64Array }
}

export interface StartResult {
  readonly u: Float64Array
  readonly value: number
  readonly status: MinimizeStatus
  readonly iterations: number
  readonly gradientNorm: number
}

export function bfgsStart(
  problem: ScaledProblem,
  u0: Float64Array,
  maxIterations: number,
  tolerance: number,
): StartResult {
  const n = u0.length
  const { lower, upper } = problem
  let u = u0.map((v, i) => Math.min(Math.max(v, lower[i] ?? -Infinity), upper[i] ?? Infinity))
  let { value, gradient } = problem.evaluate(u)
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return { u, value, status: 'non_finite', iterations: 0, gradientNorm: NaN }
  }
  let h = identity(n)
  let fresh = true
  let resets = 0
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const free = freeMask(u, gradient, lower, upper)
    const norm = projectedNorm(gradient, free)
    if (norm <= tolerance * Math.max(1, Math.abs(value))) {
      return { u, value, status: 'converged', iterations: iteration, gradientNorm: norm }
    }
    const d = direction(h, gradient, free)
    let slope = dot(d, gradient)
    if (!(slope < 0)) {
      h = identity(n)
      fresh = true
      const steepest = direction(h, gradient, free)
      d.set(steepest)
      slope = dot(d, gradient)
    }
    const maxAlpha = stepToBound(u, d, lower, upper)
    const at = (alpha: number): LinePoint => {
      const trial = u.map((v, i) => v + alpha * (d[i] ?? 0))
      if (alpha === maxAlpha) snapToBounds(trial, d, lower, upper)
      const e = problem.evaluate(trial)
      return { alpha, value: e.value, slope: dot(e.gradient, d), gradient: e.gradient }
    }
    const first = fresh ? Math.min(1, 1 / Math.max(1e-300, maxAbs(d))) : 1
    const step = strongWolfe(at, { alpha: 0, value, slope, gradient }, first, maxAlpha)
    if (step === undefined) {
      if (resets === 0 && !fresh) {
        h = identity(n)
        fresh = true
        resets++
        continue
      }
      return { u, value, status: 'line_search_failed', iterations: iteration, gradientNorm: norm }
    }
    resets = 0
    const next = u.map((v, i) => v + step.alpha * (d[i] ?? 0))
    if (step.alpha === maxAlpha) snapToBounds(next, d, lower, upper)
    if (!step.gradient.every(Number.isFinite)) {
      return {
        u: next,
        value: step.value,
        status: 'non_finite',
        iterations: iteration + 1,
        gradientNorm: NaN,
      }
    }
    const s = next.map((v, i) => v - (u[i] ?? 0))
    const y = step.gradient.map((g, i) => g - (gradient[i] ?? 0))
    if (fresh && dot(s, y) > 0) {
      // Shanno–Phua scaling of the first H, so the next unit step has the right length.
      const scale = dot(s, y) / dot(y, y)
      h = identity(n).map((row) => row.map((v) => v * scale))
      fresh = false
    }
    updateInverseHessian(h, s, y)
    u = next
    value = step.value
    gradient = step.gradient
  }
  const norm = projectedNorm(gradient, freeMask(u, gradient, lower, upper))
  const status = norm <= tolerance * Math.max(1, Math.abs(value)) ? 'converged' : 'max_iterations'
  return { u, value, status, iterations: maxIterations, gradientNorm: norm }
}

/** true where the variable may move: off its bounds, or on one with the gradient pointing inward. */
export function freeMask(
  u: Float64Array,
  g: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): boolean[] {
  return Array.from(u, (v, i) => {
    const gi = g[i] ?? 0
    return !((v <= (lower[i] ?? -Infinity) && gi > 0) || (v >= (upper[i] ?? Infinity) && gi < 0))
  })
}

export function projectedNorm(g: Float64Array, free: readonly boolean[]): number {
  let m = 0
  g.forEach((v, i) => {
    if (free[i]) m = Math.max(m, Math.abs(v))
  })
  return m
}

function direction(h: Float64Array[], g: Float64Array, free: readonly boolean[]): Float64Array {
  const n = g.length
  const d = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue
    const row = h[i] as Float64Array
    let s = 0
    for (let j = 0; j < n; j++) if (free[j]) s -= (row[j] ?? 0) * (g[j] ?? 0)
    d[i] = s
  }
  return d
}

function stepToBound(
  u: Float64Array,
  d: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): number {
  let m = Infinity
  d.forEach((di, i) => {
    const v = u[i] ?? 0
    if (di > 0) m = Math.min(m, ((upper[i] ?? Infinity) - v) / di)
    else if (di < 0) m = Math.min(m, ((lower[i] ?? -Infinity) - v) / di)
  })
  return m
}

function snapToBounds(
  u: Float64Array,
  d: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): void {
  for (let i = 0; i < u.length; i++) {
    const lo = lower[i] ?? -Infinity
    const hi = upper[i] ?? Infinity
    const v = u[i] ?? 0
    const di = d[i] ?? 0
    const tol = 1e-12 * Math.max(1, Math.abs(v))
    if (di < 0 && v - lo <= tol) u[i] = lo
    else if (di > 0 && hi - v <= tol) u[i] = hi
    else u[i] = Math.min(Math.max(v, lo), hi)
  }
}

/** The BFGS inverse update H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, skipped when sᵀy is not safely positive. */
function updateInverseHessian(h: Float64Array[], s: Float64Array, y: Float64Array): void {
  const sy = dot(s, y)
  if (!(sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y)))) return
  const n = s.length
  const rho = 1 / sy
  const hy = h.map((row) => dot(row, y))
  const yhy = dot(y, Float64Array.from(hy))
  for (let i = 0; i < n; i++) {
    const row = h[i] as Float64Array
    for (let j = 0; j < n; j++) {
      const si = s[i] ?? 0
      const sj = s[j] ?? 0
      row[j] =
        (row[j] ?? 0) -
        rho * ((hy[i] ?? 0) * sj + si * (hy[j] ?? 0)) +
        (rho * rho * yhy + rho) * si * sj
    }
  }
}

function identity(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n)
    row[i] = 1
    return row
  })
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0)
  return s
}

function maxAbs(v: Float64Array): number {
  return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0)
}
