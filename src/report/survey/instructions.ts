/**
 * The checks on what a questionnaire asks, and the instructions sheet's lines: what each
 * answer means, how to fill the sheet in and how to import it back.
 */
import { ClienteleError } from '../../schema/index.js'
import type { Language } from '../types.js'
import { SURVEY_KINDS, SURVEY_TEXT, kanoAnswers, type SurveyOptions } from './questions.js'

/** The longest feature or area name: it is part of column headers a respondent reads. */
const MAX_NAME = 100

/** Throws a USAGE error naming what is wrong with `o`'s kind, features or date. */
export function checkSurveyOptions(o: SurveyOptions): void {
  const usage = (m: string) => new ClienteleError('USAGE', m)
  if (!SURVEY_KINDS.includes(o.kind))
    throw usage(`invalid survey kind: ${o.kind} (expected satisfaction, nps or kano)`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(Date.parse(o.date)))
    throw usage(`invalid survey date: ${o.date} (expected yyyy-mm-dd)`)
  const features = o.features ?? []
  if (o.kind === 'kano' && features.length === 0)
    throw usage(
      'a KANO survey needs the features to ask about: --features "e-invoice,next-day delivery"',
    )
  if (o.kind === 'nps' && features.length > 0)
    throw usage('an NPS survey asks one question: leave out --features')
  const seen = new Set<string>()
  for (const f of features) {
    if (f.trim() === '' || f !== f.trim()) throw usage(`invalid feature: "${f}" (empty or padded)`)
    if (f.length > MAX_NAME)
      throw usage(`invalid feature: ${f} (longer than ${MAX_NAME} characters)`)
    if (seen.has(f)) throw usage(`invalid features: ${f} is listed twice`)
    seen.add(f)
  }
}

const MEANINGS: Record<Language, readonly string[]> = {
  zh: ['我很喜欢这样', '它理应如此', '我无所谓', '我能忍受', '我不喜欢这样'],
  en: [
    'I like it that way',
    'It must be that way',
    'I am neutral',
    'I can live with it',
    'I dislike it that way',
  ],
}

/** The instructions sheet, one line per row; the first is the title. */
export function instructionLines(o: SurveyOptions, file: string): string[] {
  const t = SURVEY_TEXT[o.lang]
  const zh = o.lang === 'zh'
  const how =
    o.kind === 'kano'
      ? [
          zh
            ? '每个功能有一对问题：提供该功能时您的感受（正向问题），以及不提供时您的感受（反向问题）。请从下拉列表中选择：'
            : 'Each feature has a pair of questions: how you feel if we offer it (functional) and if we do not (dysfunctional). Pick one answer from the drop-down:',
          ...kanoAnswers(o.lang).map((a, i) => `  ${a} — ${MEANINGS[o.lang][i]}`),
        ]
      : o.kind === 'satisfaction'
        ? [
            zh
              ? '评分 1 = 非常不满意，3 = 一般，5 = 非常满意。'
              : 'Scores: 1 = very dissatisfied, 3 = neutral, 5 = very satisfied.',
          ]
        : [
            zh
              ? '评分 0 = 完全不可能，10 = 极有可能。'
              : 'Scores: 0 = not at all likely, 10 = extremely likely.',
          ]
  return [
    t.title[o.kind],
    '',
    zh
      ? `请在「${t.sheet}」工作表中作答，每位客户一行。`
      : `Answer on the sheet "${t.sheet}", one row per customer.`,
    ...how,
    zh
      ? '不想回答的问题留空即可；「调查日期」留空时按 ' + o.date + ' 记录。'
      : `Leave questions you do not answer blank; a blank survey date counts as ${o.date}.`,
    zh
      ? '请勿修改列标题，也不要删除列或工作表：导入时需要它们。可以增加或删除客户行。'
      : 'Do not rename or delete columns or sheets: the import needs them. Adding or removing customer rows is fine.',
    '',
    zh ? '收回后导入：' : 'To import the answers:',
    `  clientele import ${file}`,
  ]
}
