/**
 * KPIs per tier (SPEC §5): each is an aggregate of one indicator over a tier's customers,
 * measured when a snapshot is taken and kept with it, so later policy or data changes do
 * not rewrite what was measured. Policies may list their own; these apply otherwise.
 */
import type { Engine } from '../engine/index.js'
import type { PolicySpec } from '../tiering/index.js'
import { SNAPSHOT_KPIS_TABLE } from './tables.js'

export type Kpi = NonNullable<PolicySpec['kpis']>[number]

/** Revenue share, satisfaction and campaign conversion per tier. */
export const DEFAULT_KPIS: readonly Kpi[] = [
  {
    id: 'revenue_share',
    name: { zh: '收入占比', en: 'revenue share' },
    indicator: 'monetary',
    aggregate: 'share',
  },
  {
    id: 'satisfaction',
    name: { zh: '平均满意度', en: 'mean satisfaction' },
    indicator: 'satisfaction_avg',
    aggregate: 'mean',
  },
  {
    id: 'conversion',
    name: { zh: '活动转化率', en: 'campaign conversion' },
    indicator: 'conversion_rate',
    aggregate: 'mean',
  },
]

/** The tier key of a KPI measured over every customer. */
export const ALL_TIERS = '*'

/**
 * Measures `kpis` on the analysis `table` into the snapshot's KPI rows of `into`; returns a
 * warning for each KPI whose indicator the analysis does not hold as a number.
 */
export async function measureKpis(
  engine: Engine,
  table: string,
  snapshotId: number,
  kpis: readonly Kpi[],
  into = SNAPSHOT_KPIS_TABLE,
): Promise<string[]> {
  const columns = await engine.columns(`SELECT * FROM ${table} LIMIT 0`)
  const d = engine.dialect
  const warnings: string[] = []
  for (const k of kpis) {
    const column = columns[k.indicator]
    if (!(column instanceof Float64Array)) {
      warnings.push(
        `KPI ${k.id} was not measured: ${column === undefined ? `the analysis has no column ${k.indicator}` : `${k.indicator} is not a number`} (check kpis in the policy)`,
      )
      continue
    }
    const x = d.castDouble(d.quoteIdentifier(k.indicator))
    const positive = `CASE WHEN ${x} > 0 THEN ${x} ELSE 0 END`
    const agg =
      k.aggregate === 'mean'
        ? `avg(${x})`
        : k.aggregate === 'sum'
          ? `sum(${x})`
          : `sum(${positive}) / nullif((SELECT sum(${positive}) FROM ${table}), 0)`
    const onlyTier = k.tier === undefined ? '' : `WHERE tier = ${d.quoteString(k.tier)}`
    const all =
      k.tier === undefined
        ? `UNION ALL SELECT ${d.quoteString(ALL_TIERS)}, ${agg} FROM ${table}`
        : ''
    await engine.run(
      `INSERT INTO ${into}
       SELECT ${snapshotId}, ${d.quoteString(k.id)}, tier, value FROM (
         SELECT tier, ${agg} AS value FROM ${table} ${onlyTier} GROUP BY tier ${all}) AS k`,
    )
  }
  return warnings
}
