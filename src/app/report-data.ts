/**
 * Gathers the HTML report's {@link ReportData} from the store after an analysis: the run's result
 * and policy, and small aggregates over the analysis table, the action list and the orders, each
 * computed by the engine. Charts that the data cannot support get a note saying why instead.
 */
import type { Engine } from '../engine/index.js'
import { qualityReport } from '../ingest/index.js'
import type { Bilingual, ChartKey, ReportData, ReportModel } from '../report/index.js'
import { isClienteleError } from '../schema/index.js'
import type { Policy } from '../tiering/index.js'
import type { AnalyzeResult } from './analyze.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { btydCheck } from './report-btyd.js'
import { lifecycleData, paretoData, productMixData, profileData, rfmData } from './report-charts.js'
import { reportIndicators, reportModels } from './report-method.js'
import { migrationSinceLastSnapshot, shareTrends } from './report-migration.js'
import { ruleText } from './report-rules.js'
import { reportTiers } from './report-tiers.js'
import { channelData, labelText, potentialNote, potentialOf, valueMapData } from './report-value.js'

/** The latest analysis of a store: its result and the policy it ran. */
export interface AnalysisRun {
  readonly result: AnalyzeResult
  readonly policy: Policy
}

/** Notes shown in place of (or under) charts, by chart. */
export type Notes = Partial<Record<ChartKey, Bilingual>>

/**
 * The chart's data, or undefined with a note giving the model's reason when a model cannot use
 * these data (too few customers, no repeat buyers); errors of the engine are not caught.
 */
export async function orNote<T>(
  notes: Notes,
  key: ChartKey,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work()
  } catch (e) {
    if (!isClienteleError(e) || e.code.startsWith('ENGINE')) throw e
    notes[key] = {
      zh: `模型无法使用这些数据：${e.message}`,
      en: `The model cannot use these data: ${e.message}`,
    }
    return undefined
  }
}

/** The value map and the channels, which both need a potential measure. */
async function potentialCharts(
  engine: Engine,
  run: AnalysisRun,
  columns: ReadonlySet<string>,
  models: ReportModel[],
  notes: Notes,
) {
  const { policy } = run
  const potential = await potentialOf(engine, run.result.asOf, columns, models)
  const note = potentialNote(potential)
  if (note) notes.valueMap = note
  const valueMap =
    potential && (await valueMapData(engine, policy, labelText(policy.value), potential))
  const channels =
    columns.has('acquisition_channel') && potential?.isClv
      ? await channelData(engine, policy, potential)
      : undefined
  if (channels === undefined) {
    notes.channels = potential?.isClv
      ? { zh: '客户档案中没有获客渠道。', en: 'The customer records have no acquisition channel.' }
      : { zh: '无法估算 CLV。', en: 'CLV could not be estimated.' }
  } else if (!channels.channels.some((c) => c.acquisitionCost !== undefined)) {
    notes.channels = {
      zh: '没有客户首次购买当天及之前的营销活动成本，无法计算 CLV ÷ 获客成本。',
      en: 'No campaign costs up to customers’ first purchases are recorded, so CLV ÷ acquisition cost is not shown.',
    }
  }
  return { valueMap, channels }
}

export async function gatherReportData(
  engine: Engine,
  run: AnalysisRun,
  currency: string,
): Promise<ReportData> {
  const { result, policy } = run
  const described = await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)
  const columns = new Set(described.map((c) => c.column_name))
  const notes: Notes = {}
  const models = reportModels(policy, result.models)
  const value = labelText(policy.value)
  const { valueMap, channels } = await potentialCharts(engine, run, columns, models, notes)

  const pareto = await paretoData(engine, policy.value, policy.models.abc?.thresholds ?? [0.7, 0.9])
  if (pareto === undefined)
    notes.pareto = { zh: '所有客户的价值都为零。', en: 'Every customer’s value is zero.' }
  const rfm = columns.has('r_score') ? await rfmData(engine) : undefined
  const lifecycle = await orNote(notes, 'lifecycle', () =>
    lifecycleData(engine, columns, policy.models.lifecycle?.newWithinDays),
  )
  const profile = await profileData(engine, policy, columns)
  const productMix = await productMixData(engine, policy, result.asOf, result.window)
  if (productMix === undefined)
    notes.productMix = { zh: '订单中没有品类信息。', en: 'The orders carry no product category.' }
  const btyd = (await orNote(notes, 'btydFit', () => btydCheck(engine, result.asOf))) ?? {}
  if (btyd.note) notes.btydFit = btyd.note
  const migration = await migrationSinceLastSnapshot(engine, { asOf: result.asOf, policy })
  const trends = await shareTrends(engine, { asOf: result.asOf, policy })

  const tiers = await reportTiers(engine, policy, result.tiers, currency)
  const quality = await qualityReport(engine)
  return {
    asOf: result.asOf,
    window: result.window,
    currency,
    policy: {
      id: policy.id,
      name: policy.name,
      ...(policy.description && { description: policy.description }),
      hash: policy.hash,
    },
    value: { name: policy.value, label: value },
    customers: result.customers,
    totalValue: result.tiers.reduce((a, t) => a + t.value, 0),
    tiers,
    modelWarnings: result.models.warnings,
    charts: {
      ...(pareto && { pareto }),
      ...(rfm && rfm.cells.length > 0 && { rfm }),
      ...(valueMap && { valueMap }),
      ...(lifecycle && lifecycle.stages.length > 0 && { lifecycle }),
      ...(profile && { profile }),
      ...(channels && { channels }),
      ...(productMix && { productMix }),
      ...(btyd.chart && { btydFit: btyd.chart }),
      ...(migration && { migration }),
    },
    chartNotes: notes,
    ...(trends && { trends }),
    impact: result.impact.map((i) => {
      const text = ruleText(i.criterion, currency)
      return { ...i, ...(text && { criterionText: text }) }
    }),
    quality: { tables: quality.tables, findings: quality.findings },
    method: {
      models,
      ...(btyd.fit && { fit: btyd.fit }),
      indicators: reportIndicators(policy, profile?.indicators.map((i) => i.name) ?? []),
    },
  }
}
