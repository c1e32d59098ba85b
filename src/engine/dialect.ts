/**
 * Semantic SQL helpers: each engine says how to write these few things in its own SQL.
 * Indicator, ingest and tracking SQL are composed from these calls, never from engine-specific
 * text.
 */
export type DateGrain = 'day' | 'week' | 'month' | 'quarter' | 'year'
export type NullType = 'integer' | 'double' | 'text' | 'date'
export type ColumnType = 'integer' | 'bigint' | 'double' | 'text' | 'date' | 'timestamp'

/** A column of a table the app keeps in the store (its tracking tables). */
export interface ColumnSpec {
  readonly name: string
  readonly type: ColumnType
  /** Nullable unless set. */
  readonly notNull?: boolean
}

/** How a kept table is laid out where the engine has a say (ClickHouse's MergeTree keys). */
export interface TableLayout {
  readonly orderBy: readonly string[]
  /** One partition per value, replaced as a whole by engines that can. */
  readonly partitionBy?: string
}

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
  /**
   * A text value parsed as a DATE, or NULL: ISO and `2024/1/5`, `20240105`, `2024年1月5日`,
   * Excel serial numbers, `5 Jan 2024`, and `d/m/y` or `m/d/y` as `dayFirst` says.
   * A time after the date is ignored.
   */
  parseDate(text: string, dayFirst: boolean): string
  /** Text of any scalar expression. */
  castText(expr: string): string
  /** A number as a DOUBLE, NULL staying NULL (ClickHouse's CAST rejects NULL). */
  castDouble(expr: string): string
  /** Text with leading and trailing spaces removed, in lower case (Unicode), for matching words. */
  lowerTrim(text: string): string
  /**
   * A condition true where `expr` is one of `values` (text constants, at least one) and not
   * true where it is none or NULL: what `expr IN (…)` means, in the form the engine
   * evaluates fastest.
   */
  oneOf(expr: string, values: readonly string[]): string
  /** A NULL of the given type (engines that infer no type for a bare NULL need one). */
  nullOf(type: NullType): string
  /** The value of `value` on the row where `by` is largest, as an aggregate. */
  argMax(value: string, by: string): string
  /** The value of `value` on the row where `by` is smallest, as an aggregate. */
  argMin(value: string, by: string): string
  /** `left LEFT JOIN right` on one key column present in both (one join per query). */
  leftJoin(left: string, right: string, key: string): string
  /** `left INNER JOIN right` on one key column present in both (one join per query). */
  innerJoin(left: string, right: string, key: string): string
  /**
   * A relation of each distinct non-null value `v` of `value` over `relation`, with its row
   * count `ties`, the number of rows with a smaller value `below`, and the count of all
   * values `n`: ranks without window functions where the engine has none.
   */
  valueRanks(relation: string, value: string): string
  /** 32 bits of the canonical tables' row content hash `column`, as an unsigned integer to sum. */
  rowHash32(column: string): string
  /** `CREATE TABLE IF NOT EXISTS` for a table the app keeps in the store. */
  createTable(name: string, columns: readonly ColumnSpec[], layout: TableLayout): string
  /** The distinct non-null values of `expr` joined by `separator`, in ascending order, as an aggregate. */
  stringAgg(expr: string, separator: string): string
  /** The second-largest distinct value of `expr` (NULL with fewer than two), as an aggregate. */
  secondLargestDistinct(expr: string): string
  /**
   * The sample standard deviation, in days, of the gaps between consecutive distinct
   * dates of `date` (NULL with fewer than three distinct dates), as an aggregate.
   */
  gapStddevDays(date: string): string
  /**
   * The second-last purchase day and the spread of the gaps between purchase days, per
   * customer, over `days` (one row per customer and day: customer_id, date, and p = 1 on
   * purchase days): the relation to group by customer, and the two aggregates over it, as
   * `secondLargestDistinct` and `gapStddevDays` give them.
   */
  purchaseDayGaps(days: string): PurchaseDayGaps
  /** Part 1 or 2 of a `nn/nn/yyyy` date as an integer, NULL for other shapes. */
  slashDatePart(text: string, part: 1 | 2): string
  /**
   * A text amount parsed as a DOUBLE, or NULL: thousands separators, currency signs and
   * codes, `(123)` negatives, 万/亿 units and `1.234,56` decimal commas.
   */
  parseNumber(text: string): string
}

/** What `SqlDialect.purchaseDayGaps` gives: a relation and two aggregates over it. */
export interface PurchaseDayGaps {
  readonly from: string
  readonly secondLast: string
  readonly gapStddev: string
}
