/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z < 1, kept finite
 * by summing its power series with a running log scale. Negative z is mapped into (0, 1) by
 * Pfaff's transformation (Abramowitz & Stegun 15.3.5); z near 1, where the series would need
 * too many terms, uses the connection formula in 1 − z (A&S 15.3.6), with c nudged by ±ε and
 * averaged when c − a − b is (nearly) an integer and the formula's gamma factors have poles.
 */
import gammaln from '@stdlib/math-base-special-gammaln'

/** A signed value held as sign · e^log. */
interface Signed {
  readonly sign: number
  readonly log: number
}

const RESCALE = 1e200
const LOG_RESCALE = Math.log(RESCALE)
const SERIES_BUDGET = 20_000
const NEAR_INTEGER = 3e-6

/**
 * Natural log of 2F1(a, b; c; z) for z < 1 when the value is positive (NaN otherwise); finite even where 2F1 itself overflows.
 * @example logHyp2f1(1, 1, 2, 0.5) // log(2 log 2)
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const f = signedHyp2f1(a, b, c, z)
  return f.sign > 0 ? f.log : NaN
}

/**
 * 2F1(a, b; c; z) for real a, b, c (c not 0, −1, −2, …) and z < 1 (Abramowitz & Stegun 15.1.1).
 * @example hyp2f1(1, 1, 2, 0.5) // 2 log 2 ≈ 1.386
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const f = signedHyp2f1(a, b, c, z)
  return f.sign * Math.exp(f.log)
}

function signedHyp2f1(a: number, b: number, c: number, z: number): Signed {
  if (![a, b, c, z].every(Number.isFinite) || z >= 1 || (c <= 0 && Number.isInteger(c))) {
    return { sign: NaN, log: NaN }
  }
  if (z === 0 || a === 0 || b === 0) return { sign: 1, log: 0 }
  if (z < 0) {
    // Pfaff: keep the parameter whose partner c − p stays non-negative, so terms keep one sign.
    const [p, q] = c - b >= 0 || c - a < 0 ? [a, b] : [b, a]
    const inner = signedHyp2f1(p, c - q, c, z / (z - 1))
    return { sign: inner.sign, log: inner.log - p * Math.log1p(-z) }
  }
  const terms = estimatedTerms(a, b, c, z)
  if (z <= 0.9 || terms <= SERIES_BUDGET) return series(a, b, c, z, 2 * terms + 1000)
  return nearOne(a, b, c, z) ?? series(a, b, c, z, 50 * SERIES_BUDGET)
}

/** Terms until the series has peaked and decayed by 1e-17: the ratio's crossing of 1, plus 40/(1 − z). */
function estimatedTerms(a: number, b: number, c: number, z: number): number {
  const A = 1 - z
  const B = z * (a + b) - c - 1
  const C = z * a * b - c
  const disc = B * B + 4 * A * C
  const peak = disc > 0 ? Math.max(0, (B + Math.sqrt(disc)) / (2 * A)) : 0
  return Math.ceil(peak + 40 / A)
}

/** Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ with a running log scale; sign NaN when it did not converge. */
function series(a: number, b: number, c: number, z: number, maxTerms: number): Signed {
  let sum = 1
  let term = 1
  let scale = 0
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z
    term *= ratio
    sum += term
    if (Math.abs(sum) > RESCALE || Math.abs(term) > RESCALE) {
      sum /= RESCALE
      term /= RESCALE
      scale += LOG_RESCALE
    }
    if (term === 0) break
    if (Math.abs(ratio) < 1 && Math.abs(term) <= 1e-17 * Math.abs(sum) * (1 - Math.abs(ratio))) {
      if (n > 2 * Math.max(1, a + b - c)) break
    }
    if (n === maxTerms - 1) return { sign: NaN, log: NaN }
  }
  return { sign: Math.sign(sum), log: Math.log(Math.abs(sum)) + scale }
}

/** A&S 15.3.6 in 1 − z; undefined when its own series do not converge. */
function nearOne(a: number, b: number, c: number, z: number): Signed | undefined {
  const m = c - a - b
  if (Math.abs(m - Math.round(m)) < NEAR_INTEGER) {
    const up = connection(a, b, c + NEAR_INTEGER, z)
    const down = connection(a, b, c - NEAR_INTEGER, z)
    if (up === undefined || down === undefined) return undefined
    const v = (up.sign * Math.exp(up.log - down.log) + down.sign) / 2
    return { sign: Math.sign(v), log: Math.log(Math.abs(v)) + down.log }
  }
  return connection(a, b, c, z)
}

function connection(a: number, b: number, c: number, z: number): Signed | undefined {
  const m = c - a - b
  const w = 1 - z
  const first = product([gamma(c), gamma(m), inverseGamma(c - a), inverseGamma(c - b)])
  const second = product([gamma(c), gamma(-m), inverseGamma(a), inverseGamma(b)])
  const budget = 2 * estimatedTerms(a, b, 1 - m, w) + 1000
  const s1 = first.sign === 0 ? first : times(first, series(a, b, 1 - m, w, budget))
  const s2 = times(second, series(c - a, c - b, 1 + m, w, budget), m * Math.log(w))
  if (Number.isNaN(s1.sign) || Number.isNaN(s2.sign)) return undefined
  return add(s1, s2)
}

function gamma(x: number): Signed {
  return { sign: x > 0 || Math.floor(x) % 2 === 0 ? 1 : -1, log: gammaln(x) }
}

function inverseGamma(x: number): Signed {
  if (x <= 0 && Number.isInteger(x)) return { sign: 0, log: -Infinity }
  const g = gamma(x)
  return { sign: g.sign, log: -g.log }
}

function product(factors: readonly Signed[]): Signed {
  return factors.reduce((p, f) => ({ sign: p.sign * f.sign, log: p.log + f.log }), {
    sign: 1,
    log: 0,
  })
}

function times(x: Signed, y: Signed, extraLog = 0): Signed {
  return { sign: x.sign * y.sign, log: x.log + y.log + extraLog }
}

function add(x: Signed, y: Signed): Signed {
  if (x.sign === 0) return y
  if (y.sign === 0) return x
  const [big, small] = x.log >= y.log ? [x, y] : [y, x]
  const v = big.sign + small.sign * Math.exp(small.log - big.log)
  return { sign: Math.sign(v), log: big.log + Math.log(Math.abs(v)) }
}
