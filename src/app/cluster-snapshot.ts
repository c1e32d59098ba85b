/**
 * A cluster analysis kept as a snapshot (SPEC §5), as the DuckDB path keeps one: the header
 * row, one row per customer and the KPIs, written by the tracking layer's own SQL, the rows
 * by INSERT … SELECT inside the cluster. ClickHouse has no transactions, so the snapshot is
 * written into fresh tables and put in place with the results (`cluster-results.ts`): the
 * per-customer and KPI rows replace their snapshot's partition of the store's tables (one
 * atomic `REPLACE PARTITION` each), then the header table, rebuilt with the new row, is
 * swapped in by the same statement that swaps the results in. Readers find snapshots by
 * their header, so a run that fails leaves no snapshot and the previous results whole. Rows
 * a run put in place before failing at the swap are invisible, and the next run takes the
 * same id (the largest header id plus one) and replaces them, so none is ever doubled.
 */
import {
  STORE_SNAPSHOT_TABLES,
  ensureSnapshotTables,
  writeSnapshot,
  type SnapshotTables,
} from '../tracking/index.js'
import type { Policy } from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'
import type { RunRecord } from './track-run.js'

export interface StagedSnapshot {
  readonly record: RunRecord
  /** The fresh tables, each to put in place of its `STORE_SNAPSHOT_TABLES` namesake. */
  readonly fresh: SnapshotTables
}

/** Writes the snapshot of the fresh `results` table into fresh tables. */
export async function stageSnapshot(
  run: ClusterRun,
  results: string,
  source: { readonly asOf: string; readonly window: string; readonly policy: Policy },
): Promise<StagedSnapshot> {
  const e = run.engine
  await ensureSnapshotTables(e)
  const [r] = await e.all<{ id: number }>(
    `SELECT coalesce(max(snapshot_id), 0) + 1 AS id FROM ${run.q(STORE_SNAPSHOT_TABLES.header)}`,
  )
  const id = Number(r?.id)
  const fresh: SnapshotTables = {
    header: await run.like('snap_header', STORE_SNAPSHOT_TABLES.header),
    customers: await run.like('snap_customers', STORE_SNAPSHOT_TABLES.customers),
    kpis: await run.like('snap_kpis', STORE_SNAPSHOT_TABLES.kpis),
  }
  await e.run(`INSERT INTO ${fresh.header} SELECT * FROM ${run.q(STORE_SNAPSHOT_TABLES.header)}`)
  const written = await writeSnapshot(
    e,
    { ...source, table: results, orders: e.ordersTable },
    id,
    fresh,
  )
  return { record: { id, ...written, actions: null }, fresh }
}

/** Replaces the snapshot's partitions of the per-customer and KPI tables with its fresh rows. */
export async function placeSnapshotRows(run: ClusterRun, staged: StagedSnapshot): Promise<void> {
  for (const kind of ['customers', 'kpis'] as const) {
    await run.engine.run(
      `ALTER TABLE ${run.q(STORE_SNAPSHOT_TABLES[kind])} REPLACE PARTITION ${staged.record.id} FROM ${staged.fresh[kind]}`,
    )
  }
}
