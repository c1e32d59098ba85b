/**
 * ClickHouse's SQL, kept to the subset shared by Debian's 18.16 and current releases, so one
 * string runs on both. What 18.16 lacks, each checked on 18.16.1 over HTTP:
 * - no window functions, no CTEs, no `UNION` without `ALL`, no `TRUE`/`FALSE` literals, no
 *   correlated subqueries, one JOIN per SELECT (callers nest joins in subqueries);
 * - no `trim` (nor `trimBoth`): `replaceRegexpAll` instead; `lower` is ASCII-only: `lowerUTF8`;
 * - no `quantileExactInclusive`, and `quantileExact` does not interpolate: the continuous
 *   quantile is interpolated by hand over the sorted values, as DuckDB's `quantile_cont` does;
 * - `arrayDifference` rejects Date: days are taken with `toRelativeDayNum` first;
 * - `CAST(NULL AS Int64)` is an error (in every release): `Nullable(…)` types; `CAST` of a
 *   Nullable column holding NULL to a plain type is one too: `toFloat64` keeps the NULL;
 * - the simple `CASE x WHEN … END` without ELSE gives NULL on every row: `CASE WHEN x = …`.
 * Standard-SQL results also depend on settings the engine sends with every query
 * (`join_use_nulls=1`, so unmatched LEFT JOIN columns are NULL rather than 0 or '').
 * Text parsing is done by the importer on DuckDB; its helpers are not offered here. Ranks and
 * running sums, which other engines take with window functions, are built from arrays in
 * `clickhouse-relations.ts`; floats that must arrive exactly go as bits (`exactFloat`), since
 * 18.16 parses some 17-digit decimals in TabSeparated input one ulp off (SQL literals parse
 * exactly: checked on 10,000 random doubles).
 */
import { EngineError } from '../engine.js'
import type {
  ColumnSpec,
  ColumnType,
  DateGrain,
  NullType,
  PurchaseDayGaps,
  SqlDialect,
  TableLayout,
} from '../dialect.js'
import { valueRanks } from './clickhouse-relations.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const TRUNC: Readonly<Record<DateGrain, string>> = {
  day: 'toDate',
  week: 'toMonday',
  month: 'toStartOfMonth',
  quarter: 'toStartOfQuarter',
  year: 'toStartOfYear',
}

const NULL_TYPES: Readonly<Record<NullType, string>> = {
  integer: 'Nullable(Int64)',
  double: 'Nullable(Float64)',
  text: 'Nullable(String)',
  date: 'Nullable(Date)',
}

const COLUMN_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'Int32',
  bigint: 'Int64',
  double: 'Float64',
  text: 'String',
  date: 'Date',
  timestamp: 'DateTime',
}

function notSupported(helper: string): never {
  throw new EngineError(
    'ENGINE_NOT_SUPPORTED',
    `ClickHouse: ${helper} is not supported; import files into a DuckDB store, then load its tables into ClickHouse`,
  )
}

/** ClickHouse's SQL: backtick identifiers, backslash-escaped strings, array aggregates. */
export class ClickHouseDialect implements SqlDialect {
  readonly name = 'clickhouse'

  quoteIdentifier(name: string): string {
    return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``
  }

  quoteString(value: string): string {
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  }

  daysBetween(from: string, to: string): string {
    return `dateDiff('day', ${from}, ${to})`
  }

  dateTrunc(grain: DateGrain, date: string): string {
    return `${TRUNC[grain]}(${date})`
  }

  addDays(date: string, days: string): string {
    return `toDate(addDays(${date}, toInt64(${days})))`
  }

  quantileCont(expr: string, p: number): string {
    if (!(p >= 0 && p <= 1)) throw new Error(`invalid quantile: ${p}`)
    const sorted = `arraySort(groupArray(toFloat64(${expr})))`
    const h = `((length(${sorted}) - 1) * ${p})`
    const at = (i: string) => `${sorted}[toUInt64(${i}(${h})) + 1]`
    return `if(length(${sorted}) = 0, NULL, ${at('floor')} + (${h} - floor(${h})) * (${at('ceil')} - ${at('floor')}))`
  }

  // 18.16 gives NULL, not 0, for the count of an all-NULL Nullable column.
  countDistinct(expr: string): string {
    return `coalesce(uniqExact(${expr}), 0)`
  }

  dateLiteral(iso: string): string {
    if (!ISO_DATE.test(iso)) throw new Error(`invalid date: ${iso}`)
    return `toDate('${iso}')`
  }

  parseDate(): string {
    return notSupported('parseDate')
  }

  castText(expr: string): string {
    return `toString(${expr})`
  }

  castDouble(expr: string): string {
    return `toFloat64(${expr})`
  }

  lowerTrim(text: string): string {
    return `lowerUTF8(replaceRegexpAll(${text}, '^ +| +$', ''))`
  }

  oneOf(expr: string, values: readonly string[]): string {
    return `${expr} IN (${values.map((v) => this.quoteString(v)).join(', ')})`
  }

  nullOf(type: NullType): string {
    return `CAST(NULL AS ${NULL_TYPES[type]})`
  }

  // Like DuckDB's arg_max/arg_min, rows where either argument is NULL are skipped.
  argMax(value: string, by: string): string {
    return `argMax(${value}, ${by})`
  }

  argMin(value: string, by: string): string {
    return `argMin(${value}, ${by})`
  }

  leftJoin(left: string, right: string, key: string): string {
    return `(${left}) AS l ALL LEFT JOIN (${right}) AS r USING (${this.quoteIdentifier(key)})`
  }

  innerJoin(left: string, right: string, key: string): string {
    return `(${left}) AS l ALL INNER JOIN (${right}) AS r USING (${this.quoteIdentifier(key)})`
  }

  valueRanks(relation: string, value: string): string {
    return valueRanks(relation, value)
  }

  // The canonical tables keep row_hash as text (18.16 has no 128-bit integers): the top
  // 32 bits of its cityHash64 stand in for the top 32 bits of the hash itself.
  rowHash32(column: string): string {
    return `intDiv(cityHash64(${column}), 4294967296)`
  }

  // Sorting-key columns cannot be Nullable in 18.16, nor can a column be declared NOT NULL.
  createTable(name: string, columns: readonly ColumnSpec[], layout: TableLayout): string {
    const q = (c: string) => this.quoteIdentifier(c)
    const defs = columns.map(
      (c) =>
        `${q(c.name)} ${c.notNull ? COLUMN_TYPES[c.type] : `Nullable(${COLUMN_TYPES[c.type]})`}`,
    )
    const partition =
      layout.partitionBy === undefined ? '' : ` PARTITION BY ${q(layout.partitionBy)}`
    return `CREATE TABLE IF NOT EXISTS ${q(name)} (${defs.join(', ')}) ENGINE = MergeTree${partition} ORDER BY (${layout.orderBy.map(q).join(', ')})`
  }

  stringAgg(expr: string, separator: string): string {
    const values = `arraySort(groupUniqArray(${expr}))`
    return `if(empty(${values}), NULL, arrayStringConcat(arrayMap(v_ -> toString(v_), ${values}), ${this.quoteString(separator)}))`
  }

  secondLargestDistinct(expr: string): string {
    const values = `arrayReverseSort(groupUniqArray(${expr}))`
    return `if(length(${values}) >= 2, ${values}[2], NULL)`
  }

  gapStddevDays(date: string): string {
    const days = `arraySort(arrayMap(d_ -> toRelativeDayNum(d_), groupUniqArray(${date})))`
    return `if(length(${days}) >= 3, arrayReduce('stddevSamp', arrayPopFront(arrayDifference(${days}))), NULL)`
  }

  /** 18.16 has no window functions: the purchase days of each customer as arrays. */
  purchaseDayGaps(days: string): PurchaseDayGaps {
    const purchase = 'CASE WHEN p = 1 THEN date ELSE NULL END'
    return {
      from: days,
      secondLast: this.secondLargestDistinct(purchase),
      gapStddev: this.gapStddevDays(purchase),
    }
  }

  slashDatePart(): string {
    return notSupported('slashDatePart')
  }

  parseNumber(): string {
    return notSupported('parseNumber')
  }
}
