/**
 * `npm run bench [-- --only import|fit|analyze|api] [-- --full]`: import, model fitting and the
 * main job on generated data, each beside a reference measured in the same run:
 * - import: rows/s of `clientele import` against a bare DuckDB `read_csv` load of the file;
 * - fit: the SQL summary step and BG/NBD and Gamma-Gamma fits against customers and
 *   distinct summary rows;
 * - analyze: the main job (rfm-cn8 and b2b4, Parquet and CSV out) against a bare
 *   per-customer aggregation, with the peak memory of the process; then the Excel writer
 *   on its own over the same analysis table, in rows per second.
 * - api: latency and requests/s of the customer list of `clientele serve` over 10^6
 *   analysed customers against `GET /api/health` (`bench/api.ts`).
 * Sizes: 10^5, 10^6 and 10^7 orders; `--full` adds 10^8; `--sizes 1e5,1e6` picks. Results go
 * to bench/results/.
 *
 * `npm run bench -- --scale`: the main job at 10^6 and 10^7 orders (10^8 with `--full`) on
 * DuckDB and on a two-shard ClickHouse cluster on loopback, each beside a bare aggregation
 * (count, sum, max date per customer) on the same engine in the same run; loading the orders
 * into the cluster is setup, timed apart. Wall time, rows per second, peak RSS of the Node
 * process that analyses.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ClickHouseEngine, openEngine } from '../src/engine/index.js'
import { compileBtydSummary, recencySufficient, spendSufficient } from '../src/indicators/index.js'
import { importFiles } from '../src/ingest/index.js'
import { fitBgNbd, fitGammaGamma } from '../src/models/index.js'
import { API_CUSTOMERS, benchApi } from './api.js'
import { DATA, ROOT, child, dataset, fmt, saveResults, time } from './lib.js'

const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const sizes = args.includes('--sizes')
  ? args[args.indexOf('--sizes') + 1]!.split(',').map(Number)
  : args.includes('--full')
    ? [1e5, 1e6, 1e7, 1e8]
    : [1e5, 1e6, 1e7]
const scale = args.includes('--scale')
const results: Record<string, unknown[]> = {
  import: [],
  fit: [],
  analyze: [],
  api: [],
  scale: [],
}

async function benchImport(orders: number) {
  const d = await dataset(orders)
  const bare = child('child-bare.ts', [d.orders, join(DATA, 'bare.duckdb')])
  const store = join(DATA, 'import.duckdb')
  rmSync(store, { force: true })
  rmSync(`${store}.wal`, { force: true })
  const engine = await openEngine(store)
  const r = await time(() => importFiles(engine, [d.orders], { kind: 'transactions' }))
  await engine.close()
  const rows = Number(bare.result.rows)
  const ours = rows / r.seconds
  const ref = rows / Number(bare.result.loadSeconds)
  console.log(
    `import ${fmt(rows, 0)} rows: clientele ${fmt(r.seconds)} s (${fmt(ours, 0)} rows/s) | bare read_csv ${fmt(Number(bare.result.loadSeconds))} s (${fmt(ref, 0)} rows/s) | ratio ${fmt(r.seconds / Number(bare.result.loadSeconds))}×`,
  )
  results.import!.push({
    rows,
    seconds: r.seconds,
    rowsPerSecond: ours,
    bareSeconds: bare.result.loadSeconds,
    ratio: r.seconds / Number(bare.result.loadSeconds),
  })
}

async function benchFit(orders: number) {
  const d = await dataset(orders)
  const engine = await openEngine(':memory:')
  const imported = await importFiles(engine, [d.orders], { kind: 'transactions' })
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues))
  const q = compileBtydSummary(engine.dialect, { calibrationEnd: '2025-12-31', unit: 'week' })
  const sql = await time(async () => ({
    r: await recencySufficient(engine, q),
    s: await spendSufficient(engine, q),
  }))
  await engine.close()
  const { r, s } = sql.value
  const customers = r.weight.reduce((a, b) => a + b, 0)
  const bg = await time(async () => fitBgNbd(r))
  const gg = await time(async () => fitGammaGamma(s))
  console.log(
    `fit ${fmt(customers, 0)} customers: SQL summary ${fmt(sql.seconds)} s → ${fmt(r.x.length, 0)} distinct (x, t_x, T) rows, ${fmt(s.x.length, 0)} (x, zbar) rows | BG/NBD ${fmt(bg.seconds)} s (${bg.value.iterations} it.) | Gamma-Gamma ${fmt(gg.seconds)} s | fit/summary ${fmt((bg.seconds + gg.seconds) / sql.seconds)}×`,
  )
  results.fit!.push({
    customers,
    summarySeconds: sql.seconds,
    distinctRows: r.x.length,
    spendRows: s.x.length,
    bgnbdSeconds: bg.seconds,
    ggSeconds: gg.seconds,
    params: bg.value.params,
  })
}

function benchAnalyze(orders: number) {
  const dir = join(DATA, `orders-${orders}`)
  const bare = child('child-bare.ts', [join(dir, 'orders.csv'), join(DATA, 'bare.duckdb')])
  const refSeconds = Number(bare.result.loadSeconds) + Number(bare.result.aggregateSeconds)
  for (const policy of ['rfm-cn8', 'b2b4']) {
    const a = child('child-analyze.ts', [
      join(dir, 'orders.csv'),
      join(DATA, 'analyze.duckdb'),
      policy,
      join(DATA, 'out'),
      ...(orders <= 1e7 ? ['excel'] : []),
    ])
    const ours = Number(a.result.importSeconds) + Number(a.result.analyzeSeconds)
    console.log(
      `analyze ${fmt(orders, 0)} orders, ${fmt(Number(a.result.customers), 0)} customers, ${policy}: import ${fmt(Number(a.result.importSeconds))} s + analyze ${fmt(Number(a.result.analyzeSeconds))} s, peak ${fmt(a.peakMb, 0)} MB | bare load + aggregate ${fmt(refSeconds)} s | ratio ${fmt(ours / refSeconds)}× (analyze alone vs bare aggregate: ${fmt(Number(a.result.analyzeSeconds) / Number(bare.result.aggregateSeconds), 1)}×)${a.result.xlsxSeconds === undefined ? '' : ` | Excel writer on its own: ${fmt(Number(a.result.xlsxSeconds))} s, ${fmt(Number(a.result.xlsxRowsPerSecond), 0)} rows/s`}`,
    )
    results.analyze!.push({
      orders,
      policy,
      ...a.result,
      bareLoadSeconds: bare.result.loadSeconds,
      bareAggregateSeconds: bare.result.aggregateSeconds,
      ratio: ours / refSeconds,
    })
  }
}

const CLUSTER_SCRIPT = join(ROOT, 'scripts', 'clickhouse-cluster.mjs')
const SCALE_POLICIES = ['rfm-cn8', 'value-potential']

/** The bare per-customer aggregation on the cluster, kept in a table as DuckDB's bare one is. */
async function clusterBare(url: string): Promise<number> {
  const e = await ClickHouseEngine.open(url)
  await e.run('DROP TABLE IF EXISTS bench_bare')
  const r = await time(() =>
    e.run(`CREATE TABLE bench_bare ENGINE = MergeTree ORDER BY customer_id AS
      SELECT customer_id, count() AS orders, sum(amount) AS amount, max(date) AS last
      FROM transactions GROUP BY customer_id`),
  )
  await e.run('DROP TABLE bench_bare')
  return r.seconds
}

async function benchScale(orders: number) {
  const d = await dataset(orders)
  const bare = child('child-bare.ts', [d.orders, join(DATA, 'bare.duckdb')])
  const duckBare = Number(bare.result.aggregateSeconds)
  const store = join(DATA, 'analyze.duckdb')
  const duck: Record<string, Record<string, unknown>> = {}
  for (const policy of SCALE_POLICIES)
    duck[policy] = child('child-analyze.ts', [d.orders, store, policy, join(DATA, 'out')]).result
  // 10^7 orders make per-customer arrays of dates larger than the tests' 2 GB per query.
  const started = spawnSync(process.execPath, [CLUSTER_SCRIPT, 'start'], {
    encoding: 'utf8',
    env: { ...process.env, CLICKHOUSE_MAX_MEMORY: String(8e9) },
  })
  if (started.status !== 0)
    throw new Error(`cannot start the ClickHouse cluster: ${started.stderr}`)
  const cluster = JSON.parse(started.stdout) as { dir: string; shards: { http: number }[] }
  try {
    const urls = cluster.shards.map((s) => `clickhouse://127.0.0.1:${s.http}/bench`)
    const load = child('child-cluster-load.ts', [store, join(DATA, 'orders.ch.csv'), ...urls])
    const rows = Number(load.result.rows)
    const chBare = await clusterBare(urls[0]!)
    for (const policy of SCALE_POLICIES) {
      const c = child('child-cluster-analyze.ts', [urls[0]!, policy, join(DATA, 'out-ch')])
      const dk = duck[policy]!
      const [dSec, cSec] = [Number(dk.analyzeSeconds), Number(c.result.analyzeSeconds)]
      console.log(
        `scale ${fmt(rows, 0)} orders, ${fmt(Number(c.result.customers), 0)} customers, ${policy}:\n` +
          `  duckdb      analyze ${fmt(dSec)} s (${fmt(rows / dSec, 0)} rows/s), peak ${fmt(Number(dk.peakMb), 0)} MB | bare aggregate ${fmt(duckBare, 3)} s | ratio ${fmt(dSec / duckBare, 1)}×\n` +
          `  clickhouse  analyze ${fmt(cSec)} s (${fmt(rows / cSec, 0)} rows/s), peak ${fmt(c.peakMb, 0)} MB | bare aggregate ${fmt(chBare, 3)} s | ratio ${fmt(cSec / chBare, 1)}× (setup: load ${fmt(Number(load.result.loadSeconds))} s)`,
      )
      results.scale!.push({
        orders: rows,
        customers: c.result.customers,
        policy,
        duckdb: { ...dk, bareAggregateSeconds: duckBare, ratio: dSec / duckBare },
        clickhouse: {
          ...c.result,
          loadSeconds: load.result.loadSeconds,
          bareAggregateSeconds: chBare,
          ratio: cSec / chBare,
        },
      })
    }
  } finally {
    spawnSync(process.execPath, [CLUSTER_SCRIPT, 'stop', cluster.dir])
  }
}

if (scale) {
  const scaleSizes = args.includes('--sizes')
    ? sizes
    : args.includes('--full')
      ? [1e6, 1e7, 1e8]
      : [1e6, 1e7]
  console.log(`Clientele scale benchmark (${scaleSizes.map((n) => fmt(n, 0)).join(', ')} orders)`)
  if (!scaleSizes.includes(1e8)) console.log('  (10^8 orders skipped: add --full to run it)')
  for (const n of scaleSizes) await benchScale(n)
} else if (only === 'api') {
  console.log(`Clientele API benchmark (${fmt(API_CUSTOMERS, 0)} customers); data under ${DATA}`)
} else {
  console.log(
    `Clientele benchmarks (${sizes.map((s) => fmt(s, 0)).join(', ')} orders); data under ${DATA}`,
  )
  for (const n of sizes) {
    await dataset(n)
    if (!only || only === 'import') await benchImport(n)
    if (!only || only === 'fit') await benchFit(n)
    if (!only || only === 'analyze') benchAnalyze(n)
  }
}
if (!scale && (!only || only === 'api')) results.api = await benchApi()
console.log(
  `results: ${saveResults(new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-'), results)}`,
)
