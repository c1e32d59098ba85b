/**
 * Strong-Wolfe line search (Nocedal & Wright 2006, Algorithms 3.5 and 3.6) along a fixed
 * direction, capped at the step that reaches the nearest bound. A non-finite value at a trial
 * step is treated as "too far", so the search backs away from regions where f is undefined.
 */

/** One evaluation along the search direction. */
export interface LinePoint {
  readonly alpha: number
  readonly value: number
  /** Directional derivative at `alpha`. */
  readonly slope: number
  readonly gradient: Float64Array
}

const C1 = 1e-4
const C2 = 0.9
const MAX_EVALUATIONS = 40

export function strongWolfe(
  evaluate: (alpha: number) => LinePoint,
  start: LinePoint,
  initialAlpha: number,
  maxAlpha: number,
): LinePoint | undefined {
  const armijo = (p: LinePoint): boolean => p.value <= start.value + C1 * p.alpha * start.slope
  const curvature = (p: LinePoint): boolean => Math.abs(p.slope) <= -C2 * start.slope
  let previous = start
  let alpha = Math.min(initialAlpha, maxAlpha)
  for (let i = 0; i < MAX_EVALUATIONS; i++) {
    const p = evaluate(alpha)
    if (!Number.isFinite(p.value) || !Number.isFinite(p.slope)) {
      alpha = previous.alpha + (alpha - previous.alpha) / 4
      if (alpha - previous.alpha <= 1e-16 * Math.max(1, alpha)) break
      continue
    }
    if (!armijo(p) || (previous !== start && p.value >= previous.value)) {
      return zoom(evaluate, start, previous, p, armijo, curvature)
    }
    if (curvature(p)) return p
    if (p.slope >= 0) return zoom(evaluate, start, p, previous, armijo, curvature)
    if (alpha >= maxAlpha) return p
    previous = p
    alpha = Math.min(2 * alpha, maxAlpha)
  }
  return previous === start ? undefined : previous
}

function zoom(
  evaluate: (alpha: number) => LinePoint,
  start: LinePoint,
  lo: LinePoint,
  hi: LinePoint,
  armijo: (p: LinePoint) => boolean,
  curvature: (p: LinePoint) => boolean,
): LinePoint | undefined {
  for (let i = 0; i < MAX_EVALUATIONS; i++) {
    const alpha = interpolate(lo, hi)
    if (Math.abs(hi.alpha - lo.alpha) <= 1e-16 * Math.max(1, Math.abs(lo.alpha))) break
    const p = evaluate(alpha)
    if (!Number.isFinite(p.value) || !Number.isFinite(p.slope)) {
      hi = { ...p, value: Infinity }
      continue
    }
    if (!armijo(p) || p.value >= lo.value) {
      hi = p
    } else {
      if (curvature(p)) return p
      if (p.slope * (hi.alpha - lo.alpha) >= 0) hi = lo
      lo = p
    }
  }
  return lo === start || lo.value >= start.value ? undefined : lo
}

/** The minimiser of the cubic through both ends, kept inside the middle 80% of the bracket. */
function interpolate(lo: LinePoint, hi: LinePoint): number {
  const a = lo.alpha
  const b = hi.alpha
  const lower = Math.min(a, b) + 0.1 * Math.abs(b - a)
  const upper = Math.max(a, b) - 0.1 * Math.abs(b - a)
  if (Number.isFinite(hi.value) && Number.isFinite(hi.slope)) {
    const d1 = lo.slope + hi.slope - (3 * (lo.value - hi.value)) / (a - b)
    const disc = d1 * d1 - lo.slope * hi.slope
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc)
      const t = b - (b - a) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2))
      if (Number.isFinite(t) && t >= lower && t <= upper) return t
    }
  }
  return (a + b) / 2
}
