/** Small log-space helpers shared by the likelihoods; values are natural logarithms. */

/** log(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b
  if (b === -Infinity) return a
  const m = Math.max(a, b)
  return m + Math.log1p(Math.exp(-Math.abs(a - b)))
}

/** log(e^a − e^b) for a ≥ b; −Infinity when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a
  if (b >= a) return -Infinity
  return a + Math.log(-Math.expm1(b - a))
}

/** log(1 + e^x) without overflow. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))
}

/** 1 / (1 + e^x), the logistic of −x, finite for every x. */
export function inverseOnePlusExp(x: number): number {
  return Math.exp(-log1pExp(x))
}

/** (1 − e^{k·l}) / k for l ≤ 0, continuous at k = 0 where it equals −l. */
export function oneMinusPowerOverK(k: number, l: number): number {
  return k === 0 ? -l : -Math.expm1(k * l) / k
}
