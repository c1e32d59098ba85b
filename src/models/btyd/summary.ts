/**
 * The inputs of the buy-till-you-die models: columns of distinct summary rows, each with a
 * weight saying how many customers share it (never one object per customer). Validation
 * throws `MODEL_INVALID_INPUT` naming the first offending row (0-based) and its value.
 */
import { ClienteleError } from '../../schema/index.js'

/** Continuous-time repeat-purchase summary (BG/NBD, Pareto/NBD, MBG/NBD): x repeat purchases, the last at t_x, observed for T (same time unit), 0 ≤ t_x ≤ T. */
export interface CustomerSummary {
  readonly x: Float64Array
  readonly tx: Float64Array
  readonly T: Float64Array
  /** Customers sharing each row; 1 each when missing. */
  readonly weight?: Float64Array
}

/** Spend summary for Gamma-Gamma: x repeat purchases and their mean value zbar (currency). */
export interface SpendSummary {
  readonly x: Float64Array
  readonly zbar: Float64Array
  readonly weight?: Float64Array
}

/** Discrete-opportunity summary for BG/BB: `frequency` purchases in `periods` opportunities, the last at opportunity `recency`. */
export interface DiscreteSummary {
  readonly frequency: Float64Array
  readonly recency: Float64Array
  readonly periods: Float64Array
  readonly weight?: Float64Array
}

/** Contract summary for sBG: `churned` 1 means lifetime T = t periods (left at renewal t), 0 means still active after t periods (T > t). */
export interface ContractSummary {
  readonly t: Float64Array
  readonly churned: Float64Array
  readonly weight?: Float64Array
}

export function invalid(what: string, row: number, detail: string): ClienteleError {
  return new ClienteleError('MODEL_INVALID_INPUT', `invalid ${what}: row ${row} has ${detail}`)
}

/** Checks equal, non-zero lengths, finite values and non-negative weights. */
export function checkColumns(
  what: string,
  columns: Record<string, Float64Array | undefined>,
): number {
  const entries = Object.entries(columns).filter(
    (e): e is [string, Float64Array] => e[1] !== undefined,
  )
  const n = entries[0]?.[1].length ?? 0
  if (n === 0) throw new ClienteleError('MODEL_INVALID_INPUT', `invalid ${what}: no rows`)
  for (const [name, column] of entries) {
    if (column.length !== n) {
      throw new ClienteleError(
        'MODEL_INVALID_INPUT',
        `invalid ${what}: column ${name} has ${column.length} rows, expected ${n}`,
      )
    }
    column.forEach((v, i) => {
      if (!Number.isFinite(v)) throw invalid(what, i, `${name} = ${v}`)
      if (name === 'weight' && v < 0) throw invalid(what, i, `weight = ${v}`)
    })
  }
  return n
}

/** Validates a continuous-time summary; returns the number of rows. */
export function checkCustomerSummary(data: CustomerSummary): number {
  const what = 'customer summary'
  const n = checkColumns(what, { x: data.x, tx: data.tx, T: data.T, weight: data.weight })
  for (let i = 0; i < n; i++) {
    const x = data.x[i] ?? 0
    const tx = data.tx[i] ?? 0
    const T = data.T[i] ?? 0
    if (x < 0) throw invalid(what, i, `x = ${x} (negative)`)
    if (tx < 0) throw invalid(what, i, `t_x = ${tx} (negative)`)
    if (!(T > 0)) throw invalid(what, i, `T = ${T} (must be positive)`)
    if (tx > T) throw invalid(what, i, `t_x = ${tx} greater than T = ${T}`)
    if (x > 0 && tx === 0)
      throw invalid(what, i, `x = ${x} with t_x = 0 (a repeat purchase needs t_x > 0)`)
    if (x === 0 && tx !== 0) throw invalid(what, i, `x = 0 with t_x = ${tx} (t_x must be 0)`)
  }
  return n
}

/** The weights of `n` rows, 1 each when none are given. */
export function weightsOf(weight: Float64Array | undefined, n: number): Float64Array {
  return weight ?? new Float64Array(n).fill(1)
}

/** Sum of the weights: the number of customers the rows stand for. */
export function totalWeight(weight: Float64Array | undefined, n: number): number {
  return weight === undefined ? n : weight.reduce((s, w) => s + w, 0)
}

/**
 * Collapses equal rows of the given columns into distinct rows whose weight sums the rows' weights (1 each by default).
 * @example compressRows([x, tx, T]) // { columns: [x', tx', T'], weight }
 */
export function compressRows(
  columns: readonly Float64Array[],
  weight?: Float64Array,
): {
  columns: Float64Array[]
  weight: Float64Array
} {
  const n = columns[0]?.length ?? 0
  const index = new Map<string, number>()
  const counts: number[] = []
  const firsts: number[] = []
  for (let i = 0; i < n; i++) {
    const key = columns.map((c) => c[i]).join('|')
    const k = index.get(key)
    if (k === undefined) {
      index.set(key, counts.length)
      counts.push(weight?.[i] ?? 1)
      firsts.push(i)
    } else counts[k] = (counts[k] ?? 0) + (weight?.[i] ?? 1)
  }
  return {
    columns: columns.map((c) => Float64Array.from(firsts, (i) => c[i] ?? NaN)),
    weight: Float64Array.from(counts),
  }
}
