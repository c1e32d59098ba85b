/**
 * From a source's text columns to canonical typed values, in SQL: one expression per field,
 * and one validation pass that counts every value that does not parse, so an import can be
 * rejected whole with each problem named. Day-first or month-first dates are decided per
 * column from the rows themselves, never guessed.
 */
import type { Engine, SqlDialect } from '../engine/index.js'
import {
  STATUS_WORDS,
  TABLES,
  type ErrorCode,
  type FieldSpec,
  type Issue,
  type TableKind,
} from '../schema/index.js'
import type { HeaderMatch } from './headers.js'
import type { Mapping } from './mapping.js'
import type { OpenedSource } from './sources.js'

const TRUE_WORDS = ['1', 'yes', 'y', 'true', 't', '是', '有', '已转化', '已触达']
const FALSE_WORDS = ['0', 'no', 'n', 'false', 'f', '否', '无', '未转化', '未触达']

const col = (i: number) => `c${i}`
const text = (i: number) => `nullif(trim(${col(i)}), '')`

/** The SQL expression of one field's canonical value, NULL where it does not parse. */
export function fieldExpression(d: SqlDialect, f: FieldSpec, i: number, dayFirst: boolean): string {
  switch (f.type) {
    case 'string':
      return text(i)
    case 'date':
      return d.parseDate(col(i), dayFirst)
    case 'number':
      return d.parseNumber(col(i))
    case 'integer':
      return `CASE WHEN ${d.oneOf(`lower(${text(i)})`, TRUE_WORDS)} THEN 1
        WHEN ${d.oneOf(`lower(${text(i)})`, FALSE_WORDS)} THEN 0
        ELSE CAST(CASE WHEN ${d.parseNumber(col(i))} = round(${d.parseNumber(col(i))}) AND abs(${d.parseNumber(col(i))}) < 9e18 THEN ${d.parseNumber(col(i))} END AS BIGINT) END`
    case 'status':
      // The canonical words themselves, as most files write them, skip the word lists.
      return `CASE WHEN ${text(i)} IS NULL THEN 'completed'
        WHEN ${d.oneOf(text(i), Object.keys(STATUS_WORDS))} THEN ${text(i)} ${Object.entries(
          STATUS_WORDS,
        )
          .map(([s, words]) => `WHEN ${d.oneOf(`lower(${text(i)})`, words)} THEN '${s}'`)
          .join(' ')} END`
  }
}

interface Check {
  readonly code: ErrorCode
  readonly field: FieldSpec
  readonly column: number
  /** Condition that is true for a bad row. */
  readonly bad: string
  readonly expected: string
}

const EXPECTED: Record<FieldSpec['type'], string> = {
  string: 'a value',
  date: 'a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
  number: 'a number such as 1234.50, ¥1,234.50 or (12.00)',
  integer: 'a whole number or yes/no (是/否)',
  status: `an order status (${Object.values(STATUS_WORDS)
    .map((w) => w.slice(0, 2).join('/'))
    .join(', ')}…)`,
}

function checks(
  d: SqlDialect,
  kind: TableKind,
  match: HeaderMatch,
  dayFirst: ReadonlyMap<string, boolean>,
): Check[] {
  const out: Check[] = []
  for (const f of TABLES[kind]) {
    const i = match.fields.get(f.name)
    if (i === undefined) continue
    if (f.required) {
      out.push({
        code: 'INGEST_MISSING_VALUE',
        field: f,
        column: i,
        bad: `${text(i)} IS NULL`,
        expected: `a value (${f.en} is required)`,
      })
    }
    if (f.type !== 'string') {
      const code =
        f.type === 'date'
          ? 'INGEST_BAD_DATE'
          : f.type === 'status'
            ? 'INGEST_BAD_ROW'
            : 'INGEST_BAD_NUMBER'
      const expr = fieldExpression(d, f, i, dayFirst.get(f.name) ?? false)
      out.push({
        code,
        field: f,
        column: i,
        bad: `${text(i)} IS NOT NULL AND (${expr}) IS NULL`,
        expected: EXPECTED[f.type],
      })
    }
  }
  return out
}

/**
 * The checks of `valueIssues` as one condition on a parsed row, where each field is the
 * column of its name: true where any value is missing though required, or given but not
 * parsed. A value given but not parsed needs its text, so `raw` lists the select items that
 * carry it (as `__raw_<field>`). The load fails on such a row; only then is the source
 * scanned again to count and name every problem.
 */
export function invalidRow(match: HeaderMatch): {
  raw: string[]
  names: string[]
  condition: string
} {
  const raw: string[] = []
  const names: string[] = []
  const bad: string[] = []
  for (const f of TABLES[match.kind]) {
    const i = match.fields.get(f.name)
    if (i === undefined) continue
    if (f.required) bad.push(`${f.name} IS NULL`)
    else if (f.type !== 'string') {
      const r = `__raw_${f.name}`
      raw.push(`${col(i)} AS ${r}`)
      names.push(r)
      bad.push(`(${r} IS NOT NULL AND ${f.name} IS NULL AND trim(${r}) <> '')`)
    }
  }
  return { raw, names, condition: bad.length === 0 ? 'false' : bad.join(' OR ') }
}

export interface Validation {
  readonly rows: number
  readonly dayFirst: ReadonlyMap<string, boolean>
  readonly issues: Issue[]
  readonly totalIssues: number
}

const MAX_EXAMPLES = 20

/**
 * Counts the source's rows and decides each date column's order (day-first or month-first)
 * from the rows themselves; a column that mixes both, or that no row decides, is an issue.
 * The values themselves are checked by the load (`invalidRow`), and counted and named by
 * `valueIssues` only when it finds one.
 */
export async function readDateOrders(
  engine: Engine,
  source: OpenedSource,
  match: HeaderMatch,
  mapping: Mapping,
): Promise<Validation> {
  const d = engine.dialect
  const dateFields = TABLES[match.kind].filter((f) => f.type === 'date' && match.fields.has(f.name))
  const evidence = dateFields.flatMap((f) => {
    const c = col(match.fields.get(f.name)!)
    const [p1, p2] = [d.slashDatePart(c, 1), d.slashDatePart(c, 2)]
    return [
      `count(*) FILTER (WHERE ${p1} > 12) AS "dayfirst_${f.name}"`,
      `count(*) FILTER (WHERE ${p2} > 12) AS "monthfirst_${f.name}"`,
      `count(*) FILTER (WHERE ${p1} <= 12 AND ${p2} <= 12 AND ${p1} <> ${p2}) AS "ambiguous_${f.name}"`,
    ]
  })
  const [ev] = await engine.all(
    `SELECT count(*) AS rows ${evidence.map((e) => `, ${e}`).join('')} FROM ${source.relation}`,
  )
  const rows = Number(ev!.rows)
  const issues: Issue[] = []
  let total = 0
  const dayFirst = new Map<string, boolean>()
  for (const f of dateFields) {
    const [df, mf, amb] = ['dayfirst', 'monthfirst', 'ambiguous'].map((k) =>
      Number(ev![`${k}_${f.name}`]),
    )
    const column = source.headers[match.fields.get(f.name)!]
    if (mapping.dateOrder !== undefined) dayFirst.set(f.name, mapping.dateOrder === 'DMY')
    else if (df! > 0 && mf! > 0) {
      total++
      issues.push({
        code: 'INGEST_AMBIGUOUS_DATE',
        file: source.file,
        column,
        message: `some dates are day-first (${df} rows with a first number above 12) and some month-first (${mf} rows with a second number above 12); make the column consistent`,
      })
    } else if (df! > 0) dayFirst.set(f.name, true)
    else if (mf! > 0) dayFirst.set(f.name, false)
    else if (amb! > 0) {
      total++
      issues.push({
        code: 'INGEST_AMBIGUOUS_DATE',
        file: source.file,
        column,
        message: `${amb} dates such as 01/02/2024 read as either day/month or month/day and no row decides which; set dateOrder: DMY or MDY in a mapping file (--mapping) or pass --date-order`,
      })
    }
  }
  return { rows, dayFirst, issues, totalIssues: total }
}

/**
 * Counts every value of the source that does not parse (or is missing where required) in one
 * pass, and fetches a few examples of each with its line, column and text.
 */
export async function valueIssues(
  engine: Engine,
  source: OpenedSource,
  match: HeaderMatch,
  dayFirst: ReadonlyMap<string, boolean>,
): Promise<{ readonly issues: Issue[]; readonly totalIssues: number }> {
  const issues: Issue[] = []
  let total = 0
  const all = checks(engine.dialect, match.kind, match, dayFirst)
  if (all.length === 0) return { issues, totalIssues: 0 }
  const [counts] = await engine.all(
    `SELECT ${all.map((c, k) => `count(*) FILTER (WHERE ${c.bad}) AS n${k}`).join(', ')} FROM ${source.relation}`,
  )
  const failing = all.map((c, k) => ({ c, n: Number(counts![`n${k}`]) })).filter((x) => x.n > 0)
  for (const { n } of failing) total += n
  if (failing.length === 0) return { issues, totalIssues: 0 }
  const line = source.lineColumn ?? `__rec + ${source.headerLines}`
  const examples = await engine.all<{ k: number; line: number; rec: number; value: string | null }>(
    `SELECT * FROM (${failing
      .map(
        ({
          c,
        }) => `(SELECT ${all.indexOf(c)} AS k, ${line} AS line, __rec AS rec, ${col(c.column)} AS value
         FROM (SELECT ${source.recordNumber ?? 'row_number() OVER ()'} AS __rec, * FROM ${source.relation}) WHERE ${c.bad} ORDER BY __rec LIMIT ${MAX_EXAMPLES})`,
      )
      .join(' UNION ALL ')}) ORDER BY rec, k LIMIT ${MAX_EXAMPLES}`,
  )
  for (const ex of examples) {
    const c = all[ex.k]!
    const at =
      source.textLines || source.lineColumn !== undefined
        ? { line: Number(ex.line) }
        : { row: Number(ex.rec) }
    issues.push({
      code: c.code,
      file: source.file,
      ...at,
      column: source.headers[c.column],
      path: c.field.name,
      value: ex.value ?? '',
      message:
        ex.value === null || ex.value.trim() === ''
          ? `missing ${c.field.en}: expected ${c.expected}`
          : `expected ${c.expected}`,
    })
  }
  return { issues, totalIssues: total }
}
