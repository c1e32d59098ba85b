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

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/

/**
 * Measures `kpis` on the analysis `table` into the snapshot's KPI rows; returns a warning
 * for each KPI whose indicator the analysis does not hold as a number.
 */
export async function measureKpis(
  engine: Engine,
  table: string,
  snapshotId: number,
  kpis: readonly Kpi[],
): Promise<string[]> {
  const types = new Map(
    (await engine.all<{ column_name: string; column_type: string }>(`DESCRIBE ${table}`)).map(
      (c) => [c.column_name, c.column_type],
    ),
  )
  const d = engine.dialect
  const warnings: string[] = []
  for (const k of kpis) {
    const type = types.get(k.indicator)
    if (type === undefined || !NUMERIC.test(type)) {
      warnings.push(
        `KPI ${k.id} was not measured: ${type === undefined ? `the analysis has no column ${k.indicator}` : `${k.indicator} is not a number`} (check kpis in the policy)`,
      )
      continue
    }
    const x = `CAST(${d.quoteIdentifier(k.indicator)} AS DOUBLE)`
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
      `INSERT INTO ${SNAPSHOT_KPIS_TABLE}
       SELECT ${snapshotId}, ${d.quoteString(k.id)}, tier, value FROM (
         SELECT tier, ${agg} AS value FROM ${table} ${onlyTier} GROUP BY tier ${all}) AS k`,
    )
  }
  return warnings
}
