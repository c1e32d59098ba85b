/**
 * Questionnaires that `clientele survey` writes come back filled in as one row per customer
 * with a column per question. Such a workbook carries a hidden sheet holding its layout
 * (which column asks what); this module reads that layout and turns the wide sheet into the
 * long rows of `surveys` (one per customer and feature) or `feedback` (one per customer and
 * question) as a SQL relation, so validation and loading proceed as for any other file.
 * Rows left unanswered produce nothing; an answered row keeps its Excel row as its line.
 */
import { z } from 'zod'
import type { Engine } from '../engine/index.js'
import { IngestError } from './ingest-error.js'
import type { OpenedSource } from './sources.js'

/** The hidden sheet of a questionnaire workbook that holds its layout as JSON. */
export const QUESTIONNAIRE_SHEET = '_clientele_questionnaire'
export const QUESTIONNAIRE_FORMAT = 'clientele-questionnaire'
/** Characters of layout JSON per cell: Excel holds at most 32,767 in one. */
export const QUESTIONNAIRE_CHUNK = 30_000

const header = z.string().min(1)
const COLUMN = z.discriminatedUnion('role', [
  z.object({ role: z.literal('customer_id'), header }),
  z.object({ role: z.literal('date'), header }),
  z.object({ role: z.literal('functional'), header, feature: z.string().min(1) }),
  z.object({ role: z.literal('dysfunctional'), header, feature: z.string().min(1) }),
  z.object({ role: z.literal('importance'), header, feature: z.string().min(1) }),
  z.object({ role: z.literal('score'), header, area: z.string().nullable() }),
  z.object({ role: z.literal('text'), header, area: z.string().nullable() }),
])

const LAYOUT = z.object({
  format: z.literal(QUESTIONNAIRE_FORMAT),
  version: z.literal(1),
  kind: z.enum(['kano', 'satisfaction', 'nps']),
  /** The sheet holding the answers. */
  sheet: z.string().min(1),
  /** The survey date, for answers whose date cell is blank. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The `feedback.kind` value of satisfaction and NPS answers, e.g. `csat` or `满意度`. */
  feedbackKind: z.string().min(1).optional(),
  columns: z
    .array(COLUMN)
    .refine((cs) => cs.filter((c) => c.role === 'customer_id').length === 1, {
      message: 'expected one customer_id column',
    })
    .refine((cs) => cs.some((c) => c.role !== 'customer_id' && c.role !== 'date'), {
      message: 'expected at least one question',
    }),
})

/** Where a questionnaire's answers are and what each column asks. */
export type QuestionnaireLayout = z.infer<typeof LAYOUT>
export type QuestionnaireColumn = z.infer<typeof COLUMN>
export type QuestionnaireKind = QuestionnaireLayout['kind']

/** The layout from the text of the hidden sheet's cells, in order (JSON split into chunks). */
export function parseQuestionnaireLayout(
  file: string,
  cells: readonly string[],
): QuestionnaireLayout {
  let parsed: unknown
  let detail: string[] = []
  try {
    parsed = JSON.parse(cells.join(''))
  } catch {
    detail = ['the layout is not valid JSON']
  }
  const r = LAYOUT.safeParse(parsed)
  if (!r.success || detail.length > 0) {
    if (!r.success && detail.length === 0)
      detail = r.error.issues.map((i) => `${i.path.join('.') || 'layout'}: ${i.message}`)
    throw new IngestError(
      'INGEST_BAD_HEADER',
      `${file} has a hidden sheet ${QUESTIONNAIRE_SHEET} that is not a questionnaire layout; generate the questionnaire again with clientele survey`,
      detail.map((message) => ({ code: 'INGEST_BAD_HEADER', file, message })),
    )
  }
  return r.data
}

interface Group {
  readonly key: string | null
  readonly cols: Map<QuestionnaireColumn['role'], number>
}

function groups(layout: QuestionnaireLayout, index: (h: string) => number): Group[] {
  const out = new Map<string, Group>()
  for (const c of layout.columns) {
    if (c.role === 'customer_id' || c.role === 'date') continue
    const key = 'feature' in c ? c.feature : c.area
    const id = JSON.stringify(key)
    const g = out.get(id) ?? { key, cols: new Map() }
    g.cols.set(c.role, index(c.header))
    out.set(id, g)
  }
  return [...out.values()]
}

const SURVEY_HEADERS = [
  'customer_id',
  'feature',
  'functional',
  'dysfunctional',
  'importance',
  'date',
]
const FEEDBACK_HEADERS = ['customer_id', 'date', 'kind', 'area', 'score', 'text']

/**
 * `source` (a sheet of a questionnaire workbook) as the long table its layout describes:
 * `surveys` for KANO, `feedback` for satisfaction and NPS, with the canonical headers.
 */
export function questionnaireSource(
  engine: Engine,
  source: OpenedSource,
  layout: QuestionnaireLayout,
): OpenedSource {
  const d = engine.dialect
  const missing = layout.columns.filter((c) => !source.headers.some((h) => h.trim() === c.header))
  if (missing.length > 0) {
    throw new IngestError(
      'INGEST_MISSING_COLUMN',
      `${source.file} is a questionnaire whose columns were renamed or deleted; restore them or generate the questionnaire again`,
      missing.map((c) => ({
        code: 'INGEST_MISSING_COLUMN',
        file: source.file,
        line: 1,
        column: c.header,
        message: `the questionnaire's column "${c.header}" is missing`,
      })),
    )
  }
  const index = (h: string) => source.headers.findIndex((s) => s.trim() === h)
  const blank = (i: number | undefined) =>
    i === undefined ? 'TRUE' : `nullif(trim(c${i}), '') IS NULL`
  const col = (i: number | undefined) => (i === undefined ? d.castText('NULL') : `c${i}`)
  const id = layout.columns.find((c) => c.role === 'customer_id')
  const date = layout.columns.find((c) => c.role === 'date')
  const dateExpr = `coalesce(nullif(trim(${col(date && index(date.header))}), ''), ${d.quoteString(layout.date)})`
  const idExpr = col(id && index(id.header))
  const kano = layout.kind === 'kano'
  const feedbackKind = d.quoteString(layout.feedbackKind ?? layout.kind)
  const parts = groups(layout, index).map((g, k) => {
    const key = g.key === null ? d.castText('NULL') : d.quoteString(g.key)
    const c = (role: QuestionnaireColumn['role']) => col(g.cols.get(role))
    const values = kano
      ? [idExpr, key, c('functional'), c('dysfunctional'), c('importance'), dateExpr]
      : [idExpr, dateExpr, feedbackKind, key, c('score'), c('text')]
    const answered = [...g.cols.values()].map((i) => `NOT ${blank(i)}`).join(' OR ')
    const select = values.map((v, i) => `${v} AS c${i}`).join(', ')
    return `SELECT ${select}, __line, ${k} AS __k FROM ${source.relation} WHERE ${answered}`
  })
  const headers = kano ? SURVEY_HEADERS : FEEDBACK_HEADERS
  const out = headers.map((_, i) => `c${i}`).join(', ')
  return {
    ...source,
    headers,
    relation: `(SELECT ${out}, __line FROM (${parts.join('\nUNION ALL ')}) ORDER BY __line, __k)`,
    lineColumn: '__line',
    structuralIssues: (e) => source.structuralIssues(e),
    cleanup: () => source.cleanup(),
  }
}
