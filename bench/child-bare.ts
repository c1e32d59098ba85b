// The reference: a bare DuckDB load of the same CSV, and a bare per-customer aggregation
// (count, sum, max date) over the loaded table — what any tool must at least do.
import { rmSync } from 'node:fs'
import { openEngine } from '../src/engine/index.js'

const [orders, store] = process.argv.slice(2) as [string, string]
rmSync(store, { force: true })
rmSync(`${store}.wal`, { force: true })
const engine = await openEngine(store)
let t = performance.now()
await engine.run(
  `CREATE TABLE orders AS SELECT * FROM read_csv(${engine.dialect.quoteString(orders)})`,
)
const loadSeconds = (performance.now() - t) / 1000
const [{ n }] = (await engine.all('SELECT count(*) AS n FROM orders')) as [{ n: number }]
t = performance.now()
await engine.run(
  `CREATE TEMP TABLE agg AS SELECT customer_id, count(*) AS orders, sum(amount) AS amount, max(order_date) AS last FROM orders GROUP BY customer_id`,
)
const aggregateSeconds = (performance.now() - t) / 1000
await engine.close()
console.log(
  JSON.stringify({
    rows: n,
    loadSeconds,
    aggregateSeconds,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
)
