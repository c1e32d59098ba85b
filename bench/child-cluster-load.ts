// Setup of the cluster benchmark, timed apart from the analysis: the canonical transactions
// of an imported DuckDB store written to CSV by DuckDB and streamed from the file into the
// cluster's Distributed table over HTTP (never held in Node). Prints rows and seconds.
import { createReadStream, rmSync } from 'node:fs'
import { request } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { ClickHouseEngine, ensureClusterSchema, openEngine } from '../src/engine/index.js'
import { TABLES } from '../src/schema/index.js'

const [store, csv, ...urls] = process.argv.slice(2) as [string, string, ...string[]]
const shards = await Promise.all(urls.map((u) => ClickHouseEngine.open(u)))
const entry = shards[0]!
await entry.ensureDatabase()
await ensureClusterSchema(entry, { cluster: 'clientele', shards })
const t = performance.now()
const duck = await openEngine(store)
const columns = [
  ...TABLES.transactions.map((f) =>
    f.type === 'date' ? `strftime(${f.name}, '%Y-%m-%d')` : f.name,
  ),
  'attributes',
  // The row identities are left empty: casting DuckDB's 128-bit keys to text takes minutes.
  "'' AS row_key",
  "'' AS row_hash",
  'import_id',
  'source_line',
]
await duck.run(
  `COPY (SELECT ${columns.join(', ')} FROM transactions) TO ${duck.dialect.quoteString(csv)} (FORMAT csv, HEADER false, NULLSTR '\\N')`,
)
await duck.close()
const e = entry.endpoint
const url = new URL(`http://${e.host}:${e.port}/`)
url.searchParams.set('database', e.database)
url.searchParams.set('insert_distributed_sync', '1')
url.searchParams.set('query', 'INSERT INTO transactions FORMAT CSV')
const copied = (performance.now() - t) / 1000
// node:http with the file piped in: fetch's streamed request bodies crawl at this size.
const answer = new Promise<string>((ok, fail) => {
  const req = request(url, { method: 'POST' }, (res) => {
    let text = ''
    res.on('data', (b: Buffer) => (text += b.toString()))
    res.on('end', () => (res.statusCode === 200 ? ok(text) : fail(new Error(text))))
  })
  req.on('error', fail)
  pipeline(createReadStream(csv), req).catch(fail)
})
await answer
// Merged now, as part of the setup, so background merges do not run during the analysis.
for (const shard of shards) await shard.run('OPTIMIZE TABLE transactions_local FINAL')
rmSync(csv, { force: true })
const loadSeconds = (performance.now() - t) / 1000
const [{ n }] = (await entry.all('SELECT count() AS n FROM transactions')) as [{ n: number }]
console.log(
  JSON.stringify({
    rows: n,
    loadSeconds,
    copySeconds: copied,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
)
