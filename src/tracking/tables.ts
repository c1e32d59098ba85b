/**
 * The tracking tables of the store. Snapshots are immutable: rows are only ever inserted,
 * or deleted as a whole snapshot by an explicit `forget`. The action log is the one table
 * whose rows change, and only their state, note and closing date.
 */
import type { Engine } from '../engine/index.js'

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

const DDL = [
  `CREATE TABLE IF NOT EXISTS ${SNAPSHOTS_TABLE} (
    snapshot_id INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    as_of DATE NOT NULL,
    window_span VARCHAR NOT NULL,
    policy_id VARCHAR NOT NULL,
    policy_hash VARCHAR NOT NULL,
    policy VARCHAR NOT NULL,
    value_indicator VARCHAR NOT NULL,
    customers BIGINT NOT NULL,
    fingerprint VARCHAR NOT NULL,
    data VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS ${SNAPSHOT_CUSTOMERS_TABLE} (
    snapshot_id INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    tier VARCHAR NOT NULL,
    tier_rank INTEGER NOT NULL,
    segment VARCHAR,
    account_manager VARCHAR,
    first_purchase DATE,
    ${SNAPSHOT_INDICATORS.map((c) => `${c} DOUBLE`).join(',\n    ')},
    reason_zh VARCHAR,
    reason_en VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS ${SNAPSHOT_KPIS_TABLE} (
    snapshot_id INTEGER NOT NULL,
    kpi_id VARCHAR NOT NULL,
    tier VARCHAR NOT NULL,
    value DOUBLE
  )`,
  `CREATE TABLE IF NOT EXISTS ${ACTION_LOG_TABLE} (
    action_id INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    tier VARCHAR,
    action VARCHAR NOT NULL,
    text VARCHAR,
    owner VARCHAR,
    priority VARCHAR,
    due DATE NOT NULL,
    value_at_stake DOUBLE,
    state VARCHAR NOT NULL,
    note VARCHAR,
    snapshot_id INTEGER,
    opened_on DATE NOT NULL,
    closed_on DATE,
    updated_at TIMESTAMP NOT NULL
  )`,
]

/** Creates the tracking tables where missing (the canonical tables must exist). */
export async function ensureTrackingTables(engine: Engine): Promise<void> {
  for (const ddl of DDL) await engine.run(ddl)
}

/** Whether the store has tracking tables at all (a store never analysed has none). */
export async function hasTracking(engine: Engine): Promise<boolean> {
  return engine.tableExists(SNAPSHOTS_TABLE)
}
