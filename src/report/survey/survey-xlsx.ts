/**
 * The questionnaire workbook: the answer sheet (one row per customer, a column per
 * question, answers offered as drop-downs), the instructions, and a very hidden sheet with
 * the layout that `clientele import` reads to turn the answers into `surveys` or
 * `feedback` rows.
 */
import ExcelJS from 'exceljs'
import { QUESTIONNAIRE_CHUNK, QUESTIONNAIRE_SHEET } from '../../ingest/index.js'
import { SURVEY_TEXT, surveyLayout, type SurveyColumn, type SurveyOptions } from './questions.js'

/** Rows offered for answers when the questionnaire is not pre-filled. */
export const BLANK_ROWS = 200

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDCE6F1' },
}

interface ValidatedSheet {
  readonly dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void }
}

function answerSheet(
  wb: ExcelJS.Workbook,
  o: SurveyOptions,
  columns: readonly SurveyColumn[],
): void {
  const t = SURVEY_TEXT[o.lang]
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }))
  const header = ws.getRow(1)
  header.height = 60
  header.eachCell((cell) => {
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.alignment = { wrapText: true, vertical: 'middle' }
  })
  ws.getColumn(1).numFmt = '@'
  const respondents = o.respondents ?? []
  for (const r of respondents) ws.addRow([r.id, r.name ?? null, o.date])
  const last = 1 + (respondents.length > 0 ? respondents.length : BLANK_ROWS)
  // exceljs types only the per-cell validation; a range entry writes one <dataValidation>
  // for the whole column instead of one per cell (checked by reading the XML back).
  const validations = (ws as unknown as ValidatedSheet).dataValidations
  columns.forEach((c, i) => {
    if (c.answers === undefined) return
    const letter = ws.getColumn(i + 1).letter
    validations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.answers.join(',')}"`],
      showErrorMessage: true,
      errorTitle: o.lang === 'zh' ? '请从列表中选择' : 'Pick from the list',
      error: c.answers.join(' / '),
    })
  })
}

function instructionsSheet(wb: ExcelJS.Workbook, o: SurveyOptions, lines: readonly string[]) {
  const ws = wb.addWorksheet(SURVEY_TEXT[o.lang].instructions)
  ws.getColumn(1).width = 110
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1)
    cell.value = line
    cell.alignment = { wrapText: true }
    if (i === 0) cell.font = { bold: true, size: 14 }
  })
}

/** Writes the questionnaire workbook to `path`; resolves to the answer rows prepared. */
export async function writeSurveyXlsx(
  path: string,
  o: SurveyOptions,
  columns: readonly SurveyColumn[],
  instructions: readonly string[],
): Promise<number> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Clientele'
  answerSheet(wb, o, columns)
  instructionsSheet(wb, o, instructions)
  const hidden = wb.addWorksheet(QUESTIONNAIRE_SHEET, { state: 'veryHidden' })
  const json = JSON.stringify(surveyLayout(o, columns))
  for (let at = 0, row = 1; at < json.length; at += QUESTIONNAIRE_CHUNK, row++)
    hidden.getCell(row, 1).value = json.slice(at, at + QUESTIONNAIRE_CHUNK)
  await wb.xlsx.writeFile(path)
  return o.respondents?.length ?? 0
}
