/**
 * The questionnaire workbook: the answer sheet (one row per customer, a column per
 * question, answers offered as drop-downs), the instructions, and a very hidden sheet with
 * the layout that `clientele import` reads to turn the answers into `surveys` or
 * `feedback` rows.
 */
import {
  QUESTIONNAIRE_CHUNK,
  QUESTIONNAIRE_SHEET,
  XlsxWriter,
  columnLetters,
  type XlsxListValidation,
} from '../../ingest/index.js'
import { SURVEY_TEXT, surveyLayout, type SurveyColumn, type SurveyOptions } from './questions.js'

/** Rows offered for answers when the questionnaire is not pre-filled. */
export const BLANK_ROWS = 200

const HEADER_FILL = 'FFDCE6F1'

async function answerSheet(
  wb: XlsxWriter,
  o: SurveyOptions,
  columns: readonly SurveyColumn[],
): Promise<void> {
  const t = SURVEY_TEXT[o.lang]
  const respondents = o.respondents ?? []
  const last = 1 + (respondents.length > 0 ? respondents.length : BLANK_ROWS)
  // One <dataValidation> per column of answers, over every answer row.
  const validations: XlsxListValidation[] = columns.flatMap((c, i) => {
    if (c.answers === undefined) return []
    const letter = columnLetters(i)
    return [
      {
        range: `${letter}2:${letter}${last}`,
        values: c.answers,
        errorTitle: o.lang === 'zh' ? '请从列表中选择' : 'Pick from the list',
        error: c.answers.join(' / '),
      },
    ]
  })
  // Customer ids are text, so that 007 keeps its zeros when typed in.
  const text = wb.style({ numFmt: '@' })
  const ws = await wb.addSheet(t.sheet, {
    columns: columns.map((c, i) => ({ width: c.width, ...(i === 0 ? { style: text } : {}) })),
    frozenRows: 1,
    frozenColumns: 2,
    validations,
  })
  const header = wb.style({ bold: true, fill: HEADER_FILL, wrap: true, vertical: 'center' })
  ws.row(
    columns.map((c) => c.header),
    header,
    60,
  )
  for (const r of respondents) ws.row([r.id, r.name ?? null, o.date], [text])
  await ws.end()
}

async function instructionsSheet(wb: XlsxWriter, o: SurveyOptions, lines: readonly string[]) {
  const ws = await wb.addSheet(SURVEY_TEXT[o.lang].instructions, { columns: [{ width: 110 }] })
  const wrap = wb.style({ wrap: true })
  const title = wb.style({ wrap: true, bold: true, size: 14 })
  lines.forEach((line, i) => ws.row([line], i === 0 ? title : wrap))
  await ws.end()
}

/** Writes the questionnaire workbook to `path`; resolves to the answer rows prepared. */
export async function writeSurveyXlsx(
  path: string,
  o: SurveyOptions,
  columns: readonly SurveyColumn[],
  instructions: readonly string[],
): Promise<number> {
  const wb = await XlsxWriter.create(path)
  try {
    await answerSheet(wb, o, columns)
    await instructionsSheet(wb, o, instructions)
    const hidden = await wb.addSheet(QUESTIONNAIRE_SHEET, { state: 'veryHidden' })
    const json = JSON.stringify(surveyLayout(o, columns))
    for (let at = 0; at < json.length; at += QUESTIONNAIRE_CHUNK)
      hidden.row([json.slice(at, at + QUESTIONNAIRE_CHUNK)])
    await hidden.end()
    await wb.close()
  } catch (e) {
    await wb.abort()
    throw e
  }
  return o.respondents?.length ?? 0
}
