/**
 * Compiling the catalogue to one SQL query per analysis: every customer known before the
 * as-of date, one row each, one column per indicator. Source aggregates are joined one
 * join per nesting level, which every engine we support accepts.
 */
import type { CompiledQuery, SqlDialect } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { INDICATORS, indicator, type Indicator } from './catalogue.js'
import { minus, parseWindow, windowStart, type Window } from './period.js'
import { customerIds, sourceQueries, type Periods } from './sources.js'

export interface IndicatorOptions {
  /** ISO date; only what happened before it counts. */
  readonly asOf: string
  /** `all` (default) or a span such as `365d`, `12m`. */
  readonly window?: string | Window
  /** Indicator names; default every indicator in the catalogue. */
  readonly indicators?: readonly string[]
  /** The orders table; default `transactions` (a ClickHouse store may name another). */
  readonly ordersTable?: string
}

export function periodsOf(asOf: string, window: Window): Periods {
  const start = windowStart(asOf, window)
  // Growth and retention compare equal periods: the window, or the last year when it is `all`.
  const growthStart = start ?? minus(asOf, 1, 'y')
  const previousStart =
    window.kind === 'all' ? minus(asOf, 2, 'y') : minus(growthStart, window.amount, window.unit)
  return { asOf, start, growthStart, previousStart }
}

export function selectIndicators(names?: readonly string[]): readonly Indicator[] {
  if (names === undefined) return INDICATORS
  return names.map((n) => {
    const i = indicator(n)
    if (i === undefined) {
      throw new ClienteleError(
        'INDICATOR_UNKNOWN',
        `unknown indicator: ${n} (see \`clientele indicators\` for the catalogue)`,
      )
    }
    return i
  })
}

/** The per-customer indicator query for `options`. */
export function compileIndicators(d: SqlDialect, options: IndicatorOptions): CompiledQuery {
  const window =
    typeof options.window === 'string'
      ? parseWindow(options.window)
      : (options.window ?? { kind: 'all' })
  const orders =
    options.ordersTable === undefined ? undefined : d.quoteIdentifier(options.ordersTable)
  const periods = { ...periodsOf(options.asOf, window), orders }
  const asOf = d.dateLiteral(options.asOf)
  let from = customerIds(d, options.asOf, orders)
  for (const source of sourceQueries(d, periods)) {
    from = `SELECT * FROM ${d.leftJoin(from, source.sql, 'customer_id')}`
  }
  const columns = selectIndicators(options.indicators).map(
    (i) => `${i.sql(d, asOf)} AS ${d.quoteIdentifier(i.name)}`,
  )
  return { sql: `SELECT customer_id, ${columns.join(', ')} FROM (${from}) AS joined` }
}
