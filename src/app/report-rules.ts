/**
 * Tier rules in words for the report: `contribution_pct >= 0.85 and clv_pct >= 0.5` becomes
 * "利润贡献排名前 15% 且 预测客户终身价值排名前 50%" / "contribution in the top 15% and
 * predicted CLV in the top 50%", with column names and text values from the tiering labels.
 */
import {
  formatValue,
  labelOf,
  parseExpression,
  type CompareOp,
  type Expr,
  type Lang,
} from '../tiering/index.js'
import type { Bilingual } from '../report/index.js'

const OPS: Record<CompareOp, string> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  '==': '=',
  '!=': '≠',
}

const percent = (p: number) => `${Math.round(p * 100)}%`

function valueText(column: string, value: number | string, lang: Lang, currency: string): string {
  const label = labelOf(column)
  if (typeof value === 'string') return label.values?.[value]?.[lang] ?? value
  return formatValue(value, label.unit, { lang, currency })
}

function percentile(column: string, op: CompareOp, p: number, lang: Lang): string | undefined {
  const name = labelOf(column)[lang]
  const zh = lang === 'zh'
  if (op === '>=' || op === '>')
    return zh ? `${name}排名前 ${percent(1 - p)}` : `${name} in the top ${percent(1 - p)}`
  if (op === '<' || op === '<=')
    return zh ? `${name}排名后 ${percent(p)}` : `${name} in the bottom ${percent(p)}`
  return undefined
}

function words(e: Expr, lang: Lang, currency: string, parent?: 'and' | 'or'): string {
  const zh = lang === 'zh'
  switch (e.kind) {
    case 'and':
    case 'or': {
      const joiner = e.kind === 'and' ? (zh ? ' 且 ' : ' and ') : zh ? ' 或 ' : ' or '
      const body =
        words(e.left, lang, currency, e.kind) + joiner + words(e.right, lang, currency, e.kind)
      if (parent === undefined || parent === e.kind) return body
      return zh ? `（${body}）` : `(${body})`
    }
    case 'not':
      return zh
        ? `并非（${words(e.operand, lang, currency)}）`
        : `not (${words(e.operand, lang, currency)})`
    case 'flag':
      return labelOf(e.column)[lang]
    case 'in': {
      const values = e.values.map((v) => valueText(e.column, v, lang, currency))
      const name = labelOf(e.column)[lang]
      return zh ? `${name}为${values.join('、')}` : `${name} is ${values.join(', ')}`
    }
    case 'const':
      return e.value ? (zh ? '全部客户' : 'every customer') : zh ? '无' : 'no customer'
    case 'compare': {
      if (e.column.endsWith('_pct') && typeof e.value === 'number') {
        const p = percentile(e.column, e.op, e.value, lang)
        if (p !== undefined) return p
      }
      const value = valueText(e.column, e.value, lang, currency)
      const name = labelOf(e.column)[lang]
      if (typeof e.value === 'string' && (e.op === '==' || e.op === '!='))
        return zh
          ? `${name}${e.op === '==' ? '为' : '不是'}${value}`
          : `${name} ${e.op === '==' ? 'is' : 'is not'} ${value}`
      return `${name} ${OPS[e.op]} ${value}`
    }
  }
}

/** A rule in both languages; undefined when it does not parse (the raw rule is still shown). */
export function ruleText(rule: string, currency: string): Bilingual | undefined {
  try {
    const e = parseExpression(rule, 'rule')
    // Chinese brackets are full width and take no spaces around them.
    const zh = words(e, 'zh', currency).replaceAll(' （', '（').replaceAll('） ', '）')
    return { zh, en: words(e, 'en', currency) }
  } catch {
    return undefined
  }
}
