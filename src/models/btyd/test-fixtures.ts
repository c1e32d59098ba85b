/** Test support: the CDNOW and donation fixtures of examples/cdnow, read once. Not part of the API. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  compressRows,
  type CustomerSummary,
  type DiscreteSummary,
  type SpendSummary,
} from './summary.js'

const DIR = fileURLToPath(new URL('../../../examples/cdnow/', import.meta.url))

function columns(file: string): Float64Array[] {
  const lines = readFileSync(DIR + file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  const rows = lines.map((l) => l.split(',').map(Number))
  const width = rows[0]?.length ?? 0
  return Array.from({ length: width }, (_, j) => Float64Array.from(rows, (r) => r[j] ?? NaN))
}

/** One row per customer of the CDNOW sample, weeks, 39-week calibration (2,357 rows). */
export function cdnowCustomers(): CustomerSummary {
  const [, x, tx, T] = columns('cdnow_customers_summary.csv')
  return { x: x as Float64Array, tx: tx as Float64Array, T: T as Float64Array }
}

/** One row per customer with the mean repeat spend zbar (0 where x = 0). */
export function cdnowSpend(): SpendSummary {
  const [, x, , , zbar] = columns('cdnow_customers_summary_with_transactions.csv')
  return { x: x as Float64Array, zbar: zbar as Float64Array }
}

/** The donation data set of Fader, Hardie & Shang (2010), already compressed with weights. */
export function donations(): DiscreteSummary {
  const [frequency, recency, periods, weight] = columns('donations.csv')
  return {
    frequency: frequency as Float64Array,
    recency: recency as Float64Array,
    periods: periods as Float64Array,
    weight: weight as Float64Array,
  }
}

/** The CDNOW customers collapsed to distinct (x, t_x, T) rows with weights. */
export function cdnowDistinct(): CustomerSummary {
  const d = cdnowCustomers()
  const { columns, weight } = compressRows([d.x, d.tx, d.T])
  const [x, tx, T] = columns as [Float64Array, Float64Array, Float64Array]
  return { x, tx, T, weight }
}

/** |actual / expected − 1|, the relative error used against published figures. */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1)
}

/** Central-difference derivative of f at θ along parameter `key`. */
export function numericPartial<P extends { readonly [K in keyof P]: number }>(
  f: (p: P) => number,
  p: P,
  key: keyof P,
): number {
  const h = 1e-6 * p[key]
  return (f({ ...p, [key]: p[key] + h }) - f({ ...p, [key]: p[key] - h })) / (2 * h)
}
