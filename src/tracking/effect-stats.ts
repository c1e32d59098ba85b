/**
 * The statistics of the effect analysis, on typed arrays: means with Student-t intervals,
 * and Welch's unequal-variance t interval for a difference of means (Welch 1947; the
 * Welch–Satterthwaite degrees of freedom). The t distribution comes from the regularised
 * incomplete beta function, I_x(a, b), by Lentz's continued fraction (Numerical Recipes
 * §6.4), accurate to about 1e-12.
 */
import betaln from '@stdlib/math-base-special-betaln'

/** I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - betaln(a, b))
  // The fraction converges fast for x below (a + 1) / (a + b + 2); use the symmetry above it.
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a)
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  d = 1 / (Math.abs(d) < tiny ? tiny : d)
  let f = d
  for (let m = 1; m <= 300; m++) {
    for (const even of [true, false]) {
      const num = even
        ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + num * d
      d = 1 / (Math.abs(d) < tiny ? tiny : d)
      c = 1 + num / c
      if (Math.abs(c) < tiny) c = tiny
      f *= c * d
      if (!even && Math.abs(c * d - 1) < 1e-15) return (front * f) / a
    }
  }
  return (front * f) / a
}

/** P(T ≤ t) for Student's t with `df` > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/** The `p` quantile (0 < p < 1) of Student's t with `df` degrees of freedom, by bisection. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new Error(`invalid t quantile: p ${p}, df ${df}`)
  if (p < 0.5) return -studentTQuantile(1 - p, df)
  let lo = 0
  let hi = 1
  while (studentTCdf(hi, df) < p) hi *= 2
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

export interface Interval {
  readonly estimate: number
  readonly standardError: number
  readonly df: number
  /** Bounds of the two-sided interval at `level`; NaN with fewer than two observations. */
  readonly lower: number
  readonly upper: number
  readonly level: number
  /** Two-sided p-value of estimate = 0. */
  readonly pValue: number
}

/** Mean and sample variance; NaN values are skipped. */
export function meanVariance(x: Float64Array): { n: number; mean: number; variance: number } {
  let n = 0
  let mean = 0
  let m2 = 0
  for (const v of x) {
    if (Number.isNaN(v)) continue
    n++
    const delta = v - mean
    mean += delta / n
    m2 += delta * (v - mean)
  }
  return { n, mean: n === 0 ? NaN : mean, variance: n < 2 ? NaN : m2 / (n - 1) }
}

function interval(estimate: number, se: number, df: number, level: number): Interval {
  if (se === 0)
    return {
      estimate,
      standardError: 0,
      df,
      lower: estimate,
      upper: estimate,
      level,
      pValue: estimate === 0 ? 1 : 0,
    }
  if (!(df > 0) || !Number.isFinite(se))
    return { estimate, standardError: se, df, lower: NaN, upper: NaN, level, pValue: NaN }
  const q = studentTQuantile(0.5 + level / 2, df)
  const t = Math.abs(estimate / se)
  return {
    estimate,
    standardError: se,
    df,
    lower: estimate - q * se,
    upper: estimate + q * se,
    level,
    pValue: 2 * (1 - studentTCdf(t, df)),
  }
}

/**
 * The mean of `x` with its Student-t interval (df = n − 1).
 * @example meanInterval(Float64Array.of(1, 2, 3)).lower // ≈ −0.484
 */
export function meanInterval(x: Float64Array, level = 0.95): Interval {
  const { n, mean, variance } = meanVariance(x)
  return interval(mean, Math.sqrt(variance / n), n - 1, level)
}

/**
 * Welch's interval for mean(a) − mean(b), unequal variances; df by Welch–Satterthwaite.
 * @example welchInterval(treated, control).estimate
 */
export function welchInterval(a: Float64Array, b: Float64Array, level = 0.95): Interval {
  const x = meanVariance(a)
  const y = meanVariance(b)
  const va = x.variance / x.n
  const vb = y.variance / y.n
  const se = Math.sqrt(va + vb)
  const df = (va + vb) ** 2 / (va ** 2 / (x.n - 1) + vb ** 2 / (y.n - 1))
  return interval(x.mean - y.mean, se, df, level)
}
