/**
 * `clientele analyze` on a ClickHouse store (`clickhouse://host:port/db?table=orders`): the
 * orders stay in the cluster and everything per customer runs there as SQL — indicators,
 * the BTYD summary, RFM scores and ABC classes from cut points and running sums, lifecycle
 * states, the value scorecard, the percentiles, the tier rules, criteria impact and the
 * action plans' ranking — into working tables on the entry server. Node receives only
 * summaries: the distinct BTYD rows it fits the CLV model on (their predictions go back as
 * small tables), cut points and split points, the lifecycle's typical interval, the
 * scorecard's per-indicator sums (its weights go back as constants), counts per tier and
 * per criterion; and it builds reasons, needs and action texts one page of customers at a
 * time (`cluster-text.ts`), so its memory does not grow with the orders or the customers.
 * The results replace the store's `analysis` and `analysis_actions` tables at the end,
 * together with the run's snapshot (`cluster-snapshot.ts`), and can be streamed to CSV (and
 * Parquet on servers that have it).
 *
 * Tiers, segments, indicators, model columns, reasons, needs, actions, the action plan,
 * criteria impact and the snapshot equal the DuckDB path's. The action log, whose rows
 * change state, is kept on DuckDB stores only (`CLUSTER_LIMITS`).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ClickHouseEngine, openEngine } from '../engine/index.js'
import { addDays, compileIndicators, isoDate } from '../indicators/index.js'
import type { OutputFormat, WrittenFile } from '../report/index.js'
import { ClienteleError, TABLE_KINDS } from '../schema/index.js'
import {
  resolvePolicy,
  shareWarnings,
  type Lang,
  type ModelDiagnostics,
  type CriterionImpact,
  type Overlap,
  type OwnerLoad,
  type Policy,
  type TierShare,
} from '../tiering/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { clusterClv } from './cluster-btyd.js'
import {
  citedPercentiles,
  clusterAbc,
  columnKinds,
  joinInto,
  withPercentiles,
} from './cluster-features.js'
import { clusterImpact } from './cluster-impact.js'
import { withModels } from './cluster-models.js'
import { exportResults, putInPlace, writeResults } from './cluster-results.js'
import { clusterRfm } from './cluster-rfm.js'
import { ClusterRun } from './cluster-run.js'
import { stageSnapshot } from './cluster-snapshot.js'
import { clusterDetails } from './cluster-text.js'
import { clusterTiers } from './cluster-tiers.js'
import type { RunRecord } from './track-run.js'

export interface ClusterAnalyzeOptions {
  /** `clickhouse://[user[:password]@]host[:port]/database[?table=orders]`. */
  readonly store: string
  /** A preset name or a policy file; default `rfm-cn8`. */
  readonly policy?: string
  /** ISO date; default the day after the last order. */
  readonly asOf?: string
  readonly window?: string
  readonly outDir?: string
  readonly lang?: Lang
  /** csv and parquet are streamed from the cluster, json is the summary; default csv and json. */
  readonly formats?: readonly OutputFormat[]
  /** Currency sign in sentences; default from the orders' currency (¥ for CNY or none). */
  readonly currency?: string
  /** Monthly capacity per owner, merged over the policy's. */
  readonly capacity?: Readonly<Record<string, number>>
  /** Customers (and ranked actions) Node reads at a time for the text; default 50,000. */
  readonly pageSize?: number
  readonly onProgress?: (event: { stage: string; detail?: string }) => void
}

/** What a ClickHouse store does not do, said in the CLI output and the result. */
export const CLUSTER_LIMITS =
  'the action log (following planned actions, done and skip marks, their effect), trends, backfill and forgetting a snapshot are kept on DuckDB stores only'

export interface ClusterAnalyzeResult {
  readonly engine: 'clickhouse'
  readonly store: string
  /** The table in the store's database holding one row per customer. */
  readonly table: string
  readonly asOf: string
  readonly window: string
  readonly policy: {
    readonly id: string
    readonly name: { zh: string; en: string }
    readonly hash: string
  }
  readonly customers: number
  readonly valueIndicator: string
  readonly tiers: readonly TierShare[]
  readonly overlaps: readonly Overlap[]
  readonly impact: readonly CriterionImpact[]
  readonly models: ModelDiagnostics
  readonly actions: {
    readonly planned: number
    readonly leftOut: number
    readonly owners: readonly OwnerLoad[]
  }
  readonly warnings: readonly string[]
  readonly files: readonly WrittenFile[]
  /** The snapshot the run was kept as (its actions are not followed: `actions` is null). */
  readonly snapshot: RunRecord
  readonly limits: string
}

/** Columns of the orders table that the indicators and the snapshot's fingerprint read. */
const ORDER_COLUMNS = [
  'customer_id',
  'date',
  'amount',
  'status',
  'order_id',
  'category',
  'profit',
  'row_hash',
  'import_id',
]

async function checkTables(e: ClickHouseEngine): Promise<void> {
  const found = await e.all<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = currentDatabase()`,
  )
  const names = new Set(found.map((r) => r.name))
  const missing = [
    e.ordersTable,
    ...TABLE_KINDS.filter((k) => k !== 'transactions' && k !== 'surveys'),
  ].filter((t) => !names.has(t))
  if (missing.length > 0) {
    throw new ClienteleError(
      'USAGE',
      `the ClickHouse database ${e.database} has no table ${missing.join(', ')}, which the analysis reads (orders from ?table=, default transactions): create the store's tables with ensureClusterSchema and load them (see the README)`,
    )
  }
  const cols = await e.all<{ name: string }>(
    `SELECT name FROM system.columns WHERE database = currentDatabase() AND table = $t`,
    { t: e.ordersTable },
  )
  const have = new Set(cols.map((c) => c.name))
  const lacking = ORDER_COLUMNS.filter((c) => !have.has(c))
  if (lacking.length > 0) {
    throw new ClienteleError(
      'USAGE',
      `the orders table ${e.database}.${e.ordersTable} lacks the column${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} (it needs the columns of the canonical transactions table)`,
    )
  }
}

async function defaultAsOf(e: ClickHouseEngine): Promise<string> {
  const [r] = (await e.all(
    `SELECT toString(max(date)) AS d, count() AS n FROM ${e.dialect.quoteIdentifier(e.ordersTable)}`,
  )) as [{ d: string; n: number }]
  if (r.n === 0)
    throw new ClienteleError('USAGE', 'the store has no orders to analyse: load some first')
  return addDays(r.d, 1)
}

/** Analyses the ClickHouse store named by `options.store`. */
export async function analyzeCluster(
  options: ClusterAnalyzeOptions,
): Promise<ClusterAnalyzeResult> {
  const policy = resolvePolicy(options.policy ?? 'rfm-cn8')
  const engine = await openEngine(options.store)
  try {
    if (!(engine instanceof ClickHouseEngine))
      throw new ClienteleError('USAGE', `not a ClickHouse store: ${options.store}`)
    return await runClusterAnalysis(engine, policy, options)
  } finally {
    await engine.close()
  }
}

/** The analysis on an open ClickHouse engine; see the module comment. */
export async function runClusterAnalysis(
  engine: ClickHouseEngine,
  basePolicy: Policy,
  options: Omit<ClusterAnalyzeOptions, 'store' | 'policy'>,
): Promise<ClusterAnalyzeResult> {
  const policy: Policy = options.capacity
    ? { ...basePolicy, capacity: { ...basePolicy.capacity, ...options.capacity } }
    : basePolicy
  const progress = options.onProgress ?? (() => undefined)
  const lang = options.lang ?? 'zh'
  await checkTables(engine)
  await ClusterRun.sweep(engine)
  const run = new ClusterRun(engine)
  try {
    const asOf =
      options.asOf === undefined ? await defaultAsOf(engine) : isoDate(options.asOf, 'as-of date')
    const window = options.window ?? policy.window
    progress({ stage: 'indicators' })
    const q = compileIndicators(engine.dialect, {
      asOf,
      window,
      ordersTable: engine.ordersTable,
    })
    const ind = await run.create('ind', 'customer_id', q.sql)
    const [{ customers }] = (await engine.all(`SELECT count() AS customers FROM ${ind}`)) as [
      { customers: number },
    ]
    if (customers === 0)
      throw new ClienteleError('USAGE', `no customers before ${asOf}: nothing to analyse`)

    progress({ stage: 'models' })
    const warnings: string[] = []
    const models: { -readonly [K in keyof ModelDiagnostics]: ModelDiagnostics[K] } = { warnings }
    const clv = policy.models.clv
      ? await clusterClv(run, policy, asOf, engine.ordersTable, warnings)
      : undefined
    if (clv) models.clv = clv.diagnostics
    const withClv = await joinInto(run, 'clv', ind, clv?.table === undefined ? [] : [clv.table])
    const base0 = await run.create(
      'base0',
      'customer_id',
      `SELECT *, coalesce(profit, monetary) AS contribution FROM ${withClv}`,
    )
    const rfm = await clusterRfm(
      run,
      base0,
      policy.models.rfm ?? { bins: 5, center: 'mean' },
      warnings,
    )
    models.rfm = rfm.diagnostics
    const abc = policy.models.abc
      ? await clusterAbc(run, base0, policy.models.abc, warnings)
      : undefined
    if (abc) models.abc = abc.diagnostics
    await joinInto(run, 'base', base0, [rfm.table, ...(abc ? [abc.table] : [])])
    const modelled = await withModels(run, 'base', policy, warnings)
    if (modelled.scorecard) models.scorecard = modelled.scorecard
    const feat = await withPercentiles(run, modelled.tag, citedPercentiles(policy))
    const kinds = await columnKinds(run, run.name('feat'))

    // The models' own warnings, as the DuckDB path reports them; share and export ones follow.
    models.warnings = [...warnings]
    progress({ stage: 'tiering' })
    const tiers = await clusterTiers(run, feat, kinds, policy)
    warnings.push(...shareWarnings(tiers.shares, policy))

    const details = await clusterDetails(run, tiers.table, kinds, policy, {
      asOf,
      window,
      lang,
      customers,
      currency: options.currency,
      pageSize: options.pageSize,
      onProgress: progress,
    })
    progress({ stage: 'impact' })
    const impact = await clusterImpact(run, tiers.table, kinds, policy)

    progress({ stage: 'writing' })
    const results = await writeResults(run, tiers.table, kinds, policy, lang, details)
    const snapshot = await stageSnapshot(run, results, { asOf, window, policy })
    progress({ stage: 'writing', detail: `snapshot ${snapshot.record.id}` })
    await putInPlace(run, { results, plan: details.plan.table, snapshot })
    const formats = options.formats ?? ['csv', 'json']
    const outDir = options.outDir ?? 'clientele-out'
    const files =
      formats.length === 0 ? [] : await exportResults(engine, policy, outDir, formats, warnings)
    const result: ClusterAnalyzeResult = {
      engine: 'clickhouse',
      store: engine.location,
      table: ANALYSIS_TABLE,
      asOf,
      window,
      policy: { id: policy.id, name: policy.name, hash: policy.hash },
      customers,
      valueIndicator: policy.value,
      tiers: tiers.shares,
      overlaps: tiers.overlaps,
      impact,
      models,
      actions: {
        planned: details.plan.planned,
        leftOut: details.plan.leftOut,
        owners: details.plan.owners,
      },
      warnings,
      files,
      snapshot: snapshot.record,
      limits: CLUSTER_LIMITS,
    }
    if (formats.includes('json')) {
      const path = join(outDir, 'summary.json')
      const { asOf: a, customers: n, valueIndicator, tiers: t } = result
      const summary = { asOf: a, policy: policy.id, policyHash: policy.hash, customers: n }
      writeFileSync(
        path,
        `${JSON.stringify({ ...summary, valueIndicator, tiers: t, warnings }, null, 2)}\n`,
      )
      files.push({ format: 'json', path, rows: t.length })
    }
    return result
  } finally {
    await run.cleanup()
  }
}
