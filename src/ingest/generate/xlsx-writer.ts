/**
 * The .xlsx output: one workbook, one sheet per table, written with exceljs's streaming
 * WorkbookWriter. The generator writes all tables at once but a streaming workbook can only
 * write one sheet at a time, so rows go to temporary NDJSON files first and are copied here
 * sheet by sheet. A table longer than Excel's 1,048,576 rows continues on sheets named
 * `orders (2)`, `orders (3)` … Dates become real Excel dates.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import ExcelJS from 'exceljs'
import type { Column } from './columns.js'
import type { Cell } from './writers.js'
import { stampZip } from './zip-stamp.js'

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

function toCell(value: Cell, column: Column): ExcelJS.CellValue {
  if (value === null) return null
  if (column.kind === 'date' && typeof value === 'string') {
    return new Date(Date.parse(`${value.replace(' ', 'T')}Z`))
  }
  return value
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, job: SheetJob, part: number) {
  const name = part === 1 ? job.name : `${job.name} (${part})`
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = job.columns.map((column, i) => ({
    header: job.headers[i]!,
    width: column.kind === 'text' ? 28 : 14,
    style:
      column.kind === 'date'
        ? { numFmt: job.withTime && column.field === 'date' ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' }
        : column.kind === 'money'
          ? { numFmt: '0.00' }
          : {},
  }))
  return sheet
}

/**
 * Writes the workbook and stamps its entries with `stamp`, so that the same data gives the
 * same bytes; `maxRows` is the data rows per sheet.
 */
export async function writeWorkbook(
  path: string,
  jobs: readonly SheetJob[],
  stamp: Date,
  maxRows = XLSX_MAX_ROWS,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 9 } },
  })
  workbook.creator = 'Clientele'
  workbook.lastModifiedBy = 'Clientele'
  workbook.created = stamp
  workbook.modified = stamp
  for (const job of jobs) {
    let part = 1
    let rows = 0
    let sheet = addSheet(workbook, job, part)
    const lines = createInterface({ input: createReadStream(job.source), crlfDelay: Infinity })
    for await (const line of lines) {
      if (line === '') continue
      if (rows === maxRows) {
        sheet.commit()
        sheet = addSheet(workbook, job, ++part)
        rows = 0
      }
      const values = JSON.parse(line) as Cell[]
      sheet.addRow(values.map((v, i) => toCell(v, job.columns[i]!))).commit()
      rows++
    }
    sheet.commit()
  }
  await workbook.commit()
  await stampZip(path, stamp)
}
