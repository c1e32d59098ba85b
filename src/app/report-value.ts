/**
 * Value against potential: the potential measure (the policy's CLV, else one estimated here, else
 * the score), the value map (a seeded sample of at most 2,000 customers, ordered by a hash of
 * their id, with the quadrant lines at the population medians computed in the engine), the same
 * map binned in the engine for the dashboard, and the acquisition channels (customers, value,
 * tier mix and mean CLV per channel, and CLV ÷ acquisition cost where campaign costs before the
 * first purchase are known).
 */
import type { Engine } from '../engine/index.js'
import {
  OTHER,
  VALUE_MAP_MAX_POINTS,
  type Bilingual,
  type ChannelData,
  type ChannelSummary,
  type ReportModel,
  type ValueMapData,
} from '../report/index.js'
import { labelOf, type Policy } from '../tiering/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { REPORT_CLV_TABLE, reportClv } from './report-clv.js'

/** Where the potential measure comes from: a column of the analysis or the report's own CLV. */
export interface Potential {
  /** SQL over `a` (the analysis) and whatever `join` adds. */
  readonly expr: string
  readonly join: string
  readonly label: Bilingual
  readonly isClv: boolean
  /** The policy's CLV, one estimated for the report, the value score, or recency (recent high). */
  readonly kind: 'clv' | 'clv-estimate' | 'score' | 'recency'
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

/** A column's name in zh and en, the English capitalised. */
export function labelText(column: string): Bilingual {
  const l = labelOf(column)
  return { zh: l.zh, en: l.en.charAt(0).toUpperCase() + l.en.slice(1) }
}

/**
 * The potential measure of the value map and the channels: CLV from the policy, else estimated
 * here (the estimate's model is pushed on `models`), else the score; undefined when none.
 */
export async function potentialOf(
  engine: Engine,
  asOf: string,
  columns: ReadonlySet<string>,
  models: ReportModel[] = [],
): Promise<Potential | undefined> {
  if (columns.has('clv'))
    return { expr: 'a.clv', join: '', label: labelText('clv'), isClv: true, kind: 'clv' }
  try {
    models.push(await reportClv(engine, asOf))
    return {
      expr: 'r.clv',
      join: `LEFT JOIN ${REPORT_CLV_TABLE} r ON r.customer_id = a.customer_id`,
      label: { zh: '预测客户终身价值（报告估算）', en: 'Predicted CLV (report estimate)' },
      isClv: true,
      kind: 'clv-estimate',
    }
  } catch {
    if (columns.has('score'))
      return { expr: 'a.score', join: '', label: labelText('score'), isClv: false, kind: 'score' }
    return undefined
  }
}

/**
 * The dashboard's potential measure: CLV from the policy, else recency, more recent ranking
 * higher. Estimating a CLV as the report does fits two models (100 s on 10^6 customers,
 * bench/results), too long for a page to wait on.
 */
export function quickPotential(columns: ReadonlySet<string>): Potential | undefined {
  if (columns.has('clv'))
    return { expr: 'a.clv', join: '', label: labelText('clv'), isClv: true, kind: 'clv' }
  if (columns.has('recency_days'))
    return {
      expr: '-a.recency_days',
      join: '',
      label: { zh: '最近购买，越近越高', en: 'Recency, more recent higher' },
      isClv: false,
      kind: 'recency',
    }
  return undefined
}

/** Why the value map's vertical axis is not the policy's CLV; undefined when it is. */
export function potentialNote(potential: Potential | undefined): Bilingual | undefined {
  switch (potential?.kind) {
    case undefined:
      return {
        zh: '分级方案没有 CLV 模型，订单也不足以估算 CLV，没有可用的潜力指标。',
        en: 'The policy has no CLV model, the orders are too few to estimate one, and there is no other potential measure.',
      }
    case 'clv':
      return undefined
    case 'clv-estimate':
      return {
        zh: '分级方案没有 CLV 模型：纵轴为报告按 BG/NBD 与 Gamma-Gamma 估算的 12 个月 CLV。',
        en: 'The policy has no CLV model: the vertical axis is a 12-month CLV the report estimated with BG/NBD and Gamma-Gamma.',
      }
    case 'score':
      return {
        zh: '无法估算 CLV：纵轴为价值评分。',
        en: 'CLV could not be estimated: the vertical axis is the value score.',
      }
    case 'recency':
      return {
        zh: '分级方案没有 CLV 模型：纵轴为最近购买（越近排名越高）。HTML 报告会另行估算 CLV 作为纵轴。',
        en: 'The policy has no CLV model: the vertical axis is recency (the more recent, the higher). The HTML report estimates a CLV for it instead.',
      }
  }
}

/** Each mapped customer's tier and percentile ranks (0–1) of value and potential. */
function rankedSql(engine: Engine, policy: Policy, potential: Potential): string {
  const v = `CAST(a.${engine.dialect.quoteIdentifier(policy.value)} AS DOUBLE)`
  const y = `CAST(${potential.expr} AS DOUBLE)`
  return `SELECT a.customer_id, a.tier, percent_rank() OVER (ORDER BY ${v}) AS x,
      percent_rank() OVER (ORDER BY ${y}) AS y
    FROM ${ANALYSIS_TABLE} a ${potential.join} WHERE ${v} IS NOT NULL AND ${y} IS NOT NULL`
}

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
  const rows = await engine.all(
    `SELECT tier, 100 * x AS x, 100 * y AS y FROM (${rankedSql(engine, policy, potential)}) AS r
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

/** Bins per axis of the binned value map, each 5 percentile ranks wide. */
export const VALUE_MAP_BINS = 20

/** Customers counted in one part of the binned value map, in all and by tier id. */
export interface BinCount {
  readonly customers: number
  readonly tiers: Readonly<Record<string, number>>
}

/**
 * The value map as a 2-D histogram: cell (x, y) holds the customers whose percentile ranks of
 * value and of potential fall in bins x and y, bin k covering ranks [5k, 5k + 5) and the last
 * one also 100. Quadrants I–IV are named as in the report and split at rank 50.
 */
export interface ValueMapBins {
  readonly bins: number
  /** Cells with customers only, by x then y. */
  readonly cells: readonly (BinCount & { readonly x: number; readonly y: number })[]
  /** High value and potential, low value and high potential, low and low, high value and low potential. */
  readonly quadrants: readonly (BinCount & { readonly name: Bilingual })[]
  /** Customers on the map, and those left off it for want of a value or a potential. */
  readonly customers: number
  readonly unmapped: number
  readonly xLabel: Bilingual
  readonly yLabel: Bilingual
  readonly potential: Potential['kind']
}

const addTo = (counts: Record<string, number>, key: string, n: number) => {
  counts[key] = (counts[key] ?? 0) + n
}

/**
 * The value map of {@link valueMapData} binned in the engine: at most 20 × 20 cells by tier,
 * whatever the number of customers. Undefined when no customer has both measures.
 * @example const map = await valueMapBins(engine, policy, labelText(policy.value), quickPotential(columns)!)
 */
export async function valueMapBins(
  engine: Engine,
  policy: Policy,
  value: Bilingual,
  potential: Potential,
): Promise<ValueMapBins | undefined> {
  const bin = (r: string) =>
    `least(CAST(floor(${r} * ${VALUE_MAP_BINS}) AS INTEGER), ${VALUE_MAP_BINS - 1})`
  const rows = await engine.all(
    `SELECT ${bin('x')} AS bx, ${bin('y')} AS "by", tier, count(*) AS n
     FROM (${rankedSql(engine, policy, potential)}) AS r GROUP BY ALL ORDER BY bx, "by", tier`,
  )
  if (rows.length === 0) return undefined
  const [all] = await engine.all(`SELECT count(*) AS n FROM ${ANALYSIS_TABLE}`)
  const cells = new Map<
    string,
    { x: number; y: number; customers: number; tiers: Record<string, number> }
  >()
  const quadrants = QUADRANTS.map((name) => ({
    name,
    customers: 0,
    tiers: {} as Record<string, number>,
  }))
  const half = VALUE_MAP_BINS / 2
  for (const r of rows) {
    const [x, y, n, tier] = [num(r.bx), num(r.by), num(r.n), String(r.tier)]
    const key = `${x},${y}`
    const cell = cells.get(key) ?? { x, y, customers: 0, tiers: {} }
    cell.customers += n
    addTo(cell.tiers, tier, n)
    cells.set(key, cell)
    const q = quadrants[y >= half ? (x >= half ? 0 : 1) : x >= half ? 3 : 2]!
    q.customers += n
    addTo(q.tiers, tier, n)
  }
  const customers = quadrants.reduce((s, q) => s + q.customers, 0)
  return {
    bins: VALUE_MAP_BINS,
    cells: [...cells.values()],
    quadrants,
    customers,
    unmapped: num(all?.n) - customers,
    xLabel: ranked(value),
    yLabel: ranked(potential.label),
    potential: potential.kind,
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
