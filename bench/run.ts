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
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openEngine } from '../src/engine/index.js'
import { compileBtydSummary, recencySufficient, spendSufficient } from '../src/indicators/index.js'
import { importFiles } from '../src/ingest/index.js'
import { fitBgNbd, fitGammaGamma } from '../src/models/index.js'
import { API_CUSTOMERS, benchApi } from './api.js'
import { DATA, child, dataset, fmt, saveResults, time } from './lib.js'

const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const sizes = args.includes('--sizes')
  ? args[args.indexOf('--sizes') + 1]!.split(',').map(Number)
  : args.includes('--full')
    ? [1e5, 1e6, 1e7, 1e8]
    : [1e5, 1e6, 1e7]
const results: Record<string, unknown[]> = { import: [], fit: [], analyze: [], api: [] }

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
    ])
    const ours = Number(a.result.importSeconds) + Number(a.result.analyzeSeconds)
    console.log(
      `analyze ${fmt(orders, 0)} orders, ${fmt(Number(a.result.customers), 0)} customers, ${policy}: import ${fmt(Number(a.result.importSeconds))} s + analyze ${fmt(Number(a.result.analyzeSeconds))} s, peak ${fmt(a.peakMb, 0)} MB | bare load + aggregate ${fmt(refSeconds)} s | ratio ${fmt(ours / refSeconds)}× (analyze alone vs bare aggregate: ${fmt(Number(a.result.analyzeSeconds) / Number(bare.result.aggregateSeconds), 1)}×) | Excel writer on its own: ${fmt(Number(a.result.xlsxSeconds))} s, ${fmt(Number(a.result.xlsxRowsPerSecond), 0)} rows/s`,
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

console.log(
  only === 'api'
    ? `Clientele API benchmark (${fmt(API_CUSTOMERS, 0)} customers); data under ${DATA}`
    : `Clientele benchmarks (${sizes.map((s) => fmt(s, 0)).join(', ')} orders); data under ${DATA}`,
)
if (only !== 'api') {
  for (const n of sizes) {
    await dataset(n)
    if (!only || only === 'import') await benchImport(n)
    if (!only || only === 'fit') await benchFit(n)
    if (!only || only === 'analyze') benchAnalyze(n)
  }
}
if (!only || only === 'api') results.api = await benchApi()
console.log(
  `results: ${saveResults(new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-'), results)}`,
)
