/**
 * Numeric Hessians on the natural scale and the standard errors they imply: central differences
 * of the gradient when one is given, second differences of the value otherwise.
 */
import type { Gradient, Objective } from './types.js'

export function numericHessian(
  f: Objective,
  gradient: Gradient | undefined,
  theta: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): Float64Array[] {
  const n = theta.length
  const steps = theta.map((v, i) => {
    const h = (gradient ? 1e-5 : 1e-4) * Math.max(Math.abs(v), 1e-3)
    const room = Math.min(v - (lower[i] ?? -Infinity), (upper[i] ?? Infinity) - v)
    return room > 0 ? Math.min(h, room) : h
  })
  const shifted = (i: number, di: number, j = -1, dj = 0): Float64Array => {
    const t = Float64Array.from(theta)
    t[i] = (t[i] ?? 0) + di
    if (j >= 0) t[j] = (t[j] ?? 0) + dj
    return t
  }
  const h = Array.from({ length: n }, () => new Float64Array(n))
  if (gradient) {
    for (let i = 0; i < n; i++) {
      const hi = steps[i] ?? 0
      const plus = gradient(shifted(i, hi))
      const minus = gradient(shifted(i, -hi))
      for (let j = 0; j < n; j++)
        (h[i] as Float64Array)[j] = ((plus[j] ?? 0) - (minus[j] ?? 0)) / (2 * hi)
    }
  } else {
    const f0 = f(theta)
    for (let i = 0; i < n; i++) {
      const hi = steps[i] ?? 0
      ;(h[i] as Float64Array)[i] = (f(shifted(i, hi)) - 2 * f0 + f(shifted(i, -hi))) / (hi * hi)
      for (let j = 0; j < i; j++) {
        const hj = steps[j] ?? 0
        const v =
          (f(shifted(i, hi, j, hj)) -
            f(shifted(i, hi, j, -hj)) -
            f(shifted(i, -hi, j, hj)) +
            f(shifted(i, -hi, j, -hj))) /
          (4 * hi * hj)
        ;(h[i] as Float64Array)[j] = v
        ;(h[j] as Float64Array)[i] = v
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = ((h[i]?.[j] ?? 0) + (h[j]?.[i] ?? 0)) / 2
      ;(h[i] as Float64Array)[j] = v
      ;(h[j] as Float64Array)[i] = v
    }
  }
  return h
}

/** Square roots of diag(H⁻¹) over the `free` parameters; NaN elsewhere or when H is not positive definite. */
export function standardErrors(h: readonly Float64Array[], free: readonly boolean[]): Float64Array {
  const index = free.flatMap((f, i) => (f ? [i] : []))
  const m = index.length
  const out = new Float64Array(h.length).fill(NaN)
  const l = Array.from({ length: m }, () => new Float64Array(m))
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[index[i] ?? 0]?.[index[j] ?? 0] ?? NaN
      for (let k = 0; k < j; k++) s -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0)
      if (i === j) {
        if (!(s > 0)) return out
        ;(l[i] as Float64Array)[i] = Math.sqrt(s)
      } else (l[i] as Float64Array)[j] = s / (l[j]?.[j] ?? NaN)
    }
  }
  const inv = invertFromCholesky(l)
  index.forEach((p, i) => (out[p] = Math.sqrt(inv[i]?.[i] ?? NaN)))
  return out
}

function invertFromCholesky(l: Float64Array[]): Float64Array[] {
  const m = l.length
  const linv = Array.from({ length: m }, () => new Float64Array(m))
  for (let c = 0; c < m; c++) {
    for (let i = c; i < m; i++) {
      let s = i === c ? 1 : 0
      for (let k = c; k < i; k++) s -= (l[i]?.[k] ?? 0) * (linv[k]?.[c] ?? 0)
      ;(linv[i] as Float64Array)[c] = s / (l[i]?.[i] ?? NaN)
    }
  }
  const inv = Array.from({ length: m }, () => new Float64Array(m))
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let s = 0
      for (let k = Math.max(i, j); k < m; k++) s += (linv[k]?.[i] ?? 0) * (linv[k]?.[j] ?? 0)
      ;(inv[i] as Float64Array)[j] = s
    }
  return inv
}
