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
  const rows = distinctRows(columns)
  let sums = rows.count
  if (weight !== undefined) {
    sums = new Float64Array(rows.first.length)
    for (let i = 0; i < rows.index.length; i++) sums[rows.index[i]!]! += weight[i]!
  }
  return {
    columns: columns.map((c) => Float64Array.from(rows.first, (i) => c[i]!)),
    weight: sums,
  }
}

/** The distinct rows of some columns, see {@link distinctRows}. */
export interface DistinctRows {
  /** Each row's distinct row, -1 for rows left out. */
  readonly index: Int32Array
  /** The first row of each distinct row, in order of appearance. */
  readonly first: Int32Array
  /** How many rows each distinct row stands for. */
  readonly count: Float64Array
}

/**
 * The distinct rows of `columns` (equal lengths) among the rows `keep` accepts (all by
 * default). Values compare as numbers, except that NaN equals NaN; -0 equals 0. Rows are
 * found through an open-addressing table keyed by a hash of the values' bits: for 1.3
 * million rows of three columns, 0.45–0.5 s against 2.6–3.0 s with a map keyed by the
 * values joined as text.
 */
export function distinctRows(
  columns: readonly Float64Array[],
  keep: (row: number) => boolean = () => true,
): DistinctRows {
  const n = columns[0]?.length ?? 0
  const index = new Int32Array(n).fill(-1)
  const first = new Int32Array(n)
  const count = new Float64Array(n)
  let size = 16
  while (size < 2 * n) size *= 2
  // slots[s]: a distinct row, or -1; at most half are used, so probes stay short.
  const slots = new Int32Array(size).fill(-1)
  const mask = size - 1
  let rows = 0
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue
    let s = rowHash(columns, i) & mask
    let k = slots[s]!
    while (k >= 0 && !sameRow(columns, first[k]!, i)) {
      s = (s + 1) & mask
      k = slots[s]!
    }
    if (k < 0) {
      k = rows++
      first[k] = i
      slots[s] = k
    }
    count[k]!++
    index[i] = k
  }
  return { index, first: first.slice(0, rows), count: count.slice(0, rows) }
}

const word = new Float64Array(1)
const wordBits = new Uint32Array(word.buffer)

/** A 32-bit hash of row `i`'s values, equal for rows `sameRow` finds equal. */
function rowHash(columns: readonly Float64Array[], i: number): number {
  let h = 0x811c9dc5
  for (const c of columns) {
    const v = c[i]!
    // Adding 0 turns -0 into 0; every NaN hashes alike.
    word[0] = v !== v ? NaN : v + 0
    h = Math.imul(h ^ wordBits[0]!, 0x9e3779b1)
    h = Math.imul((h << 13) | (h >>> 19), 0x85ebca77) ^ wordBits[1]!
    h = (h << 13) | (h >>> 19)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  return (h ^ (h >>> 15)) >>> 0
}

function sameRow(columns: readonly Float64Array[], i: number, j: number): boolean {
  for (const c of columns) {
    const a = c[i]!
    const b = c[j]!
    if (a !== b && (a === a || b === b)) return false
  }
  return true
}
