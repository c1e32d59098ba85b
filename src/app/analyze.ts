/**
 * The main job (`clientele analyze`): import files if given, compute the indicators in the
 * engine, fit the models the policy needs, tier every customer, explain each rating, plan
 * actions within capacity, and write the analysis table and its outputs.
 */
import type { Engine } from '../engine/index.js'
import {
  addDays,
  compileBtydSummary,
  compileIndicators,
  isoDate,
  parseWindow,
} from '../indicators/index.js'
import { ensureStore, importFiles, loadMapping } from '../ingest/index.js'
import {
  OUTPUT_FORMATS,
  writeAnalysis,
  type OutputFormat,
  type WrittenFile,
} from '../report/index.js'
import { ClienteleError } from '../schema/index.js'
import {
  addModelFeatures,
  addPercentiles,
  assignTiers,
  checkRule,
  columnsOf,
  criteriaImpact,
  planActions,
  resolvePolicy,
  shareWarnings,
  tierShares,
  type Assignment,
  type CriterionImpact,
  type Expr,
  type Frame,
  type Lang,
  type ModelDiagnostics,
  type Overlap,
  type Policy,
  type TierShare,
} from '../tiering/index.js'
import { BTYD_TABLE, INDICATORS_TABLE, loadFrame } from './analysis-frame.js'
import {
  ACTIONS_TABLE,
  ANALYSIS_TABLE,
  columnSpecs,
  writeAnalysisTables,
} from './analysis-tables.js'
import { kanoByTier, peerCategories, writeTiers } from './needs-inputs.js'
import { withHtmlReport } from './report-write.js'
import { collectGarbage } from './memory.js'
import { withStore } from './store.js'
import { trackRun, type RunRecord } from './track-run.js'

export interface AnalyzeOptions {
  readonly store?: string
  readonly files?: readonly string[]
  readonly mapping?: string
  /** A preset name or a policy file; default `rfm-cn8`. */
  readonly policy?: string
  /** ISO date; default the day after the last order. */
  readonly asOf?: string
  /** Overrides the policy's window. */
  readonly window?: string
  readonly outDir?: string
  readonly lang?: Lang
  readonly formats?: readonly OutputFormat[]
  /** Currency sign in sentences; default from the orders' currency (¥ for CNY or none). */
  readonly currency?: string
  /** Monthly capacity per owner, merged over the policy's. */
  readonly capacity?: Readonly<Record<string, number>>
  readonly onProgress?: (event: { stage: string; detail?: string }) => void
  /** Follow the planned actions in the action log; default true, false for past dates. */
  readonly followActions?: boolean
}

export interface AnalyzeResult {
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
    readonly owners: ReturnType<typeof planActions>['owners']
  }
  readonly warnings: readonly string[]
  readonly files: readonly WrittenFile[]
  /** The snapshot the run was kept as. */
  readonly snapshot: RunRecord
}

const CURRENCY_SIGNS: Record<string, string> = {
  CNY: '¥',
  RMB: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  HKD: 'HK$',
}

async function defaultAsOf(engine: Engine): Promise<string> {
  const [r] = await engine.all(`SELECT CAST(max(date) AS VARCHAR) AS d FROM transactions`)
  if (r?.d === null || r?.d === undefined)
    throw new ClienteleError('USAGE', 'the store has no orders to analyse: import some first')
  return addDays(String(r.d), 1)
}

/** The sign of the orders' most common currency, for sentences (¥ for CNY or none). */
export async function currencySign(engine: Engine, orders = 'transactions'): Promise<string> {
  const [r] = await engine.all(
    `SELECT currency, count(*) AS n FROM ${engine.dialect.quoteIdentifier(orders)} WHERE currency IS NOT NULL GROUP BY currency ORDER BY n DESC LIMIT 1`,
  )
  return CURRENCY_SIGNS[String(r?.currency ?? 'CNY').toUpperCase()] ?? `${r?.currency} `
}

/** The indicator window as words in reasons: { zh: '近 365 天', en: 'in the last 365 days' }. */
export function windowWords(w: string): { zh: string; en: string } {
  const p = parseWindow(w)
  if (p.kind === 'all') return { zh: '累计', en: 'in total' }
  const zh = { d: '天', w: '周', m: '个月', y: '年' }[p.unit]
  const en = { d: 'day', w: 'week', m: 'month', y: 'year' }[p.unit]
  return {
    zh: `近 ${p.amount} ${zh}`,
    en: `in the last ${p.amount} ${en}${p.amount === 1 ? '' : 's'}`,
  }
}

function checkRules(frame: Frame, policy: Policy): void {
  const known = new Set<string>()
  const check = (r: Expr | undefined, path: string, value: string | undefined) =>
    r === undefined
      ? []
      : checkRule(r, frame, known).map((message) => ({
          code: 'POLICY_INVALID' as const,
          path,
          message,
          value,
        }))
  const value = frame.numbers.has(policy.value)
    ? []
    : [
        {
          code: 'POLICY_INVALID' as const,
          path: 'value',
          message: `unknown indicator ${policy.value}`,
          value: policy.value,
        },
      ]
  const issues = policy.tiers.flatMap((tier, t) => [
    ...check(policy.rules[t], `tiers.${t}.when`, tier.when),
    ...tier.actions.flatMap((a, j) =>
      check(policy.actionRules[t]![j], `tiers.${t}.actions.${j}.when`, a.when),
    ),
  ])
  if (value.length + issues.length > 0)
    throw new ClienteleError('POLICY_INVALID', `policy ${policy.id} does not fit the data`, {
      issues: [...value, ...issues],
    })
}

export async function analyze(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const policy = resolvePolicy(options.policy ?? 'rfm-cn8')
  return withStore(options.store, (engine) => runAnalysis(engine, policy, options))
}

export interface TieredStore {
  readonly asOf: string
  readonly window: string
  readonly frame: Frame
  readonly models: ModelDiagnostics
  readonly assignment: Assignment
  readonly shares: TierShare[]
}

/** Indicators, model features and tiers of every customer of the store, for one policy. */
export async function computeTiers(
  engine: Engine,
  policy: Policy,
  options: Pick<AnalyzeOptions, 'asOf' | 'window'>,
  progress: (event: { stage: string; detail?: string }) => void = () => undefined,
): Promise<TieredStore> {
  const asOf =
    options.asOf === undefined ? await defaultAsOf(engine) : isoDate(options.asOf, 'as-of date')
  const window = options.window ?? policy.window
  progress({ stage: 'indicators' })
  const q = compileIndicators(engine.dialect, { asOf, window })
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${INDICATORS_TABLE} AS ${q.sql}`)
  if (policy.models.clv) {
    const s = compileBtydSummary(engine.dialect, {
      calibrationEnd: addDays(asOf, -1),
      unit: 'week',
    })
    await engine.run(`CREATE OR REPLACE TEMP TABLE ${BTYD_TABLE} AS ${s.sql}`)
  }
  const frame = await loadFrame(engine, policy)
  if (frame.n === 0)
    throw new ClienteleError('USAGE', `no customers before ${asOf}: nothing to analyse`)
  progress({ stage: 'models' })
  const withRfm: Policy = policy.models.rfm
    ? policy
    : { ...policy, models: { ...policy.models, rfm: { bins: 5, center: 'mean' } } }
  const models = addModelFeatures(frame, withRfm)
  const cited = new Set<string>()
  for (const r of [...policy.rules, ...policy.actionRules.flat()])
    if (r) for (const c of columnsOf(r)) cited.add(c.endsWith('_pct') ? c.slice(0, -4) : c)
  addPercentiles(frame, [...cited, policy.value, 'recency_days', 'frequency', 'monetary', 'clv'])
  checkRules(frame, policy)

  progress({ stage: 'tiering' })
  const assignment = assignTiers(frame, policy)
  const value = frame.numbers.get(policy.value) ?? new Float64Array(frame.n)
  const shares = tierShares(assignment.tier, value, policy)
  return { asOf, window, frame, models, assignment, shares }
}

export const RUN_TABLE = 'analysis_run'

/** Keeps the latest run's result and policy in the store, for reports re-rendered later. */
async function saveRun(engine: Engine, result: AnalyzeResult, policy: Policy): Promise<void> {
  await engine.run(
    `CREATE OR REPLACE TABLE ${RUN_TABLE} (result VARCHAR, policy VARCHAR, created_at TIMESTAMP)`,
  )
  await engine.run(`INSERT INTO ${RUN_TABLE} VALUES ($result, $policy, now()::TIMESTAMP)`, {
    result: JSON.stringify(result),
    policy: JSON.stringify({ ...policy, rules: undefined, actionRules: undefined }),
  })
}

/**
 * Tiers every customer and writes the analysis and action tables; returns only summaries,
 * so the per-customer columns can be freed once it returns.
 */
async function tierAndWrite(
  engine: Engine,
  policy: Policy,
  options: AnalyzeOptions,
  lang: Lang,
  progress: (event: { stage: string; detail?: string }) => void,
) {
  const { asOf, window, frame, models, assignment, shares } = await computeTiers(
    engine,
    policy,
    options,
    progress,
  )
  const currency = options.currency ?? (await currencySign(engine))
  await writeTiers(engine, frame, assignment.tier)
  const needsInput = {
    kanoByTier: await kanoByTier(engine, asOf),
    peerCategories: await peerCategories(engine, asOf, lang === 'zh' ? '、' : ', ', frame.n),
  }
  const plan = planActions(frame, assignment.tier, policy, asOf, lang, policy.value)
  progress({ stage: 'impact' })
  const impact = criteriaImpact(frame, policy, assignment)

  progress({ stage: 'writing' })
  const makeAnalysisTable = await writeAnalysisTables(engine, {
    frame,
    policy,
    assignment,
    reasonOptions: { currency, window: windowWords(window) },
    needsInput,
    plan,
    lang,
  })
  const actions = {
    planned: plan.rows.status.filter((s) => s === 'planned').length,
    leftOut: plan.rows.status.filter((s) => s === 'left_out').length,
    owners: plan.owners,
  }
  const overlaps = assignment.overlaps
  return {
    asOf,
    window,
    customers: frame.n,
    models,
    shares,
    overlaps,
    impact,
    actions,
    currency,
    makeAnalysisTable,
  }
}

export async function runAnalysis(
  engine: Engine,
  basePolicy: Policy,
  options: AnalyzeOptions,
): Promise<AnalyzeResult> {
  const policy: Policy = options.capacity
    ? { ...basePolicy, capacity: { ...basePolicy.capacity, ...options.capacity } }
    : basePolicy
  const progress = options.onProgress ?? (() => undefined)
  const lang = options.lang ?? 'zh'
  if (engine.kind === 'clickhouse')
    throw new ClienteleError(
      'USAGE',
      `${engine.location} is a ClickHouse store: analyse it with analyzeCluster (the CLI's analyze does)`,
    )
  await ensureStore(engine)
  if (options.files && options.files.length > 0) {
    progress({ stage: 'importing' })
    const mapping = options.mapping === undefined ? undefined : loadMapping(options.mapping)
    const r = await importFiles(engine, options.files, {
      mapping,
      onProgress: (e) => progress({ stage: 'importing', detail: e.file }),
    })
    if (!r.ok)
      throw new ClienteleError(
        'INGEST_INVALID',
        'the files cannot be imported; nothing was analysed',
        { issues: r.issues, totalIssues: r.totalIssues },
      )
  }
  const { asOf, window, customers, models, shares, overlaps, impact, actions, currency, ...t } =
    await tierAndWrite(engine, policy, options, lang, progress)
  // The frame, the assignment and the plan are gone with tierAndWrite's scope: free them
  // before the analysis table's sort and the exports, where DuckDB needs the memory.
  await collectGarbage()
  await t.makeAnalysisTable()
  const warnings = [...models.warnings, ...shareWarnings(shares, policy)]
  const summary = {
    asOf,
    policy: policy.id,
    policyHash: policy.hash,
    customers,
    valueIndicator: policy.value,
    tiers: shares,
    warnings,
  }
  const written =
    options.formats?.length === 0
      ? { files: [], warnings: [] }
      : await writeAnalysis(engine, {
          table: ANALYSIS_TABLE,
          columns: await columnSpecs(engine),
          summary,
          outDir: options.outDir ?? 'clientele-out',
          lang,
          formats: options.formats ?? OUTPUT_FORMATS,
          actionsTable: ACTIONS_TABLE,
          sorted: true,
          onProgress: (e) =>
            progress({
              stage: 'writing',
              detail: `${e.stage}${e.rows === undefined ? '' : ` ${e.rows}`}`,
            }),
        })
  const snapshot = await trackRun(engine, {
    asOf,
    window,
    policy,
    followActions: options.followActions,
  })
  const result: AnalyzeResult = {
    asOf,
    window,
    policy: { id: policy.id, name: policy.name, hash: policy.hash },
    customers,
    valueIndicator: policy.value,
    tiers: shares,
    overlaps,
    impact,
    models,
    actions,
    warnings: [...warnings, ...written.warnings],
    files: written.files,
    snapshot,
  }
  const reported = await withHtmlReport(engine, result, policy, {
    formats: options.formats ?? OUTPUT_FORMATS,
    outDir: options.outDir ?? 'clientele-out',
    lang,
    currency,
  })
  await saveRun(engine, reported, policy)
  return reported
}
