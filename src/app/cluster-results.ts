/**
 * The results of a cluster analysis: one row per customer (id, name, tier, segment, the
 * reasons, needs and actions built by `clusterDetails`, every indicator and the model
 * columns the policy produced) written to a fresh MergeTree table, the action plan, one row
 * per action, and the run's snapshot (`cluster-snapshot.ts`); all are put in place at the
 * very end, so a run that fails at any earlier point leaves the previous results and
 * snapshots whole. The snapshot's rows go first, into partitions no reader looks at until
 * its header exists; then the results, the plan and the snapshot header table are swapped
 * in together. On 18.16 (no EXCHANGE) one `RENAME TABLE` statement moves the three pairs;
 * where the database is Atomic (ClickHouse 20.10 and later) each pair is an `EXCHANGE
 * TABLES`, the plan's first, the snapshot header's last (ClickHouse exchanges several pairs
 * one after another in any case). Exports stream from the server to files.
 */
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import type { ClickHouseEngine } from '../engine/index.js'
import { INDICATORS } from '../indicators/index.js'
import { RFM_SEGMENTS } from '../models/index.js'
import type { OutputFormat, WrittenFile } from '../report/index.js'
import { FEATURE_LABELS, type ColumnKind, type Lang, type Policy } from '../tiering/index.js'
import { SNAPSHOTS_TABLE } from '../tracking/index.js'
import { ACTIONS_TABLE, ANALYSIS_TABLE } from './analysis-tables.js'
import type { ClusterRun } from './cluster-run.js'
import { placeSnapshotRows, type StagedSnapshot } from './cluster-snapshot.js'
import { TEXT_COLUMNS, type ClusterDetails } from './cluster-text.js'

/** The results table's columns, in order, from the columns the tiered table has. */
function resultColumns(kinds: ReadonlyMap<string, ColumnKind>, run: ClusterRun): string[] {
  const features = Object.keys(FEATURE_LABELS).filter((f) => kinds.has(f))
  const indicators = INDICATORS.map((i) => i.name).filter(
    (n) => n !== 'name' && !features.includes(n),
  )
  const pct = [...kinds.keys()].filter((c) => c.endsWith('_pct')).sort()
  return [...indicators, ...features, ...pct].map((c) => run.q(c))
}

/** Writes the fresh results table from the tiered working table and the details; returns it. */
export async function writeResults(
  run: ClusterRun,
  tiered: string,
  kinds: ReadonlyMap<string, ColumnKind>,
  policy: Policy,
  lang: Lang,
  details: ClusterDetails,
): Promise<string> {
  const d = run.engine.dialect
  const list = (xs: readonly string[]) => `[${xs.map((x) => d.quoteString(x)).join(', ')}]`
  const tierIds = list(policy.tiers.map((t) => t.id))
  const tierNames = list(policy.tiers.map((t) => t.name[lang]))
  const segment = `transform(rfm_segment, ${list(RFM_SEGMENTS.map((s) => s.id))}, ${list(RFM_SEGMENTS.map((s) => s[lang]))}, rfm_segment)`
  return run.create(
    'results',
    'customer_id',
    `SELECT customer_id, name, ${tierIds}[tier_index + 1] AS tier, ${tierNames}[tier_index + 1] AS tier_name,
      ${segment} AS segment, ${TEXT_COLUMNS.join(', ')}, ${resultColumns(kinds, run).join(', ')}
    FROM ${tiered} ALL LEFT JOIN ${details.text} USING (customer_id)`,
  )
}

/** Puts the fresh results, action plan and snapshot in place (see the module comment). */
export async function putInPlace(
  run: ClusterRun,
  fresh: { readonly results: string; readonly plan: string; readonly snapshot: StagedSnapshot },
): Promise<void> {
  await placeSnapshotRows(run, fresh.snapshot)
  await swapIn(run, [
    [fresh.plan, ACTIONS_TABLE],
    [fresh.results, ANALYSIS_TABLE],
    [fresh.snapshot.fresh.header, SNAPSHOTS_TABLE],
  ])
}

/** Puts each fresh table in place of its target, the last pair last (see the module comment). */
async function swapIn(run: ClusterRun, pairs: readonly (readonly [string, string])[]) {
  const e = run.engine
  const exists: boolean[] = []
  for (const [, target] of pairs) exists.push(await e.tableExists(target))
  if (await atomic(e)) {
    for (const [i, [fresh, target]] of pairs.entries()) {
      await e.run(
        exists[i]
          ? `EXCHANGE TABLES ${fresh} AND ${run.q(target)}`
          : `RENAME TABLE ${fresh} TO ${run.q(target)}`,
      )
    }
    return
  }
  const renames = pairs.flatMap(([fresh, target], i) => [
    ...(exists[i] ? [`${run.q(target)} TO ${run.reserve(`old_${i}`)}`] : []),
    `${fresh} TO ${run.q(target)}`,
  ])
  await e.run(`RENAME TABLE ${renames.join(', ')}`)
}

async function atomic(e: ClickHouseEngine): Promise<boolean> {
  const [r] = await e.all<{ engine: string }>(
    `SELECT engine FROM system.databases WHERE name = currentDatabase()`,
  )
  return r?.engine === 'Atomic'
}

/**
 * Streams the results table to `analysis.csv` (UTF-8 with BOM, as the DuckDB path writes
 * it) and `analysis.parquet` where the server has the format (19.x and later).
 */
export async function exportResults(
  e: ClickHouseEngine,
  policy: Policy,
  outDir: string,
  formats: readonly OutputFormat[],
  warnings: string[],
): Promise<WrittenFile[]> {
  mkdirSync(outDir, { recursive: true })
  // A searched CASE: 18.16 gives NULL on every row of `CASE tier WHEN … END` without ELSE.
  const order = policy.tiers.map((t, k) => `WHEN tier = ${e.dialect.quoteString(t.id)} THEN ${k}`)
  const sql = `SELECT * FROM ${e.dialect.quoteIdentifier(ANALYSIS_TABLE)}
    ORDER BY CASE ${order.join(' ')} END, monetary DESC, customer_id`
  const [{ n }] = (await e.all(`SELECT count() AS n FROM ${ANALYSIS_TABLE}`)) as [{ n: number }]
  const files: WrittenFile[] = []
  if (formats.includes('csv')) {
    const path = join(outDir, 'analysis.csv')
    await e.exportTo(sql, 'CSVWithNames', path, { prefix: '\ufeff' })
    files.push({ format: 'csv', path, rows: n })
  }
  if (formats.includes('parquet')) {
    const [{ has }] = (await e.all(
      `SELECT count() AS has FROM system.formats WHERE name = 'Parquet' AND is_output = 1`,
    )) as [{ has: number }]
    if (has > 0) {
      const path = join(outDir, 'analysis.parquet')
      await e.exportTo(sql, 'Parquet', path)
      files.push({ format: 'parquet', path, rows: n })
    } else {
      warnings.push(
        `analysis.parquet not written: ClickHouse ${await e.version()} has no Parquet output (19.x and later do); analysis.csv holds the same rows`,
      )
    }
  }
  const skipped = formats.filter((f) => f !== 'csv' && f !== 'parquet' && f !== 'json')
  if (skipped.length > 0) {
    warnings.push(
      `${skipped.join(', ')} not written: a ClickHouse analysis exports csv, parquet and the json summary only (the others need every customer in Node)`,
    )
  }
  return files
}
