/**
 * Why each customer is in its tier (评级原因说明): the comparisons of the deciding rule
 * that hold for the customer, as structured data and as one sentence in Chinese and in
 * English, e.g. "最近一次购买在 12 天前(前 10%),近 365 天购买 14 次(前 5%)".
 */
import type { Assignment } from './assign.js'
import { leaves, type Expr } from './expression.js'
import { wholeFrame, type Batch, type Frame } from './frame.js'
import { formatValue, labelOf, type FormatContext, type Lang } from './labels.js'
import type { Policy } from './policy.js'

/** Plain grouped numbers; one formatter, not one per call. */
const PLAIN = new Intl.NumberFormat('en-US')

type Leaf = ReturnType<typeof leaves>[number]

export interface ReasonOptions {
  readonly currency: string
  /** The indicator window as words: { zh: '近 365 天', en: 'in the last 365 days' }. */
  readonly window: { readonly zh: string; readonly en: string }
}

const baseOf = (column: string) => (column.endsWith('_pct') ? column.slice(0, -4) : column)

function holds(leaf: Leaf, frame: Frame, i: number): boolean {
  const v = frame.numbers.get(leaf.column)?.[i] ?? frame.texts.get(leaf.column)?.[i] ?? null
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return false
  if (leaf.kind === 'flag') return typeof v === 'number' ? v > 0 : v !== ''
  if (leaf.kind === 'in') return leaf.values.includes(v)
  const t = leaf.value
  switch (leaf.op) {
    case '<':
      return v < t
    case '<=':
      return v <= t
    case '>':
      return v > t
    case '>=':
      return v >= t
    case '==':
      return v === t
    default:
      return v !== t
  }
}

/** Rank words for the column's percentile: (前 10%) / (top 10%), or the bottom share. */
function rankWords(base: string, frame: Frame, i: number, lang: Lang): string {
  const pct = frame.numbers.get(`${base}_pct`)?.[i]
  if (pct === undefined || Number.isNaN(pct)) return ''
  const dir = labelOf(base).direction
  if (dir === 'none') return ''
  const top = dir === 'lower' ? pct : 1 - pct
  // 1 − 0.95 is 0.05000000000000004 in floating point: round before taking the ceiling.
  const share = Math.max(1, Math.ceil(Number((Math.min(top, 1 - top) * 100).toFixed(6))))
  if (top <= 0.5) return lang === 'zh' ? `(前 ${share}%)` : ` (top ${share}%)`
  return lang === 'zh' ? `(后 ${share}%)` : ` (bottom ${share}%)`
}

function phrase(
  column: string,
  frame: Frame,
  i: number,
  ctx: FormatContext,
  o: ReasonOptions,
): string {
  const base = baseOf(column)
  const label = labelOf(base)
  const raw = frame.numbers.get(base)?.[i] ?? frame.texts.get(base)?.[i] ?? null
  const zh = ctx.lang === 'zh'
  if (label.unit === 'text') {
    const name =
      typeof raw === 'string'
        ? (label.values?.[raw]?.[ctx.lang] ?? raw)
        : formatValue(raw, 'text', ctx)
    return zh ? `${label.zh}:${name}` : `${label.en}: ${name}`
  }
  const v = formatValue(raw as number | null, label.unit, ctx)
  const rank = rankWords(base, frame, i, ctx.lang)
  const w = o.window[ctx.lang]
  switch (base) {
    case 'recency_days':
      if (typeof raw !== 'number' || Number.isNaN(raw))
        return zh ? '尚无购买记录' : 'no purchase yet'
      return zh
        ? `最近一次购买在 ${PLAIN.format(raw)} 天前${rank}`
        : `last purchase ${v} ago${rank}`
    case 'frequency':
      return zh
        ? `${w}购买 ${v} 次${rank}`
        : `bought ${raw === 1 ? 'once' : `${v} times`} ${w}${rank}`
    case 'orders':
      return zh ? `${w} ${v} 单${rank}` : `${v} orders ${w}${rank}`
    case 'monetary':
      return zh ? `${w}消费 ${v}${rank}` : `spent ${v} ${w}${rank}`
    default:
      return zh ? `${label.zh} ${v}${rank}` : `${label.en} ${v}${rank}`
  }
}

export interface Reasons {
  readonly zh: string[]
  readonly en: string[]
  /** Per customer, the columns the reason cites (the basis, 分级依据). */
  readonly basis: string[][]
}

const FALLBACK: Record<Lang, (tier: string) => string> = {
  zh: (tier) => `未达到${tier}的条件`,
  en: (tier) => `did not meet the conditions for ${tier}`,
}

/** One reason per customer of the batch (default: all) in both languages. */
export function explainTiers(
  frame: Frame,
  policy: Policy,
  a: Assignment,
  o: ReasonOptions,
  batch: Batch = wholeFrame(frame),
): Reasons {
  const ruleLeaves = policy.rules.map((r: Expr | undefined) => (r === undefined ? [] : leaves(r)))
  // Customers of the default tier are explained by the tier just above it that they missed.
  const defaultIndex = policy.tiers.findIndex((t) => t.id === policy.default)
  const missed = policy.rules
    .map((r, j) => (r !== undefined && j !== defaultIndex ? j : -1))
    .filter((j) => j >= 0)
  const nearest = missed[missed.length - 1]
  const size = batch.end - batch.start
  const zh: string[] = new Array(size)
  const en: string[] = new Array(size)
  const basis: string[][] = new Array(size)
  for (let i = batch.start; i < batch.end; i++) {
    const k = i - batch.start
    const t = a.tier[i]!
    let cited: Leaf[]
    let prefix: Record<Lang, string> = { zh: '', en: '' }
    if (a.matched[i] === 1) {
      const ls = ruleLeaves[t]!
      cited = ls.filter((l) => holds(l, frame, i))
      if (cited.length === 0) cited = ls
    } else if (nearest !== undefined) {
      const tier = policy.tiers[nearest]!.name
      cited = ruleLeaves[nearest]!.filter((l) => !holds(l, frame, i)).slice(0, 2)
      prefix = { zh: `${FALLBACK.zh(tier.zh)}:`, en: `${FALLBACK.en(tier.en)}: ` }
    } else cited = []
    // A rule may cite both `monetary` and `monetary_pct`: one phrase covers both.
    const columns = [...new Set(cited.map((l) => baseOf(l.column)))]
    basis[k] = columns
    zh[k] =
      prefix.zh +
      columns.map((c) => phrase(c, frame, i, { lang: 'zh', currency: o.currency }, o)).join(',')
    en[k] =
      prefix.en +
      columns.map((c) => phrase(c, frame, i, { lang: 'en', currency: o.currency }, o)).join('; ')
  }
  return { zh, en, basis }
}
