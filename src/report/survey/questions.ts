/**
 * What a questionnaire asks, in Chinese or English: the columns of its answer sheet (the
 * fixed customer columns, then the questions), the answers each question allows, and the
 * layout the importer reads back. The xlsx and CSV writers both start from this.
 */
import type { QuestionnaireColumn, QuestionnaireLayout } from '../../ingest/index.js'
import { QUESTIONNAIRE_FORMAT } from '../../ingest/index.js'
import { KANO_ANSWERS } from '../../models/index.js'
import type { Language } from '../types.js'

export type SurveyKind = QuestionnaireLayout['kind']
export const SURVEY_KINDS: readonly SurveyKind[] = ['satisfaction', 'nps', 'kano']

/** One respondent the questionnaire is pre-filled for. */
export interface SurveyRespondent {
  readonly id: string
  readonly name?: string | null
}

export interface SurveyOptions {
  readonly kind: SurveyKind
  readonly lang: Language
  /** KANO: the features asked about (required). Satisfaction: the service areas. */
  readonly features?: readonly string[]
  /** KANO: also ask how important each feature is (1–5). */
  readonly importance?: boolean
  /** The survey date, ISO `yyyy-mm-dd`; answers without a date of their own take it. */
  readonly date: string
  readonly respondents?: readonly SurveyRespondent[]
}

/** One column of the answer sheet. */
export interface SurveyColumn {
  readonly header: string
  /** What the importer makes of it; undefined for columns only there to help (the name). */
  readonly column?: QuestionnaireColumn
  /** The allowed answers, offered as a drop-down; undefined for free text. */
  readonly answers?: readonly string[]
  readonly width: number
}

const SCALE_5 = ['1', '2', '3', '4', '5']
const SCALE_11 = Array.from({ length: 11 }, (_, i) => String(i))

/** Satisfaction areas asked by default, as the feedback table names them. */
export const DEFAULT_AREAS: Readonly<Record<Language, readonly string[]>> = {
  zh: ['总体', '产品质量', '交付', '售后服务', '价格', '沟通'],
  en: ['overall', 'product quality', 'delivery', 'after-sales service', 'price', 'communication'],
}

/** Every sentence of a questionnaire, by language. */
export const SURVEY_TEXT = {
  zh: {
    sheet: '问卷',
    instructions: '填写说明',
    customerId: '客户编号',
    name: '客户名称',
    date: '调查日期',
    kanoYes: (f: string) => `如果提供「${f}」，您觉得如何？`,
    kanoNo: (f: string) => `如果不提供「${f}」，您觉得如何？`,
    importance: (f: string) => `「${f}」对您有多重要？(1-5)`,
    satisfaction: (a: string) =>
      a === '总体' ? '总体而言，您对我们满意吗？(1-5)' : `您对我们的「${a}」满意吗？(1-5)`,
    comment: '其他意见或建议',
    nps: '您有多大可能向朋友或同事推荐我们？(0-10)',
    npsReason: '您给出这个分数的主要原因是？',
    feedbackKind: { satisfaction: '满意度', nps: 'NPS' },
    title: {
      kano: 'KANO 需求调查问卷',
      satisfaction: '客户满意度调查问卷',
      nps: '客户推荐意愿 (NPS) 调查问卷',
    },
  },
  en: {
    sheet: 'Survey',
    instructions: 'Instructions',
    customerId: 'Customer ID',
    name: 'Name',
    date: 'Survey date',
    kanoYes: (f: string) => `If we offer ${f}, how do you feel?`,
    kanoNo: (f: string) => `If we do not offer ${f}, how do you feel?`,
    importance: (f: string) => `How important is ${f} to you? (1-5)`,
    satisfaction: (a: string) =>
      a === 'overall'
        ? 'Overall, how satisfied are you with us? (1-5)'
        : `How satisfied are you with our ${a}? (1-5)`,
    comment: 'Other comments or suggestions',
    nps: 'How likely are you to recommend us to a friend or colleague? (0-10)',
    npsReason: 'What is the main reason for your score?',
    feedbackKind: { satisfaction: 'csat', nps: 'nps' },
    title: {
      kano: 'KANO survey',
      satisfaction: 'Customer satisfaction survey',
      nps: 'Net Promoter Score (NPS) survey',
    },
  },
} as const

/** The KANO answers in the questionnaire's language, best to worst. */
export function kanoAnswers(lang: Language): string[] {
  return KANO_ANSWERS.map((a) =>
    lang === 'zh' ? a.zh : a.en.charAt(0).toUpperCase() + a.en.slice(1),
  )
}

function questions(o: SurveyOptions): SurveyColumn[] {
  const t = SURVEY_TEXT[o.lang]
  if (o.kind === 'nps') {
    return [
      {
        header: t.nps,
        column: { role: 'score', header: t.nps, area: null },
        answers: SCALE_11,
        width: 24,
      },
      { header: t.npsReason, column: { role: 'text', header: t.npsReason, area: null }, width: 40 },
    ]
  }
  if (o.kind === 'satisfaction') {
    const areas = o.features ?? DEFAULT_AREAS[o.lang]
    return [
      ...areas.map((area): SurveyColumn => {
        const header = t.satisfaction(area)
        return { header, column: { role: 'score', header, area }, answers: SCALE_5, width: 20 }
      }),
      { header: t.comment, column: { role: 'text', header: t.comment, area: null }, width: 40 },
    ]
  }
  const answers = kanoAnswers(o.lang)
  return (o.features ?? []).flatMap((feature): SurveyColumn[] => {
    const yes = t.kanoYes(feature)
    const no = t.kanoNo(feature)
    const imp = t.importance(feature)
    const pair: SurveyColumn[] = [
      { header: yes, column: { role: 'functional', header: yes, feature }, answers, width: 22 },
      { header: no, column: { role: 'dysfunctional', header: no, feature }, answers, width: 22 },
    ]
    if (o.importance !== true) return pair
    const column = { role: 'importance', header: imp, feature } as const
    return [...pair, { header: imp, column, answers: SCALE_5, width: 18 }]
  })
}

/** The answer sheet's columns: customer id, name, date, then one per question. */
export function surveyColumns(o: SurveyOptions): SurveyColumn[] {
  const t = SURVEY_TEXT[o.lang]
  return [
    { header: t.customerId, column: { role: 'customer_id', header: t.customerId }, width: 14 },
    { header: t.name, width: 24 },
    { header: t.date, column: { role: 'date', header: t.date }, width: 12 },
    ...questions(o),
  ]
}

/** The layout of the answer sheet with `columns`, kept in the hidden sheet for the importer. */
export function surveyLayout(
  o: SurveyOptions,
  columns: readonly SurveyColumn[],
): QuestionnaireLayout {
  const t = SURVEY_TEXT[o.lang]
  return {
    format: QUESTIONNAIRE_FORMAT,
    version: 1,
    kind: o.kind,
    sheet: t.sheet,
    date: o.date,
    ...(o.kind !== 'kano' && { feedbackKind: t.feedbackKind[o.kind] }),
    columns: columns.flatMap((c) => (c.column === undefined ? [] : [c.column])),
  }
}
