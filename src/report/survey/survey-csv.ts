/**
 * The questionnaire as CSV: one row per customer and question (long), under headers the
 * importer already knows as `surveys` or `feedback` columns, so a filled-in copy imports
 * without any layout. Words in brackets after a header say what to write; the importer
 * ignores them. UTF-8 with a byte-order mark, so Excel shows Chinese correctly.
 */
import { writeFile } from 'node:fs/promises'
import { DEFAULT_AREAS, SURVEY_TEXT, kanoAnswers, type SurveyOptions } from './questions.js'

const HEADERS = {
  zh: {
    feature: '功能',
    functional: (a: string) => `正向回答(提供该功能时您觉得如何：${a})`,
    dysfunctional: (a: string) => `反向回答(不提供该功能时您觉得如何：${a})`,
    importance: '重要程度(1-5)',
    kind: '反馈类型',
    area: '服务方面',
    score: (scale: string) => `评分(${scale})`,
    text: '内容(意见或原因)',
  },
  en: {
    feature: 'Feature',
    functional: (a: string) => `Functional answer (if we offer it: ${a})`,
    dysfunctional: (a: string) => `Dysfunctional answer (if we do not: ${a})`,
    importance: 'Importance (1-5)',
    kind: 'Kind',
    area: 'Area',
    score: (scale: string) => `Score (${scale})`,
    text: 'Comment (remarks or reason)',
  },
} as const

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)

/** The CSV's header and rows, pre-filled with customers, questions and the date. */
export function surveyCsvRows(o: SurveyOptions): string[][] {
  const t = SURVEY_TEXT[o.lang]
  const h = HEADERS[o.lang]
  const people = o.respondents?.length ? o.respondents : [{ id: '', name: '' }]
  if (o.kind === 'kano') {
    const answers = kanoAnswers(o.lang).join('/')
    const header = [
      t.customerId,
      t.name,
      h.feature,
      h.functional(answers),
      h.dysfunctional(answers),
    ]
    if (o.importance === true) header.push(h.importance)
    header.push(t.date)
    const rows = people.flatMap((p) =>
      (o.features ?? []).map((f) => [
        p.id,
        p.name ?? '',
        f,
        '',
        '',
        ...(o.importance ? [''] : []),
        o.date,
      ]),
    )
    return [header, ...rows]
  }
  const kind = t.feedbackKind[o.kind]
  const header = [
    t.customerId,
    t.name,
    t.date,
    h.kind,
    h.area,
    h.score(o.kind === 'nps' ? '0-10' : '1-5'),
    h.text,
  ]
  const areas = o.kind === 'nps' ? [''] : (o.features ?? DEFAULT_AREAS[o.lang])
  const rows = people.flatMap((p) =>
    areas.map((a) => [p.id, p.name ?? '', o.date, kind, a, '', '']),
  )
  return [header, ...rows]
}

/** Writes the CSV questionnaire to `path`; resolves to the rows prepared. */
export async function writeSurveyCsv(path: string, o: SurveyOptions): Promise<number> {
  const rows = surveyCsvRows(o)
  await writeFile(path, `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`)
  return rows.length - 1
}
