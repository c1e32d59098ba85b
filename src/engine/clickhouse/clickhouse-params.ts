/**
 * Named parameters for ClickHouse. 18.16 has no query parameters (`{name:Type}` came in
 * 19.x), so `$name` placeholders are replaced by literals here, the one place where values
 * meet SQL text: strings through the dialect's quoting, numbers only when they are numbers.
 * Placeholders inside string literals, quoted identifiers and comments are left alone.
 */
import type { Params, SqlValue } from '../engine.js'
import type { ClickHouseDialect } from './clickhouse-dialect.js'

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y

function literal(d: ClickHouseDialect, value: SqlValue): string {
  if (value === null) return 'NULL'
  switch (typeof value) {
    case 'string':
      return d.quoteString(value)
    case 'bigint':
      return value.toString()
    case 'boolean':
      return value ? '1' : '0'
    case 'number':
      if (Number.isNaN(value)) return 'nan'
      if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
      // Parenthesised so that `-$x` with x = -1 cannot become a `--` comment.
      return value < 0 || Object.is(value, -0) ? `(${value})` : String(value)
    default:
      throw new Error(`invalid parameter value: ${String(value)}`)
  }
}

/** The end (exclusive) of the quoted text or comment starting at `i`, or `i` when none does. */
function skip(sql: string, i: number): number {
  const c = sql[i]
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1
    while (j < sql.length) {
      if (sql[j] === '\\') j += 2
      else if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2
        else return j + 1
      } else j++
    }
    return sql.length
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i)
    return end < 0 ? sql.length : end
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2)
    return end < 0 ? sql.length : end + 2
  }
  return i
}

/** `sql` with each `$name` replaced by the literal of `params[name]`. */
export function bind(d: ClickHouseDialect, sql: string, params?: Params): string {
  if (params === undefined || !sql.includes('$')) return sql
  let out = ''
  let i = 0
  while (i < sql.length) {
    const end = skip(sql, i)
    if (end > i) {
      out += sql.slice(i, end)
      i = end
      continue
    }
    if (sql[i] === '$') {
      NAME.lastIndex = i + 1
      const name = NAME.exec(sql)?.[0]
      if (name !== undefined) {
        if (!Object.hasOwn(params, name))
          throw new Error(`invalid parameters: no value for $${name}`)
        out += literal(d, params[name]!)
        i += 1 + name.length
        continue
      }
    }
    out += sql[i]
    i++
  }
  return out
}
