/** Small numeric helpers for turning summaries into chart coordinates. */

/** Each value's share of the total of the non-negative values; all zeros when the total is 0. */
export function shares(values: readonly number[]): number[] {
  const clamped = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0))
  const total = clamped.reduce((a, b) => a + b, 0)
  return clamped.map((v) => (total > 0 ? v / total : 0))
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `n`; 1 when `n` ≤ 0. */
export function niceCeil(n: number): number {
  if (!(n > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(n))
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= n * (1 - 1e-12)) return step * power
  }
  return 10 * power
}

/** A value axis extent: powers of ten around the data on a log axis, else 0 (or a nice floor) to a nice ceiling. */
export function axisExtent(values: readonly number[], log: boolean): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0))
  if (finite.length === 0) return log ? [1, 10] : [0, 1]
  const lo = Math.min(...finite)
  const hi = Math.max(...finite)
  if (log) {
    const min = 10 ** Math.floor(Math.log10(lo))
    const max = 10 ** Math.ceil(Math.log10(hi))
    return [min, max > min ? max : min * 10]
  }
  return [lo < 0 ? -niceCeil(-lo) : 0, hi > 0 ? niceCeil(hi) : 1]
}

/** Whether a log axis suits these values: all positive and spanning at least `decades` powers of ten. */
export function spansDecades(values: readonly number[], decades = 2): boolean {
  if (values.length === 0 || values.some((v) => !(v > 0) || !Number.isFinite(v))) return false
  return Math.log10(Math.max(...values) / Math.min(...values)) >= decades
}
