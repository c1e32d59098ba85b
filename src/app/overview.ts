/**
 * The dashboard's overview charts of the latest analysis, from the same aggregates as the HTML
 * report: the value map binned in the engine (the report's percentile ranks and quadrants, never
 * one row per customer; recency stands in for a CLV the policy lacks, which the report would
 * estimate at length) and customers per lifecycle stage and tier. Charts the data cannot support
 * get a note instead.
 */
import type { Engine } from '../engine/index.js'
import type { Bilingual } from '../report/index.js'
import { ANALYSIS_TABLE } from './analysis-tables.js'
import { lifecycleTierData, type LifecycleTierData } from './report-charts.js'
import { orNote, type AnalysisRun, type Notes } from './report-data.js'
import {
  labelText,
  potentialNote,
  quickPotential,
  valueMapBins,
  type ValueMapBins,
} from './report-value.js'

export interface OverviewData {
  /** The policy's tiers in its order, best first. */
  readonly tiers: readonly { readonly id: string; readonly name: Bilingual }[]
  readonly valueMap: ValueMapBins | null
  readonly lifecycle: LifecycleTierData | null
  /** Why a chart is missing, or what its axes are when the policy has no CLV. */
  readonly notes: { readonly valueMap?: Bilingual; readonly lifecycle?: Bilingual }
}

/**
 * The value map and lifecycle stages of the store's latest analysis, over all its customers.
 * @example const { valueMap, lifecycle } = await overviewData(engine, await loadRun(engine))
 */
export async function overviewData(engine: Engine, run: AnalysisRun): Promise<OverviewData> {
  const { policy } = run
  const described = await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)
  const columns = new Set(described.map((c) => c.column_name))
  const notes: Notes = {}
  const potential = quickPotential(columns)
  const note = potentialNote(potential)
  if (note) notes.valueMap = note
  const valueMap =
    potential && (await valueMapBins(engine, policy, labelText(policy.value), potential))
  if (potential && valueMap === undefined)
    notes.valueMap = {
      zh: '没有客户同时具有价值与潜力指标。',
      en: 'No customer has both a value and a potential measure.',
    }
  const lifecycle = await orNote(notes, 'lifecycle', () =>
    lifecycleTierData(engine, columns, policy.models.lifecycle?.newWithinDays),
  )
  if (lifecycle?.stages.length === 0)
    notes.lifecycle = {
      zh: '没有客户有购买记录，无法划分生命周期。',
      en: 'No customer has a purchase to place in the lifecycle.',
    }
  return {
    tiers: policy.tiers.map((t) => ({ id: t.id, name: t.name })),
    valueMap: valueMap ?? null,
    lifecycle: lifecycle && lifecycle.stages.length > 0 ? lifecycle : null,
    notes: {
      ...(notes.valueMap && { valueMap: notes.valueMap }),
      ...(notes.lifecycle && { lifecycle: notes.lifecycle }),
    },
  }
}
