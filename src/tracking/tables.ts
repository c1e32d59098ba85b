/**
 * The tracking tables of the store. Snapshots are immutable: rows are only ever inserted,
 * or deleted as a whole snapshot by an explicit `forget`. The action log is the one table
 * whose rows change, and only their state, note and closing date. The columns are declared
 * once and written as each engine's DDL by its dialect; on ClickHouse the per-customer and
 * KPI rows are partitioned by snapshot, so a whole snapshot's rows can be put in place at once.
 */
import type { ColumnSpec, Engine, TableLayout } from '../engine/index.js'

export const SNAPSHOTS_TABLE = 'snapshots'
export const SNAPSHOT_CUSTOMERS_TABLE = 'snapshot_customers'
export const SNAPSHOT_KPIS_TABLE = 'snapshot_kpis'
export const ACTION_LOG_TABLE = 'action_log'
/** Per customer: current and previous tier and the date of the last change. */
export const CUSTOMER_TIERS_VIEW = 'customer_tiers'

/** The per-customer results a snapshot keeps, beside id, tier and reasons. */
export const SNAPSHOT_INDICATORS = [
  'recency_days',
  'frequency',
  'monetary',
  'profit',
  'value',
  'score',
  'clv',
  'p_alive',
  'churn_risk',
] as const
export type SnapshotIndicator = (typeof SNAPSHOT_INDICATORS)[number]

interface TableSpec {
  readonly name: string
  readonly columns: readonly ColumnSpec[]
  readonly layout: TableLayout
}

const col = (name: string, type: ColumnSpec['type'], notNull = false): ColumnSpec => ({
  name,
  type,
  notNull,
})

const BY_SNAPSHOT = 'snapshot_id'

/** The snapshot tables: one row per snapshot, per customer of it, per KPI and tier of it. */
const SNAPSHOT_TABLES: readonly TableSpec[] = [
  {
    name: SNAPSHOTS_TABLE,
    columns: [
      col('snapshot_id', 'integer', true),
      col('created_at', 'timestamp', true),
      col('as_of', 'date', true),
      col('window_span', 'text', true),
      col('policy_id', 'text', true),
      col('policy_hash', 'text', true),
      col('policy', 'text', true),
      col('value_indicator', 'text', true),
      col('customers', 'bigint', true),
      col('fingerprint', 'text', true),
      col('data', 'text', true),
    ],
    layout: { orderBy: ['snapshot_id'] },
  },
  {
    name: SNAPSHOT_CUSTOMERS_TABLE,
    columns: [
      col('snapshot_id', 'integer', true),
      col('customer_id', 'text', true),
      col('tier', 'text', true),
      col('tier_rank', 'integer', true),
      col('segment', 'text'),
      col('account_manager', 'text'),
      col('first_purchase', 'date'),
      ...SNAPSHOT_INDICATORS.map((c) => col(c, 'double')),
      col('reason_zh', 'text'),
      col('reason_en', 'text'),
    ],
    layout: { orderBy: ['customer_id'], partitionBy: BY_SNAPSHOT },
  },
  {
    name: SNAPSHOT_KPIS_TABLE,
    columns: [
      col('snapshot_id', 'integer', true),
      col('kpi_id', 'text', true),
      col('tier', 'text', true),
      col('value', 'double'),
    ],
    layout: { orderBy: ['kpi_id', 'tier'], partitionBy: BY_SNAPSHOT },
  },
]

const ACTION_LOG: TableSpec = {
  name: ACTION_LOG_TABLE,
  columns: [
    col('action_id', 'integer', true),
    col('customer_id', 'text', true),
    col('tier', 'text'),
    col('action', 'text', true),
    col('text', 'text'),
    col('owner', 'text'),
    col('priority', 'text'),
    col('due', 'date', true),
    col('value_at_stake', 'double'),
    col('state', 'text', true),
    col('note', 'text'),
    col('snapshot_id', 'integer'),
    col('opened_on', 'date', true),
    col('closed_on', 'date'),
    col('updated_at', 'timestamp', true),
  ],
  layout: { orderBy: ['action_id'] },
}

async function ensure(engine: Engine, tables: readonly TableSpec[]): Promise<void> {
  for (const t of tables) await engine.run(engine.dialect.createTable(t.name, t.columns, t.layout))
}

/** Creates the snapshot tables where missing: all a ClickHouse store keeps. */
export async function ensureSnapshotTables(engine: Engine): Promise<void> {
  await ensure(engine, SNAPSHOT_TABLES)
}

/** Creates the snapshot tables and the action log where missing (the canonical tables must exist). */
export async function ensureTrackingTables(engine: Engine): Promise<void> {
  await ensure(engine, [...SNAPSHOT_TABLES, ACTION_LOG])
}

/** Whether the store has tracking tables at all (a store never analysed has none). */
export async function hasTracking(engine: Engine): Promise<boolean> {
  return engine.tableExists(SNAPSHOTS_TABLE)
}
