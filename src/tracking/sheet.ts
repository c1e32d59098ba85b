/**
 * Reading the small files people fill in for tracking (an action list with what was done,
 * the customers who received an action) into a temporary table, with the importer's
 * encodings and formats, Chinese or English headers, and every bad value reported by line.
 */
import type { Engine } from '../engine/index.js'
import { IngestError, normaliseHeader, openSource } from '../ingest/index.js'
import type { Issue } from '../schema/index.js'

export interface SheetField {
  readonly name: string
  readonly headers: readonly string[]
  readonly type: 'text' | 'date' | 'integer'
  /** The column must be there. */
  readonly required: boolean
  /** Every row must have a value. */
  readonly filled?: boolean
}

/** Loads `file` into TEMP table `table` with one typed column per field found, plus `line`. */
export async function loadSheet(
  engine: Engine,
  file: string,
  fields: readonly SheetField[],
  table: string,
): Promise<{ rows: number; found: ReadonlySet<string> }> {
  const source = await openSource(engine, file)
  try {
    const structural = await source.structuralIssues(engine)
    if (structural.length > 0)
      throw new IngestError('INGEST_INVALID', `${file} cannot be read`, structural)
    const keys = source.headers.map(normaliseHeader)
    const columns = fields.flatMap((f) => {
      const i = keys.findIndex((k) => f.headers.some((h) => normaliseHeader(h) === k))
      return i < 0 ? [] : [{ field: f, i, header: source.headers[i]! }]
    })
    const missing = fields.filter((f) => f.required && !columns.some((c) => c.field === f))
    if (missing.length > 0)
      throw new IngestError(
        'INGEST_MISSING_COLUMN',
        `${file} has no ${missing.map((f) => f.name).join(', ')} column`,
        missing.map((f) => ({
          code: 'INGEST_MISSING_COLUMN',
          file,
          path: f.name,
          message: `expected a column named ${f.headers.join(' or ')}`,
        })),
      )
    const d = engine.dialect
    const line = source.lineColumn ?? `row_number() OVER () + ${source.headerLines}`
    const select = columns.map(({ field, i }) => {
      const text = `nullif(trim(c${i}), '')`
      const typed =
        field.type === 'date'
          ? d.parseDate(text, false)
          : field.type === 'integer'
            ? `TRY_CAST(${text} AS INTEGER)`
            : text
      return `${typed} AS ${field.name}, ${text} AS ${field.name}__text`
    })
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT CAST(${line} AS BIGINT) AS line, ${select.join(', ')} FROM ${source.relation}`,
    )
    const issues: Issue[] = []
    const where = (n: number): Pick<Issue, 'line' | 'row'> =>
      source.textLines || source.format === 'xlsx' ? { line: n } : { row: n - source.headerLines }
    for (const { field, header } of columns) {
      const bad = await engine.all<{ line: number; v: string | null }>(
        `SELECT line, ${field.name}__text AS v FROM ${table}
         WHERE ${field.filled === true ? `${field.name}__text IS NULL OR ` : ''}(${field.name}__text IS NOT NULL AND ${field.name} IS NULL)
         ORDER BY line LIMIT 20`,
      )
      for (const r of bad)
        issues.push({
          code:
            r.v === null
              ? 'INGEST_MISSING_VALUE'
              : field.type === 'date'
                ? 'INGEST_BAD_DATE'
                : 'INGEST_BAD_NUMBER',
          file,
          ...where(Number(r.line)),
          column: header,
          ...(r.v === null ? {} : { value: r.v }),
          message:
            r.v === null
              ? 'a value is required'
              : field.type === 'date'
                ? 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日'
                : 'expected a whole number',
        })
    }
    if (issues.length > 0) {
      issues.sort((a, b) => (a.line ?? a.row ?? 0) - (b.line ?? b.row ?? 0))
      throw new IngestError('INGEST_INVALID', `${file} cannot be read`, issues)
    }
    const [count] = await engine.all(`SELECT count(*) AS n FROM ${table}`)
    return { rows: Number(count?.n ?? 0), found: new Set(columns.map((c) => c.field.name)) }
  } finally {
    source.cleanup()
  }
}
