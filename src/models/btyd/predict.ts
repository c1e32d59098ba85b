/** Checks and helpers shared by the prediction functions. */
import { ClienteleError } from '../../schema/index.js'

/** Throws MODEL_INVALID_INPUT unless t is a finite number ≥ 0. */
export function checkHorizon(t: number, what = 'horizon'): void {
  if (!(Number.isFinite(t) && t >= 0)) {
    throw new ClienteleError(
      'MODEL_INVALID_INPUT',
      `invalid ${what}: ${t} (must be a finite number ≥ 0)`,
    )
  }
}

/** The horizons as a Float64Array, each checked. */
export function horizonsOf(horizons: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(horizons)
  out.forEach((t) => checkHorizon(t))
  return out
}

/** Weighted mean of a column (weights 1 when missing). */
export function meanOf(values: Float64Array, weight?: Float64Array): number {
  let s = 0
  let w = 0
  values.forEach((v, i) => {
    const wi = weight?.[i] ?? 1
    s += wi * v
    w += wi
  })
  return w > 0 ? s / w : NaN
}
