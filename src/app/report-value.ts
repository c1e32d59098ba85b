/**
 * Value against potential: the value map (a seeded sample of at most 2,000 customers, ordered by
 * a hash of their id, with the quadrant lines at the population medians computed in the engine)
 * and the acquisition channels (customers, value, tier mix and mean CLV per channel, and
 * CLV ÷ acquisition cost where campaign costs before the first purchase are known).
 */
import type { Engine } from '../engine/index.js'
import {
  OTHER,
  VALUE_MAP_MAX_POINTS,
  type Bilingual,
  type ChannelData,
  type ChannelSummary,
  type ValueMapData,
} from '../report/index.js'
import type { Policy } from '../tiering/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'

/** Where the potential measure comes from: a column of the analysis or the report's own CLV. */
export interface Potential {
  /** SQL over `a` (the analysis) and whatever `join` adds. */
  readonly expr: string
  readonly join: string
  readonly label: Bilingual
  readonly isClv: boolean
}

/** Channels drawn; smaller ones are one "other" row. */
const MAX_CHANNELS = 15
const SAMPLE_SEED = 'clientele-value-map'

const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v))

const QUADRANTS: ValueMapData['quadrants'] = [
  { zh: '高价值 · 高潜力', en: 'High value, high potential' },
  { zh: '低价值 · 高潜力', en: 'Low value, high potential' },
  { zh: '低价值 · 低潜力', en: 'Low value, low potential' },
  { zh: '高价值 · 低潜力', en: 'High value, low potential' },
]

const ranked = (label: Bilingual): Bilingual => ({
  zh: `${label.zh}（百分位排名）`,
  en: `${label.en} (percentile rank)`,
})

/**
 * The value map in percentile ranks (0–100, over all customers, in the engine): value and CLV are
 * so skewed that raw amounts crowd nearly everyone into one corner. The quadrant lines sit at the
 * medians, 50.
 */
export async function valueMapData(
  engine: Engine,
  policy: Policy,
  value: Bilingual,
  potential: Potential,
): Promise<ValueMapData | undefined> {
  const v = `CAST(a.${engine.dialect.quoteIdentifier(policy.value)} AS DOUBLE)`
  const y = `CAST(${potential.expr} AS DOUBLE)`
  const rows = await engine.all(
    `SELECT tier, x, y FROM (
       SELECT a.customer_id, a.tier, 100 * percent_rank() OVER (ORDER BY ${v}) AS x,
         100 * percent_rank() OVER (ORDER BY ${y}) AS y
       FROM ${ANALYSIS_TABLE} a ${potential.join} WHERE ${v} IS NOT NULL AND ${y} IS NOT NULL) AS r
     ORDER BY hash(customer_id || $seed), customer_id LIMIT ${VALUE_MAP_MAX_POINTS}`,
    { seed: SAMPLE_SEED },
  )
  if (rows.length === 0) return undefined
  return {
    points: rows.map((r) => ({ current: num(r.x), potential: num(r.y), tier: String(r.tier) })),
    tiers: policy.tiers.map((t) => ({ id: t.id, name: t.name })),
    xLabel: ranked(value),
    yLabel: ranked(potential.label),
    xSplit: 50,
    ySplit: 50,
    quadrants: QUADRANTS,
    scale: 'linear',
  }
}

export async function channelData(
  engine: Engine,
  policy: Policy,
  potential: Potential,
): Promise<ChannelData | undefined> {
  const v = `greatest(coalesce(CAST(a.${engine.dialect.quoteIdentifier(policy.value)} AS DOUBLE), 0), 0)`
  const rows = await engine.all(
    `SELECT a.acquisition_channel AS channel, a.tier AS tier, count(*) AS n, sum(${v}) AS value,
       sum(CAST(${potential.expr} AS DOUBLE)) AS clv, count(${potential.expr}) AS clv_n
     FROM ${ANALYSIS_TABLE} a ${potential.join} WHERE a.acquisition_channel IS NOT NULL GROUP BY 1, 2`,
  )
  if (rows.length === 0) return undefined
  const costs = await engine.all(
    `SELECT a.acquisition_channel AS channel, sum(c.cost) AS cost
     FROM campaigns c JOIN ${ANALYSIS_TABLE} a ON a.customer_id = c.customer_id
     WHERE c.cost > 0 AND a.acquisition_channel IS NOT NULL AND c.date <= a.first_purchase GROUP BY 1`,
  )
  const byChannel = new Map<
    string,
    { n: number; value: number; clv: number; clvN: number; mix: Record<string, number> }
  >()
  const sizes = new Map<string, number>()
  for (const r of rows) sizes.set(String(r.channel), (sizes.get(String(r.channel)) ?? 0) + num(r.n))
  const ranked = [...sizes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c)
  const shown = new Set(ranked.length > MAX_CHANNELS + 1 ? ranked.slice(0, MAX_CHANNELS) : ranked)
  const keyOf = (c: unknown) => (shown.has(String(c)) ? String(c) : OTHER)
  for (const r of rows) {
    const key = keyOf(r.channel)
    const c = byChannel.get(key) ?? { n: 0, value: 0, clv: 0, clvN: 0, mix: {} }
    c.n += num(r.n)
    c.value += num(r.value)
    c.clv += num(r.clv) || 0
    c.clvN += num(r.clv_n)
    c.mix[String(r.tier)] = (c.mix[String(r.tier)] ?? 0) + num(r.n)
    byChannel.set(key, c)
  }
  const cost = new Map<string, number>()
  for (const r of costs) cost.set(keyOf(r.channel), (cost.get(keyOf(r.channel)) ?? 0) + num(r.cost))
  const channels: ChannelSummary[] = [...ranked.filter((c) => shown.has(c)), OTHER]
    .filter((c) => byChannel.has(c))
    .map((channel) => {
      const c = byChannel.get(channel)!
      const spent = cost.get(channel)
      return {
        channel,
        customers: c.n,
        value: c.value,
        clv: c.clvN > 0 ? c.clv / c.clvN : 0,
        tierMix: c.mix,
        ...(spent !== undefined && spent > 0 && { acquisitionCost: spent / c.n }),
      }
    })
  return { channels, tiers: policy.tiers.map((t) => ({ id: t.id, name: t.name })) }
}
