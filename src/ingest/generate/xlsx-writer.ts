/**
 * The .xlsx output: one workbook, one sheet per table, written with the streaming
 * `XlsxWriter`. The generator writes all tables at once but a streaming workbook can only
 * write one sheet at a time, so rows go to temporary NDJSON files first and are copied here
 * sheet by sheet. A table longer than Excel's 1,048,576 rows continues on sheets named
 * `orders (2)`, `orders (3)` … Dates become real Excel dates.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { XlsxWriter, type XlsxCell, type XlsxSheetWriter } from '../xlsx-stream.js'
import type { Column } from './columns.js'
import type { Cell } from './writers.js'

/** Data rows per sheet: Excel's row limit less the header. */
export const XLSX_MAX_ROWS = 1_048_575

export interface SheetJob {
  readonly name: string
  /** The NDJSON file holding the rows. */
  readonly source: string
  readonly columns: readonly Column[]
  readonly headers: readonly string[]
  /** The `date` column holds date and time. */
  readonly withTime: boolean
}

function toCell(value: Cell, column: Column): XlsxCell {
  if (value === null) return null
  if (column.kind === 'date' && typeof value === 'string') {
    return new Date(Date.parse(`${value.replace(' ', 'T')}Z`))
  }
  return value
}

/** Rows between hand-overs to the file. */
const FLUSH_EVERY = 2_000

/**
 * Writes the workbook with every entry and the document stamped `stamp`, so that the same
 * data gives the same bytes; `maxRows` is the data rows per sheet.
 */
export async function writeWorkbook(
  path: string,
  jobs: readonly SheetJob[],
  stamp: Date,
  maxRows = XLSX_MAX_ROWS,
): Promise<void> {
  const workbook = await XlsxWriter.create(path, { created: stamp, level: 9 })
  try {
    for (const job of jobs) {
      const styles = job.columns.map((column) =>
        workbook.style({
          numFmt:
            column.kind === 'date'
              ? job.withTime && column.field === 'date'
                ? 'yyyy-mm-dd hh:mm:ss'
                : 'yyyy-mm-dd'
              : column.kind === 'money'
                ? '0.00'
                : undefined,
        }),
      )
      const addSheet = async (part: number): Promise<XlsxSheetWriter> => {
        const sheet = await workbook.addSheet(part === 1 ? job.name : `${job.name} (${part})`, {
          columns: job.columns.map((column, i) => ({
            width: column.kind === 'text' ? 28 : 14,
            style: styles[i],
          })),
          frozenRows: 1,
        })
        sheet.row(job.headers)
        return sheet
      }
      let part = 1
      let rows = 0
      let sheet = await addSheet(part)
      const lines = createInterface({ input: createReadStream(job.source), crlfDelay: Infinity })
      for await (const line of lines) {
        if (line === '') continue
        if (rows === maxRows) {
          await sheet.end()
          sheet = await addSheet(++part)
          rows = 0
        }
        const values = JSON.parse(line) as Cell[]
        sheet.row(
          values.map((v, i) => toCell(v, job.columns[i]!)),
          styles,
        )
        if (++rows % FLUSH_EVERY === 0) await sheet.flush()
      }
      await sheet.end()
    }
    await workbook.close()
  } catch (e) {
    await workbook.abort()
    throw e
  }
}
