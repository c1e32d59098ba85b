/**
 * How each column is named and shown in sentences: indicators from the catalogue, model
 * outputs from the table below. Values are formatted by unit, in Chinese or English.
 */
import { indicator, type IndicatorUnit } from '../indicators/index.js'
import { ABC_CLASSES, LIFECYCLE_STATES, RFM_CN8_CLASSES, RFM_SEGMENTS } from '../models/index.js'

export type Lang = 'zh' | 'en'
export type Unit = IndicatorUnit | 'probability'

export interface ColumnLabel {
  readonly zh: string
  readonly en: string
  readonly unit: Unit
  readonly direction: 'higher' | 'lower' | 'none'
  /** Names of text values, by id. */
  readonly values?: Readonly<Record<string, { zh: string; en: string }>>
}

const byId = (rows: readonly { id: string; zh: string; en: string }[], upper = false) =>
  Object.fromEntries(rows.map((r) => [upper ? r.id.toUpperCase() : r.id, { zh: r.zh, en: r.en }]))

export const FEATURE_LABELS: Readonly<Record<string, ColumnLabel>> = {
  p_alive: { zh: '存活概率', en: 'P(alive)', unit: 'probability', direction: 'higher' },
  churn_risk: { zh: '流失风险', en: 'churn risk', unit: 'probability', direction: 'lower' },
  expected_purchases: {
    zh: '预测购买次数',
    en: 'expected purchases',
    unit: 'count',
    direction: 'higher',
  },
  expected_spend: {
    zh: '预测客单价',
    en: 'expected order value',
    unit: 'currency',
    direction: 'higher',
  },
  clv: { zh: '预测客户终身价值', en: 'predicted CLV', unit: 'currency', direction: 'higher' },
  contribution: { zh: '利润贡献', en: 'contribution', unit: 'currency', direction: 'higher' },
  score: { zh: '价值评分', en: 'value score', unit: 'score', direction: 'higher' },
  r_score: { zh: 'R 分', en: 'R score', unit: 'score', direction: 'higher' },
  f_score: { zh: 'F 分', en: 'F score', unit: 'score', direction: 'higher' },
  m_score: { zh: 'M 分', en: 'M score', unit: 'score', direction: 'higher' },
  fm_score: { zh: 'FM 分', en: 'FM score', unit: 'score', direction: 'higher' },
  r_high: {
    zh: '近期购买高于平均',
    en: 'recency above average',
    unit: 'flag',
    direction: 'higher',
  },
  f_high: { zh: '频次高于平均', en: 'frequency above average', unit: 'flag', direction: 'higher' },
  m_high: { zh: '金额高于平均', en: 'spend above average', unit: 'flag', direction: 'higher' },
  rfm_class: {
    zh: 'RFM 类别',
    en: 'RFM class',
    unit: 'text',
    direction: 'none',
    values: byId(RFM_CN8_CLASSES),
  },
  rfm_segment: {
    zh: 'RFM 细分',
    en: 'RFM segment',
    unit: 'text',
    direction: 'none',
    values: byId(RFM_SEGMENTS),
  },
  abc_class: {
    zh: 'ABC 类别',
    en: 'ABC class',
    unit: 'text',
    direction: 'none',
    values: byId(ABC_CLASSES, true),
  },
  lifecycle: {
    zh: '生命周期',
    en: 'lifecycle',
    unit: 'text',
    direction: 'none',
    values: byId(LIFECYCLE_STATES),
  },
}

const LABELS = new Map<string, ColumnLabel>()

/**
 * The label of a column (a `_pct` column is labelled by its base column). Kept once made:
 * reasons ask for it several times per customer, and an indicator's label is two regular
 * expression replacements.
 */
export function labelOf(column: string): ColumnLabel {
  let label = LABELS.get(column)
  if (label === undefined) {
    label = makeLabel(column)
    LABELS.set(column, label)
  }
  return label
}

function makeLabel(column: string): ColumnLabel {
  const base = column.endsWith('_pct') ? column.slice(0, -4) : column
  const f = FEATURE_LABELS[base]
  if (f) return f
  const i = indicator(base)
  if (i)
    return {
      zh: i.zh.replace(/\(.*\)$/, ''),
      // Lower-case a leading common word only: "Average order value", not "NPS" or "WeChat".
      en: i.en.replace(/ \(.*\)$/, '').replace(/^[A-Z][a-z]*\b/, (w) => w.toLowerCase()),
      unit: i.unit,
      direction: i.direction,
    }
  return { zh: base, en: base, unit: 'count', direction: 'higher' }
}

export interface FormatContext {
  readonly lang: Lang
  /** Currency sign for amounts, e.g. ¥ or $. */
  readonly currency: string
}

// One formatter per number of decimals: `toLocaleString` with options builds a new one on
// every call, which was most of the time spent writing a million customers' reasons.
const FORMATS = [0, 1, 2].map(
  (digits) =>
    new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }),
)
const group = (n: number, digits: 0 | 1 | 2) => FORMATS[digits]!.format(n)

/** A value as a person reads it: ¥86,000, 12 天 / 12 days, 35%, 4.5. */
export function formatValue(v: number | string | null, unit: Unit, ctx: FormatContext): string {
  if (v === null || (typeof v === 'number' && Number.isNaN(v)))
    return ctx.lang === 'zh' ? '无' : 'n/a'
  if (typeof v === 'string') return v
  switch (unit) {
    case 'currency': {
      const sign = v < 0 ? '-' : ''
      return `${sign}${ctx.currency}${group(Math.abs(v), Math.abs(v) >= 100 ? 0 : 2)}`
    }
    case 'days':
      return ctx.lang === 'zh' ? `${group(v, 0)} 天` : `${group(v, 0)} day${v === 1 ? '' : 's'}`
    case 'ratio':
    case 'probability':
      return `${group(v * 100, Math.abs(v) < 0.1 ? 1 : 0)}%`
    case 'count':
      return group(v, Number.isInteger(v) ? 0 : 1)
    case 'score':
      return group(v, Number.isInteger(v) ? 0 : 1)
    case 'flag':
      return v > 0 ? (ctx.lang === 'zh' ? '是' : 'yes') : ctx.lang === 'zh' ? '否' : 'no'
    case 'date':
      return new Date(v).toISOString().slice(0, 10)
    default:
      return String(v)
  }
}
