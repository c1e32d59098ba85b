/**
 * What the data says each customer lacks or wants (需求分析): low satisfaction, no contact
 * for too long, recent complaints, rising churn risk, the KANO must-be and one-dimensional
 * features of its tier, and categories its tier peers buy that it does not.
 */
import { wholeFrame, type Batch, type Frame } from './frame.js'
import { formatValue, type Lang } from './labels.js'
import type { Policy } from './policy.js'

export interface KanoFeature {
  readonly feature: string
  /** KANO category id: M (must-be) or O (one-dimensional) are the ones reported as needs. */
  readonly category: string
}

export interface NeedsInput {
  /** Per tier index, the features its respondents rate must-be or one-dimensional. */
  readonly kanoByTier?: ReadonlyMap<number, readonly KanoFeature[]>
  /** Per customer, categories popular in its tier that it has not bought (or null). */
  readonly peerCategories?: readonly (string | null)[]
}

const KANO_WORDS: Record<string, Record<Lang, string>> = {
  M: { zh: '必备', en: 'must-be' },
  O: { zh: '期望', en: 'one-dimensional' },
}

export function customerNeeds(
  frame: Frame,
  tier: Int32Array,
  policy: Policy,
  lang: Lang,
  input: NeedsInput = {},
  batch: Batch = wholeFrame(frame),
): string[] {
  const get = (c: string) => frame.numbers.get(c)
  const sat = get('satisfaction_latest')
  const since = get('days_since_contact')
  const complaints = get('complaints')
  const churn = get('churn_risk')
  const zh = lang === 'zh'
  const ctx = { lang, currency: '' }
  const kano = new Map<number, string>()
  for (const [t, features] of input.kanoByTier ?? []) {
    const listed = features.filter((f) => f.category === 'M' || f.category === 'O')
    if (listed.length === 0) continue
    const names = listed
      .map((f) => `${f.feature}${zh ? '(' : ' ('}${KANO_WORDS[f.category]![lang]})`)
      .join(zh ? '、' : ', ')
    kano.set(t, zh ? `本层客户看重:${names}` : `valued in this tier: ${names}`)
  }
  const out: string[] = new Array(batch.end - batch.start)
  for (let i = batch.start; i < batch.end; i++) {
    const needs: string[] = []
    const s = sat?.[i]
    if (s !== undefined && s < policy.needs.lowSatisfaction) {
      const score = formatValue(s, 'score', ctx)
      needs.push(zh ? `满意度偏低(${score} 分)` : `low satisfaction (${score})`)
    }
    const d = since?.[i]
    if (d !== undefined && d > policy.needs.noContactDays) {
      needs.push(
        zh
          ? `已 ${formatValue(d, 'days', ctx)}未联系`
          : `no contact for ${formatValue(d, 'days', ctx)}`,
      )
    }
    const c = complaints?.[i]
    if (c !== undefined && c > 0)
      needs.push(zh ? `近期投诉 ${c} 次` : `${c} recent complaint${c === 1 ? '' : 's'}`)
    const r = churn?.[i]
    if (r !== undefined && r >= 0.5)
      needs.push(
        zh
          ? `流失风险 ${formatValue(r, 'probability', ctx)}`
          : `churn risk ${formatValue(r, 'probability', ctx)}`,
      )
    const peers = input.peerCategories?.[i]
    if (peers) needs.push(zh ? `同层客户常买:${peers}` : `peers in this tier buy: ${peers}`)
    const k = kano.get(tier[i]!)
    if (k) needs.push(k)
    out[i - batch.start] = needs.join(zh ? ';' : '; ')
  }
  return out
}
