/**
 * Relations ClickHouse 18.16 can only build with arrays, for analyses that run in the
 * cluster: it has no window functions, so ranks and running sums over sorted values are
 * taken by collecting one array on the server (never in Node), sorting it and unrolling it
 * with ARRAY JOIN. Sums that must equal the same sums taken in TypeScript add in the same
 * order: `arraySum` and `arrayCumSum` add one element after another, as a JS loop does
 * (checked on 18.16.1 against the sums of the same values in Node, bit for bit).
 * ClickHouse-only by design: DuckDB has window functions and its path ranks in Node; only
 * `valueRanks` has a DuckDB twin, as the dialect's `valueRanks`, for SQL both engines run.
 */
import type { ClickHouseDialect } from './clickhouse-dialect.js'

/**
 * Each distinct non-null value `v` of `value` in `relation`, with its row count `ties`,
 * the number of rows with a smaller value `below`, and the count of all values `n`.
 */
export function valueRanks(relation: string, value: string): string {
  return `SELECT v, ties, below, n FROM (
    SELECT groupArray(v) AS vs_, groupArray(c) AS cs_, arraySort(vs_) AS sv_,
      arraySort((c_, v_) -> v_, cs_, vs_) AS sc_, arraySum(sc_) AS n
    FROM (SELECT ${value} AS v, count() AS c FROM (${relation}) AS r_ WHERE v IS NOT NULL GROUP BY v)
  ) ARRAY JOIN sv_ AS v, sc_ AS ties, arrayMap((s_, c_) -> s_ - c_, arrayCumSum(sc_), sc_) AS below`
}

/**
 * Each row's `key` and `value` (as `k`, `v`) with `before`: the sum of `amount` over the rows ranked before it by
 * `value` descending, then `key` ascending (added in that order, starting from 0).
 */
export function runningSumBefore(
  relation: string,
  key: string,
  value: string,
  amount: string,
): string {
  return `SELECT k, v, before FROM (
    SELECT arraySort((k_, v_) -> (-v_, k_), k0_, v0_) AS ks_,
      arraySort((v_, k_) -> (-v_, k_), v0_, k0_) AS vs_,
      arraySort((a_, k_, v_) -> (-v_, k_), a0_, k0_, v0_) AS am_
    FROM (SELECT groupArray(k) AS k0_, groupArray(v) AS v0_, groupArray(a) AS a0_
      FROM (SELECT ${key} AS k, ${value} AS v, ${amount} AS a FROM (${relation}) AS r_))
  ) ARRAY JOIN ks_ AS k, vs_ AS v, arrayCumSum(arrayPushFront(arrayPopBack(am_), 0)) AS before`
}

/** The sum of `value` added in ascending order of `key` (unique), as an aggregate. */
export function sumByKey(value: string, key: string): string {
  return `arraySum(arrayMap(t_ -> t_.2, arraySort(groupArray((${key}, ${value})))))`
}

/** The values of `value` sorted ascending by `key` (unique), as an aggregate array. */
export function valuesByKey(value: string, key: string): string {
  return `arrayMap(t_ -> t_.2, arraySort(groupArray((${key}, ${value}))))`
}

/** A MergeTree table `name` made from `select`, sorted by `orderBy` (`tuple()` for none). */
export function createTableAs(
  d: ClickHouseDialect,
  name: string,
  orderBy: string,
  select: string,
): string {
  return `CREATE TABLE ${d.quoteIdentifier(name)} ENGINE = MergeTree ORDER BY ${orderBy} AS ${select}`
}

/**
 * A Float64 from the 16 hex digits of its little-endian bytes (see `floatHex`): 18.16 parses
 * some 17-digit decimals in TabSeparated input one unit in the last place off (about one
 * value in 75 of random doubles, checked on 18.16.1), so exact values are sent as bits.
 */
export function exactFloat(hexColumn: string): string {
  return `reinterpretAsFloat64(unhex(${hexColumn}))`
}

/** A Float64 constant that is exactly `v` (finite), written as its bits. */
export function floatLiteral(d: ClickHouseDialect, v: number): string {
  if (!Number.isFinite(v)) throw new Error(`invalid float constant: ${v}`)
  return exactFloat(d.quoteString(floatHex(v)!))
}

/** The hex digits `exactFloat` reads back as exactly `v`; null for NaN (NULL). */
export function floatHex(v: number): string | null {
  if (Number.isNaN(v)) return null
  const b = Buffer.alloc(8)
  b.writeDoubleLE(v)
  return b.toString('hex')
}
