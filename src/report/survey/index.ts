import { mkdir } from 'node:fs/promises'
import { basename, dirname, extname } from 'node:path'
import { ClienteleError } from '../../schema/index.js'
import { checkSurveyOptions, instructionLines } from './instructions.js'
import { surveyColumns, type SurveyKind, type SurveyOptions } from './questions.js'
import { writeSurveyCsv } from './survey-csv.js'
import { writeSurveyXlsx } from './survey-xlsx.js'

export {
  DEFAULT_AREAS,
  SURVEY_KINDS,
  kanoAnswers,
  surveyColumns,
  surveyLayout,
  type SurveyColumn,
  type SurveyKind,
  type SurveyOptions,
  type SurveyRespondent,
} from './questions.js'
export { surveyCsvRows } from './survey-csv.js'
export { BLANK_ROWS } from './survey-xlsx.js'

/** What `writeSurvey` wrote. */
export interface SurveyFile {
  readonly path: string
  readonly format: 'xlsx' | 'csv'
  readonly kind: SurveyKind
  /** Questions asked of each respondent (a KANO pair counts as two). */
  readonly questions: number
  /** Respondents pre-filled; 0 for a blank questionnaire. */
  readonly respondents: number
}

/**
 * Writes a ready-to-send questionnaire to `path`: a workbook for `.xlsx`, a long CSV for
 * `.csv`; either imports back with `clientele import` once filled in.
 * @example await writeSurvey('kano.xlsx', { kind: 'kano', lang: 'zh', features: ['电子发票'], date: '2025-06-01' })
 */
export async function writeSurvey(path: string, o: SurveyOptions): Promise<SurveyFile> {
  checkSurveyOptions(o)
  const ext = extname(path).toLowerCase()
  if (ext !== '.xlsx' && ext !== '.csv')
    throw new ClienteleError(
      'USAGE',
      `invalid survey file: ${path} (expected a .xlsx or .csv name)`,
    )
  const columns = surveyColumns(o)
  await mkdir(dirname(path), { recursive: true })
  const format = ext === '.csv' ? 'csv' : 'xlsx'
  if (format === 'csv') await writeSurveyCsv(path, o)
  else await writeSurveyXlsx(path, o, columns, instructionLines(o, basename(path)))
  return {
    path,
    format,
    kind: o.kind,
    questions: columns.filter((c) => c.column !== undefined).length - 2,
    respondents: o.respondents?.length ?? 0,
  }
}
