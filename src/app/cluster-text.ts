/**
 * The per-customer text of a cluster analysis — reasons in zh and en with their basis
 * (评级原因说明, 分级依据), needs (需求分析) and planned actions (行动计划) — and the action
 * plan behind it. What needs the whole population is computed in the cluster first: the
 * percentiles the reasons quote, the tier peers' categories, the KANO counts per tier, the
 * capacity ranking (`cluster-actions.ts`). Then Node reads one page of about 50,000
 * customers at a time (`cluster-source.ts`), builds their sentences with the DuckDB path's
 * own functions (`explainTiers`, `customerNeeds`, `actionItem`) over a frame of that page,
 * and appends them to the working table `text`, which the results join before the swap.
 * Node's memory is bounded by a page, whatever the number of customers.
 */
import type { ClickHouseEngine, Columns } from '../engine/index.js'
import {
  ACTION_SEPARATOR,
  actionItem,
  customerNeeds,
  explainTiers,
  type ColumnKind,
  type Frame,
  type KanoFeature,
  type Lang,
  type Policy,
  type ReasonOptions,
} from '../tiering/index.js'
import { currencySign, windowWords } from './analyze.js'
import { clusterPlan, type ClusterPlan } from './cluster-actions.js'
import { clusterKano, clusterPeers } from './cluster-needs.js'
import type { ClusterRun } from './cluster-run.js'
import { textSource, type TextSource } from './cluster-source.js'
import { collectGarbage } from './memory.js'

/** The text columns of the analysis table, in its column order. */
export const TEXT_COLUMNS = ['reason_zh', 'reason_en', 'basis', 'needs', 'actions'] as const

export interface ClusterDetails {
  /** Working table of customer_id and the `TEXT_COLUMNS`. */
  readonly text: string
  readonly plan: ClusterPlan
}

export interface ClusterDetailOptions {
  readonly asOf: string
  readonly window: string
  readonly lang: Lang
  /** Currency sign in sentences; default from the orders' currency (¥ for CNY or none). */
  readonly currency?: string
  readonly customers: number
  /** Customers Node holds at a time; default 50,000. */
  readonly pageSize?: number
  readonly onProgress: (event: { stage: string; detail?: string }) => void
}

/** Reasons, needs and action plans of every customer of the tiered working table. */
export async function clusterDetails(
  run: ClusterRun,
  tiered: string,
  kinds: ReadonlyMap<string, ColumnKind>,
  policy: Policy,
  o: ClusterDetailOptions,
): Promise<ClusterDetails> {
  o.onProgress({ stage: 'needs' })
  const peers = await clusterPeers(run, tiered, o.asOf, o.lang === 'zh' ? '、' : ', ')
  const kano = await clusterKano(run, tiered, o.asOf)
  const src = await textSource(run, tiered, kinds, policy, peers, o.customers, o.pageSize)
  o.onProgress({ stage: 'actions' })
  const plan = await clusterPlan(run, src, policy, o.asOf, o.lang)
  const reasons = {
    currency: o.currency ?? (await orderCurrency(run.engine)),
    window: windowWords(o.window),
  }
  const text = await writeText(run, src, plan, policy, { ...o, kano, reasons })
  return { text, plan }
}

async function orderCurrency(e: ClickHouseEngine): Promise<string> {
  const [r] = await e.all<{ n: number }>(
    `SELECT count() AS n FROM system.columns WHERE database = currentDatabase() AND table = $t AND name = 'currency'`,
    { t: e.ordersTable },
  )
  // Orders without a currency column read as CNY, as orders without a currency do.
  return r !== undefined && r.n > 0 ? currencySign(e, e.ordersTable) : '¥'
}

interface PageInput {
  readonly lang: Lang
  readonly kano: ReadonlyMap<number, readonly KanoFeature[]>
  readonly reasons: ReasonOptions
  readonly onProgress: ClusterDetailOptions['onProgress']
}

const NOT_IN_FRAME = new Set(['customer_id', 'page', 'tier_index', 'matched', 'peer_categories'])

/** One page's columns as a frame: numbers as Float64Array (NaN for NULL), text as strings. */
function pageFrame(cols: Columns, kinds: ReadonlyMap<string, ColumnKind>): Frame {
  const ids = cols.customer_id as string[]
  const frame: Frame = { n: ids.length, ids, numbers: new Map(), texts: new Map() }
  for (const [name, kind] of kinds) {
    if (NOT_IN_FRAME.has(name)) continue
    if (kind === 'number') frame.numbers.set(name, cols[name] as Float64Array)
    else frame.texts.set(name, cols[name] as (string | null)[])
  }
  return frame
}

async function writeText(
  run: ClusterRun,
  src: TextSource,
  plan: ClusterPlan,
  policy: Policy,
  o: PageInput,
): Promise<string> {
  const e = run.engine
  const table = run.reserve('text')
  await e.run(
    `CREATE TABLE ${table} (customer_id String, ${TEXT_COLUMNS.map((c) => `${c} String`).join(', ')}) ENGINE = Log`,
  )
  for (let page = 0; page < src.pages; page++) {
    const cols = await e.columns(
      `SELECT * FROM ${src.table} WHERE page = ${page} ORDER BY customer_id`,
    )
    if (!cols.customer_id?.length) continue
    const frame = pageFrame(cols, src.kinds)
    const tier = Int32Array.from(cols.tier_index as Float64Array)
    const matched = Uint8Array.from(cols.matched as Float64Array)
    const reasons = explainTiers(frame, policy, { tier, matched, overlaps: [] }, o.reasons)
    const needs = customerNeeds(frame, tier, policy, o.lang, {
      kanoByTier: o.kano,
      peerCategories: cols.peer_categories as (string | null)[],
    })
    await e.insertColumns(run.name('text'), [
      frame.ids,
      reasons.zh,
      reasons.en,
      reasons.basis.map((b) => b.join(', ')),
      needs,
      await plannedText(run, plan, page, frame.ids, o.lang),
    ])
    o.onProgress({ stage: 'text', detail: `${page + 1}/${src.pages}` })
    // The page's text is garbage now; collected here, the peak stays that of one page
    // however many pages there are.
    await collectGarbage()
  }
  return table
}

/** Per customer of the page, its planned actions in slot order, as `planActions().summary`. */
async function plannedText(
  run: ClusterRun,
  plan: ClusterPlan,
  page: number,
  ids: readonly string[],
  lang: Lang,
): Promise<string[]> {
  const rows = await run.engine.columns(
    `SELECT customer_id, slot, owner FROM ${plan.rows} WHERE page = ${page} AND status = 'planned'
     ORDER BY customer_id, slot`,
  )
  const index = new Map(ids.map((id, i) => [id, i]))
  const out = new Array<string>(ids.length).fill('')
  const owners = rows.owner as string[]
  ;(rows.customer_id as string[]).forEach((id, k) => {
    const i = index.get(id)!
    const item = actionItem(plan.slots[rows.slot![k] as number]!, owners[k]!, lang)
    out[i] = out[i] === '' ? item : `${out[i]}${ACTION_SEPARATOR[lang]}${item}`
  })
  return out
}
