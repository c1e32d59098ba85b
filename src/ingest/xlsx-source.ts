/**
 * Excel workbooks: the chosen sheet (by name, else the first in tab order) streamed to a
 * UTF-8 CSV with the sheet's row number in a last `__line` column, so errors point at the
 * Excel row.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { IngestError } from './ingest-error.js'
import { QUESTIONNAIRE_SHEET } from './questionnaire.js'
import { XlsxWorkbook } from './xlsx-reader.js'

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** A sheet row with values to the right of the last header. */
export interface RaggedRow {
  readonly row: number
  readonly found: number
}

function unreadable(path: string, e: unknown): IngestError {
  return new IngestError('INGEST_BAD_ROW', `${path} is not a readable .xlsx workbook`, [
    { code: 'INGEST_BAD_ROW', file: path, message: e instanceof Error ? e.message : String(e) },
  ])
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
  let book: XlsxWorkbook
  try {
    book = await XlsxWorkbook.open(path)
  } catch (e) {
    throw unreadable(path, e)
  }
  const stream = createWriteStream(out)
  try {
    const sheets = book.sheets.filter((s) => s.name !== QUESTIONNAIRE_SHEET)
    const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet)
    if (chosen === undefined) {
      throw new IngestError(
        'INGEST_BAD_HEADER',
        sheet === undefined ? `${path} has no worksheet` : `sheet "${sheet}" not found in ${path}`,
        [
          {
            code: 'INGEST_BAD_HEADER',
            file: path,
            message: `the workbook has sheets: ${sheets.map((s) => s.name).join(', ')}`,
            ...(sheet === undefined ? {} : { value: sheet }),
          },
        ],
      )
    }
    let questionnaire: string[] | undefined
    const layout = book.sheets.find((s) => s.name === QUESTIONNAIRE_SHEET)
    if (layout !== undefined) {
      questionnaire = []
      for await (const batch of book.rows(layout)) {
        for (const row of batch) questionnaire.push(row.cells[0] ?? '')
      }
    }
    let headers: string[] | undefined
    let rows = 0
    const ragged: RaggedRow[] = []
    for await (const batch of book.rows(chosen)) {
      let text = ''
      for (const { number, cells } of batch) {
        if (cells.every((v) => v.trim() === '')) continue
        if (headers === undefined) {
          headers = cells
          continue
        }
        const found = cells.findLastIndex((v) => v.trim() !== '') + 1
        if (found > headers.length) ragged.push({ row: number, found })
        for (let i = 0; i < headers.length; i++) text += `${csvField(cells[i] ?? '')},`
        text += `${number}\n`
        rows++
      }
      if (text !== '' && !stream.write(text)) await once(stream, 'drain')
    }
    stream.end()
    await once(stream, 'finish')
    return { headers: headers ?? [], sheet: chosen.name, rows, ragged, questionnaire }
  } catch (e) {
    stream.destroy()
    throw e instanceof IngestError ? e : unreadable(path, e)
  } finally {
    await book.close()
  }
}
