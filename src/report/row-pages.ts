/**
 * Rows for the workbook, read from the engine a page at a time so the Node process never
 * holds a sheet. The rows that fit are first copied, in sheet order, into a temporary table
 * numbered within each sheet; a page is then a range of those numbers. Because the copy is
 * stored in that order, DuckDB's per-row-group min/max skips everything outside the range,
 * so a page costs its own rows. Paging the base table by a keyset on customer_id instead
 * rescans it for every page: reading one tier's 333,334 rows of a 10^6-row table in pages of
 * 10,000 took 2.1 s by keyset and 1.1 s by range, and the gap grows with the table.
 */
import type { Columns, Engine } from '../engine/index.js'

export interface SnapshotOptions {
  /** A table name or a parenthesised query. */
  readonly from: string
  /** The select list, every item named. */
  readonly select: string
  /** SQL giving the sheet index of a row. */
  readonly sheet: string
  /** `ORDER BY` terms within a sheet. */
  readonly order: string
  /** Rows kept per sheet. */
  readonly limit: number
}

let counter = 0

/** Copies the rows that fit into a temporary table and returns its name. */
export async function createSnapshot(engine: Engine, options: SnapshotOptions): Promise<string> {
  if (!Number.isSafeInteger(options.limit) || options.limit < 0) {
    throw new Error(`invalid excelRowLimit: ${options.limit}`)
  }
  const name = `clientele_report_${process.pid}_${++counter}`
  await engine.run(
    `CREATE TEMP TABLE ${engine.dialect.quoteIdentifier(name)} AS
     SELECT * FROM (
       SELECT ${options.select}, ${options.sheet} AS __sheet,
         row_number() OVER (PARTITION BY ${options.sheet} ORDER BY ${options.order}) AS __row
       FROM ${options.from}
     ) WHERE __row <= ${options.limit}
     ORDER BY __sheet, __row`,
  )
  return name
}

export async function dropSnapshot(engine: Engine, name: string): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${engine.dialect.quoteIdentifier(name)}`)
}

/**
 * The rows of one sheet of a snapshot, `pageSize` at a time, in order, as columns (numbers
 * as Float64Array with NaN for NULL).
 */
export async function* readColumnPages(
  engine: Engine,
  snapshot: string,
  columns: readonly string[],
  sheet: number,
  pageSize: number,
): AsyncGenerator<{ rows: number; columns: Columns }> {
  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  const sql = `SELECT ${columns.map(q).join(', ')} FROM ${q(snapshot)}
    WHERE __sheet = $sheet AND __row > $after AND __row <= $until ORDER BY __row`
  const read = (after: number) => engine.columns(sql, { sheet, after, until: after + pageSize })
  // The next page is read while the caller works on this one.
  let next = read(0)
  for (let after = 0; ; after += pageSize) {
    const page = await next
    const rows = columns.length === 0 ? 0 : (page[columns[0]!]?.length ?? 0)
    if (rows < pageSize) {
      if (rows > 0) yield { rows, columns: page }
      return
    }
    next = read(after + pageSize)
    // A failed read is reported by the await above once the caller asks for that page.
    next.catch(() => undefined)
    yield { rows, columns: page }
  }
}

/**
 * The widest value of each column in display columns (CJK characters count double) or, for
 * numeric columns, the integer digits of the largest magnitude; dates and flags are left out.
 */
export async function measureColumns(
  engine: Engine,
  snapshot: string,
  columns: readonly { name: string; kind: string }[],
): Promise<Map<string, number>> {
  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  const items = columns.flatMap((c, i) => {
    const col = q(c.name)
    if (c.kind === 'integer' || c.kind === 'number') {
      return [`length(printf('%.0f', max(abs(CAST(${col} AS DOUBLE))))) AS w${i}`]
    }
    if (c.kind !== 'text') return []
    // Multi-byte UTF-8 characters are mostly CJK (three bytes, two columns wide).
    const text = engine.dialect.castText(col)
    return [`max(length(${text}) + (strlen(${text}) - length(${text})) // 2) AS w${i}`]
  })
  const out = new Map<string, number>()
  if (items.length === 0) return out
  const [row] = await engine.all(`SELECT ${items.join(', ')} FROM ${q(snapshot)}`)
  columns.forEach((c, i) => {
    const w = row?.[`w${i}`]
    if (typeof w === 'number') out.set(c.name, w)
  })
  return out
}
