/**
 * Excel workbooks: the chosen sheet (by name, else the first) streamed to a UTF-8 CSV with
 * the sheet's row number in a last `__line` column, so errors point at the Excel row.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import ExcelJS from 'exceljs'
import { IngestError } from './ingest-error.js'
import { QUESTIONNAIRE_SHEET } from './questionnaire.js'

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) {
    const iso = v.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue)
    if ('text' in v) return String(v.text)
    if ('error' in v) return ''
  }
  return String(v)
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** A sheet row with values to the right of the last header. */
export interface RaggedRow {
  readonly row: number
  readonly found: number
}

/**
 * Writes the sheet as CSV to `out`; returns its header cells, the sheet's name, the rows
 * with values beyond the header, which are left out of the CSV, and the text of a
 * questionnaire's hidden layout sheet when the workbook has one.
 */
export async function xlsxToCsv(
  path: string,
  out: string,
  sheet: string | undefined,
): Promise<{
  headers: string[]
  sheet: string
  rows: number
  ragged: RaggedRow[]
  questionnaire?: string[]
}> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  })
  const names: string[] = []
  const stream = createWriteStream(out)
  let headers: string[] | undefined
  let rows = 0
  const ragged: RaggedRow[] = []
  let found: string | undefined
  let questionnaire: string[] | undefined
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name
      if (name === QUESTIONNAIRE_SHEET) {
        questionnaire = []
        for await (const row of ws) questionnaire.push(cellText(row.getCell(1).value))
        continue
      }
      names.push(name)
      if (found !== undefined || (sheet !== undefined && name !== sheet)) continue
      found = name
      for await (const row of ws) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText)
        if (values.every((v) => v.trim() === '')) continue
        if (headers === undefined) {
          headers = values
          continue
        }
        const cells = headers.map((_, i) => csvField(values[i] ?? ''))
        const found = values.findLastIndex((v) => v.trim() !== '') + 1
        if (found > headers.length) ragged.push({ row: row.number, found })
        if (!stream.write(`${cells.join(',')},${row.number}\n`)) await once(stream, 'drain')
        rows++
      }
    }
  } catch (e) {
    stream.destroy()
    throw new IngestError('INGEST_BAD_ROW', `${path} is not a readable .xlsx workbook`, [
      { code: 'INGEST_BAD_ROW', file: path, message: e instanceof Error ? e.message : String(e) },
    ])
  }
  stream.end()
  await once(stream, 'finish')
  if (found === undefined) {
    throw new IngestError('INGEST_BAD_HEADER', `sheet "${sheet}" not found in ${path}`, [
      {
        code: 'INGEST_BAD_HEADER',
        file: path,
        message: `the workbook has sheets: ${names.join(', ')}`,
        value: sheet,
      },
    ])
  }
  return { headers: headers ?? [], sheet: found, rows, ragged, questionnaire }
}
