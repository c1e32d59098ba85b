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
