/**
 * Semantic SQL helpers: each engine says how to write these few things in its own SQL.
 * Indicator and ingest SQL are composed from these calls, never from engine-specific text.
 */
export type DateGrain = 'day' | 'week' | 'month' | 'quarter' | 'year'

export interface SqlDialect {
  readonly name: string
  quoteIdentifier(name: string): string
  /** A string literal with quotes escaped. */
  quoteString(value: string): string
  /** Whole days from `from` to `to` (DATE expressions); positive when `to` is later. */
  daysBetween(from: string, to: string): string
  dateTrunc(grain: DateGrain, date: string): string
  /** `date` plus `days` (an integer expression) as a DATE. */
  addDays(date: string, days: string): string
  /** The continuous quantile `p` (0–1) of `expr` as an aggregate. */
  quantileCont(expr: string, p: number): string
  /** Number of distinct non-null values of `expr` as an aggregate. */
  countDistinct(expr: string): string
  /** A DATE literal for an ISO date `yyyy-mm-dd`. */
  dateLiteral(iso: string): string
}
