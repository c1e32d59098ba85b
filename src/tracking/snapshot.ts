/**
 * Snapshots (SPEC §5): every analysis run kept with its as-of date, policy and hash, a
 * fingerprint of the data, per-customer results and KPIs. The per-customer rows are copied
 * from the analysis table inside the engine (`INSERT … SELECT`), never through JS objects.
 * The writing and reading SQL runs on DuckDB and on ClickHouse 18.16 alike. A DuckDB store
 * writes a snapshot into its tables in one transaction; ClickHouse has none, so a cluster
 * analysis writes it into fresh tables and puts them in place with its results
 * (`app/cluster-snapshot.ts`). Forgetting a snapshot deletes rows: DuckDB stores only.
 */
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import type { Policy } from '../tiering/index.js'
import { ensureCustomerTiersView } from './customer-tiers.js'
import { dataFingerprint, type DataParts } from './fingerprint.js'
import { DEFAULT_KPIS, measureKpis, type Kpi } from './kpis.js'
import {
  SNAPSHOTS_TABLE,
  SNAPSHOT_CUSTOMERS_TABLE,
  SNAPSHOT_INDICATORS,
  SNAPSHOT_KPIS_TABLE,
  ensureTrackingTables,
  hasTracking,
} from './tables.js'

export interface Bilingual {
  readonly zh: string
  readonly en: string
}

/** What a snapshot keeps of its policy: enough to name and order its tiers and KPIs. */
export interface SnapshotPolicy {
  readonly id: string
  readonly hash: string
  readonly name: Bilingual
  readonly value: string
  /** Best first: a move to an earlier tier is a move up. */
  readonly tiers: readonly { readonly id: string; readonly name: Bilingual }[]
  readonly kpis: readonly Kpi[]
}

export interface SnapshotInfo {
  readonly id: number
  readonly createdAt: string
  readonly asOf: string
  readonly window: string
  readonly policy: SnapshotPolicy
  readonly customers: number
  readonly fingerprint: string
  readonly data: DataParts
}

export interface SnapshotSource {
  /** The analysis table of the run, one row per customer. */
  readonly table: string
  readonly asOf: string
  readonly window: string
  readonly policy: Policy
  /** The orders table the run read; default `transactions`. */
  readonly orders?: string
}

/** The tables a snapshot is written to: the store's, or fresh ones put in place later. */
export interface SnapshotTables {
  readonly header: string
  readonly customers: string
  readonly kpis: string
}

/** The store's snapshot tables. */
export const STORE_SNAPSHOT_TABLES: SnapshotTables = {
  header: SNAPSHOTS_TABLE,
  customers: SNAPSHOT_CUSTOMERS_TABLE,
  kpis: SNAPSHOT_KPIS_TABLE,
}

/** Keeps the analysis in `source.table` as a new snapshot; returns it and KPI warnings. */
export async function createSnapshot(
  engine: Engine,
  source: SnapshotSource,
): Promise<{ snapshot: SnapshotInfo; warnings: string[] }> {
  await ensureTrackingTables(engine)
  await ensureCustomerTiersView(engine)
  return engine.transaction(async () => {
    const id = await nextSnapshotId(engine)
    const { warnings } = await writeSnapshot(engine, source, id, STORE_SNAPSHOT_TABLES)
    return { snapshot: (await loadSnapshot(engine, id))!, warnings }
  })
}

/**
 * Writes snapshot `id` of `source` into `into`: its header row, one row per customer (copied
 * inside the engine) and the KPIs. SQL that DuckDB and ClickHouse 18.16 both run.
 */
export async function writeSnapshot(
  engine: Engine,
  source: SnapshotSource,
  id: number,
  into: SnapshotTables,
): Promise<{ fingerprint: string; warnings: string[] }> {
  const { policy, table } = source
  const d = engine.dialect
  const { fingerprint, parts } = await dataFingerprint(engine, source.asOf, source.orders)
  const columns = new Set(Object.keys(await engine.columns(`SELECT * FROM ${table} LIMIT 0`)))
  const pick = (c: string, as = c) =>
    (columns.has(c) ? `${d.quoteIdentifier(c)}` : `NULL`) + ` AS ${as}`
  const kept: SnapshotPolicy = {
    id: policy.id,
    hash: policy.hash,
    name: policy.name,
    value: policy.value,
    tiers: policy.tiers.map((t) => ({ id: t.id, name: t.name })),
    kpis: policy.kpis ?? DEFAULT_KPIS,
  }
  const [count] = await engine.all(`SELECT count(*) AS n FROM ${table}`)
  await engine.run(
    `INSERT INTO ${into.header} SELECT $id, CAST(now() AS TIMESTAMP), CAST($asOf AS DATE), $window,
      $policyId, $policyHash, $policy, $value, $customers, $fingerprint, $data`,
    {
      id,
      asOf: source.asOf,
      window: source.window,
      policyId: policy.id,
      policyHash: policy.hash,
      policy: JSON.stringify(kept),
      value: policy.value,
      customers: Number(count?.n ?? 0),
      fingerprint,
      data: JSON.stringify(parts),
    },
  )
  // A searched CASE: 18.16 gives NULL on every row of `CASE tier WHEN … END` without ELSE.
  const rank = policy.tiers.map((t, k) => `WHEN tier = ${d.quoteString(t.id)} THEN ${k}`).join(' ')
  const segment = columns.has('rfm_segment') ? 'rfm_segment' : 'segment'
  await engine.run(
    `INSERT INTO ${into.customers}
     SELECT ${id}, customer_id, tier, CASE ${rank} END, ${pick(segment, 'segment')},
       ${pick('account_manager')}, ${pick('first_purchase')},
       ${SNAPSHOT_INDICATORS.map((c) => (c === 'value' ? pick(policy.value, 'value') : pick(c))).join(', ')},
       ${pick('reason_zh')}, ${pick('reason_en')}
     FROM ${table}`,
  )
  return { fingerprint, warnings: await measureKpis(engine, table, id, kept.kpis, into.kpis) }
}

async function nextSnapshotId(engine: Engine): Promise<number> {
  // Ids are never reused, even after a forget, so an id always names one snapshot.
  const [r] = await engine.all(
    `SELECT greatest(
       coalesce((SELECT max(CAST(value AS INTEGER)) FROM store_meta WHERE key = 'last_snapshot_id'), 0),
       coalesce((SELECT max(snapshot_id) FROM ${SNAPSHOTS_TABLE}), 0)) + 1 AS id`,
  )
  const id = Number(r?.id ?? 1)
  await engine.run(`DELETE FROM store_meta WHERE key = 'last_snapshot_id'`)
  await engine.run(`INSERT INTO store_meta VALUES ('last_snapshot_id', $id)`, { id: String(id) })
  return id
}

const selectInfo = (engine: Engine) =>
  `SELECT snapshot_id, ${engine.dialect.castText('created_at')} AS created_at,
    ${engine.dialect.castText('as_of')} AS as_of, window_span, policy, customers, fingerprint, data
  FROM ${SNAPSHOTS_TABLE}`

function toInfo(r: Record<string, unknown>): SnapshotInfo {
  return {
    id: Number(r.snapshot_id),
    createdAt: String(r.created_at).slice(0, 19),
    asOf: String(r.as_of),
    window: String(r.window_span),
    policy: JSON.parse(String(r.policy)) as SnapshotPolicy,
    customers: Number(r.customers),
    fingerprint: String(r.fingerprint),
    data: JSON.parse(String(r.data)) as DataParts,
  }
}

/** Every snapshot, oldest as-of date first (ties by id). */
export async function listSnapshots(engine: Engine): Promise<SnapshotInfo[]> {
  if (!(await hasTracking(engine))) return []
  return (await engine.all(`${selectInfo(engine)} ORDER BY as_of, snapshot_id`)).map(toInfo)
}

async function loadSnapshot(engine: Engine, id: number): Promise<SnapshotInfo | undefined> {
  const [r] = await engine.all(`${selectInfo(engine)} WHERE snapshot_id = $id`, { id })
  return r === undefined ? undefined : toInfo(r)
}

/**
 * A snapshot by id, or `latest` / `previous` (by as-of date, among the latest's policy).
 * @example await getSnapshot(engine, 'latest')
 */
export async function getSnapshot(engine: Engine, ref: string | number): Promise<SnapshotInfo> {
  const all = await listSnapshots(engine)
  if (all.length === 0)
    throw new ClienteleError(
      'SNAPSHOT_NOT_FOUND',
      'the store has no snapshots yet: run clientele analyze or clientele backfill first',
    )
  const latest = all[all.length - 1]!
  if (ref === 'latest') return latest
  if (ref === 'previous') {
    const same = all.filter((s) => s.policy.id === latest.policy.id)
    const previous = same[same.length - 2]
    if (previous === undefined)
      throw new ClienteleError(
        'SNAPSHOT_NOT_FOUND',
        `only one snapshot of policy ${latest.policy.id}: run clientele analyze --as-of an earlier date, or clientele backfill`,
      )
    return previous
  }
  const id = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : NaN
  const found = all.find((s) => s.id === id)
  if (found === undefined)
    throw new ClienteleError(
      'SNAPSHOT_NOT_FOUND',
      `no snapshot ${ref}: see clientele history for the snapshots in the store`,
    )
  return found
}

/** Removes one snapshot and everything kept with it; returns what it was. */
export async function forgetSnapshot(engine: Engine, ref: string | number): Promise<SnapshotInfo> {
  const s = await getSnapshot(engine, ref)
  await engine.transaction(async () => {
    for (const t of [SNAPSHOT_KPIS_TABLE, SNAPSHOT_CUSTOMERS_TABLE, SNAPSHOTS_TABLE])
      await engine.run(`DELETE FROM ${t} WHERE snapshot_id = $id`, { id: s.id })
  })
  return s
}
