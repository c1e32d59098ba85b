import type {
  ColumnSpec,
  ColumnType,
  DateGrain,
  NullType,
  PurchaseDayGaps,
  SqlDialect,
} from '../dialect.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const NULL_TYPES: Readonly<Record<NullType, string>> = {
  integer: 'BIGINT',
  double: 'DOUBLE',
  text: 'VARCHAR',
  date: 'DATE',
}
const COLUMN_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  text: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
}

/** DuckDB's SQL: standard quoting, `date_diff`, `quantile_cont`. */
export class DuckDBDialect implements SqlDialect {
  readonly name = 'duckdb'

  quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`
  }

  quoteString(value: string): string {
    return `'${value.replaceAll("'", "''")}'`
  }

  daysBetween(from: string, to: string): string {
    return `date_diff('day', ${from}, ${to})`
  }

  dateTrunc(grain: DateGrain, date: string): string {
    return `CAST(date_trunc('${grain}', ${date}) AS DATE)`
  }

  addDays(date: string, days: string): string {
    return `CAST(${date} + to_days(CAST(${days} AS INTEGER)) AS DATE)`
  }

  quantileCont(expr: string, p: number): string {
    if (!(p >= 0 && p <= 1)) throw new Error(`invalid quantile: ${p}`)
    return `quantile_cont(${expr}, ${p})`
  }

  countDistinct(expr: string): string {
    return `count(DISTINCT ${expr})`
  }

  dateLiteral(iso: string): string {
    if (!ISO_DATE.test(iso)) throw new Error(`invalid date: ${iso}`)
    return `DATE '${iso}'`
  }

  castText(expr: string): string {
    return `CAST(${expr} AS VARCHAR)`
  }

  castDouble(expr: string): string {
    return `CAST(${expr} AS DOUBLE)`
  }

  lowerTrim(text: string): string {
    return `lower(trim(${text}))`
  }

  /**
   * A lookup in a list literal, not `IN (…)`: DuckDB plans an IN list of constants as a join
   * with the list, which runs on every row even inside a CASE branch that few rows reach.
   * The load of 10^6 orders, whose order status is a CASE with three word lists, took
   * 2.1-2.8 s with IN lists and 1.7-2.2 s with lookups (EXPLAIN ANALYZE).
   */
  oneOf(expr: string, values: readonly string[]): string {
    return `list_contains([${values.map((v) => this.quoteString(v)).join(', ')}]::VARCHAR[], ${expr})`
  }

  nullOf(type: NullType): string {
    return `CAST(NULL AS ${NULL_TYPES[type]})`
  }

  argMax(value: string, by: string): string {
    return `arg_max(${value}, ${by})`
  }

  argMin(value: string, by: string): string {
    return `arg_min(${value}, ${by})`
  }

  leftJoin(left: string, right: string, key: string): string {
    return `(${left}) AS l LEFT JOIN (${right}) AS r USING (${this.quoteIdentifier(key)})`
  }

  innerJoin(left: string, right: string, key: string): string {
    return `(${left}) AS l JOIN (${right}) AS r USING (${this.quoteIdentifier(key)})`
  }

  valueRanks(relation: string, value: string): string {
    return `SELECT v, ties, sum(ties) OVER (ORDER BY v) - ties AS below, sum(ties) OVER () AS n
    FROM (SELECT ${value} AS v, count(*) AS ties FROM (${relation}) AS r_ WHERE ${value} IS NOT NULL GROUP BY 1) AS g_`
  }

  rowHash32(column: string): string {
    return `CAST(${column} >> 96 AS UBIGINT)`
  }

  // The layout is left out: DuckDB tables have no sorting or partition key.
  createTable(name: string, columns: readonly ColumnSpec[]): string {
    const defs = columns.map(
      (c) =>
        `${this.quoteIdentifier(c.name)} ${COLUMN_TYPES[c.type]}${c.notNull ? ' NOT NULL' : ''}`,
    )
    return `CREATE TABLE IF NOT EXISTS ${this.quoteIdentifier(name)} (${defs.join(', ')})`
  }

  stringAgg(expr: string, separator: string): string {
    return `string_agg(DISTINCT ${expr}, ${this.quoteString(separator)} ORDER BY ${expr})`
  }

  secondLargestDistinct(expr: string): string {
    return `list_sort(list_distinct(list(${expr})), 'DESC')[2]`
  }

  gapStddevDays(date: string): string {
    const days = `list_sort(list_distinct(list(${date})))`
    return `list_aggregate(list_transform(list_zip(${days}[2:], ${days}[:-2]), p -> date_diff('day', p[2], p[1])), 'stddev_samp')`
  }

  /**
   * Each purchase day's previous one from a window, so that the second-last day is the
   * previous day of the last, and the gaps are rows to aggregate: lists of every purchase
   * day per customer took a third more time and memory (they did not fit 700 MB at 10^7
   * orders).
   */
  purchaseDayGaps(days: string): PurchaseDayGaps {
    return {
      from: `(SELECT *, CASE WHEN p = 1 THEN lag(date) OVER (PARTITION BY customer_id, p ORDER BY date) END AS prev_day FROM ${days})`,
      secondLast: 'arg_max(prev_day, date) FILTER (WHERE p = 1)',
      gapStddev: "stddev_samp(date_diff('day', prev_day, date))",
    }
  }

  parseDate(text: string, dayFirst: boolean): string {
    return `clientele_parse_date(${text}, ${dayFirst})`
  }

  slashDatePart(text: string, part: 1 | 2): string {
    return `clientele_dm_part(${text}, ${part})`
  }

  parseNumber(text: string): string {
    return `clientele_parse_number(${text})`
  }
}
