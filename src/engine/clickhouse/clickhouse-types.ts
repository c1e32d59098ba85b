/**
 * ClickHouse's text formats: results are read as `TabSeparatedWithNamesAndTypes` (names,
 * then types, then rows; `\N` is NULL; `\t \n \\ \'` and friends are escaped) and rows are
 * written as `TabSeparated`. Values come back as callers of the engine expect them: numbers
 * as number (64-bit integers as bigint only beyond 2^53), dates as Date at UTC midnight.
 */
import type { ColumnValues } from '../engine.js'

const NUMERIC = /^(U?Int(8|16|32|64|128|256)|Float(32|64)|Decimal(32|64|128|256)?(\(.*\))?)$/
const WRAPPERS = /^(Nullable|LowCardinality)\((.*)\)$/

/** The type without `Nullable(…)` and `LowCardinality(…)`. */
export function baseType(type: string): string {
  let t = type.trim()
  for (let m = WRAPPERS.exec(t); m; m = WRAPPERS.exec(t)) t = m[2]!
  return t
}

export function isNumericType(type: string): boolean {
  return NUMERIC.test(baseType(type))
}

const UNESCAPE: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  r: '\r',
  n: '\n',
  t: '\t',
  '0': '\0',
  a: '\x07',
  v: '\v',
}

/** One TSV field as text, or null for `\N`. */
export function unescapeField(field: string): string | null {
  if (field === '\\N') return null
  if (!field.includes('\\')) return field
  return field.replace(/\\(.)/gs, (_, c: string) => UNESCAPE[c] ?? c)
}

function number(text: string): number {
  if (text === 'nan' || text === '-nan') return NaN
  if (text === 'inf' || text === '+inf') return Infinity
  if (text === '-inf') return -Infinity
  return Number(text)
}

/** Decodes one field of a column of `type` into the value callers get from `all()`. */
export function decodeValue(field: string, type: string): unknown {
  const text = unescapeField(field)
  if (text === null) return null
  const base = baseType(type)
  if (/^U?Int(64|128|256)$/.test(base)) {
    const n = Number(text)
    return Number.isSafeInteger(n) ? n : BigInt(text)
  }
  if (NUMERIC.test(base)) return number(text)
  if (base === 'Date' || base === 'Date32') return new Date(`${text}T00:00:00Z`)
  if (base.startsWith('DateTime')) return new Date(`${text.replace(' ', 'T')}Z`)
  if (base === 'Bool') return text === 'true' || text === '1'
  return text
}

/** Decodes a numeric field for a Float64Array column: NULL becomes NaN. */
export function decodeNumber(field: string): number {
  return field === '\\N' ? NaN : number(field)
}

/** A parsed `TabSeparatedWithNamesAndTypes` result, as rows of raw fields. */
export interface TsvResult {
  readonly names: readonly string[]
  readonly types: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

export function parseTsv(body: string): TsvResult {
  const lines = body.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const split = (line: string | undefined) =>
    line === undefined ? [] : line.split('\t').map((f) => unescapeField(f) ?? '')
  const names = split(lines[0])
  const types = split(lines[1])
  const rows = lines.slice(2).map((line) => line.split('\t'))
  const bad = rows.findIndex((r) => r.length !== names.length)
  if (bad >= 0 || types.length !== names.length) {
    throw new Error(`invalid ClickHouse result: row ${bad + 1} has ${rows[bad]?.length} fields`)
  }
  return { names, types, rows }
}

const escapeField = (s: string) =>
  s.replace(/[\\\t\n\r\0]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\0' ? '\\0' : '\\\\',
  )

/** Rows `from` to `to` (exclusive) of `columns` as `TabSeparated` text; NaN and null are `\N`. */
export function encodeRows(columns: readonly ColumnValues[], from: number, to: number): string {
  const lines: string[] = []
  for (let i = from; i < to; i++) {
    const fields = columns.map((c) => {
      const v = c[i]
      if (typeof v === 'number') {
        if (Number.isNaN(v)) return '\\N'
        return Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : '-inf'
      }
      return v === null || v === undefined ? '\\N' : escapeField(v)
    })
    lines.push(fields.join('\t'))
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
