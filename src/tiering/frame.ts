/**
 * A frame: per-customer columns, typed. Numbers are Float64Array (NaN = missing); text
 * columns are arrays of string or null. Never one object per customer.
 */
export interface Frame {
  readonly n: number
  readonly ids: readonly string[]
  readonly numbers: Map<string, Float64Array>
  readonly texts: Map<string, (string | null)[]>
}

/** Customers `start` to `end - 1` of a frame: per-customer text is built a batch at a time. */
export interface Batch {
  readonly start: number
  readonly end: number
}

export const wholeFrame = (frame: Frame): Batch => ({ start: 0, end: frame.n })
