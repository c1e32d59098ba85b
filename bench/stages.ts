/**
 * Where one analysis spends its time and memory, stage by stage:
 * `node --expose-gc --import tsx bench/stages.ts STORE [POLICY] [ORDERS.csv]` imports the
 * CSV into a fresh STORE first when given, then analyses STORE (Parquet and CSV out, under
 * the system's temporary directory) and prints, as each stage ends, its seconds, the peak RSS
 * during it, and the RSS, JS heap and external memory at its end. With
 * `CLIENTELE_TRACE_SQL=1` each SQL statement's time is printed between them.
 */
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyze, importData } from '../src/app/index.js'

const [store, policy = 'rfm-cn8', orders] = process.argv.slice(2)
if (store === undefined) {
  console.error('usage: bench/stages.ts STORE [POLICY] [ORDERS.csv]')
  process.exit(2)
}
const mb = (bytes: number) => Math.round(bytes / 1048576)
const start = performance.now()
let stage = 'start'
let stageStart = start
let peak = 0
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss)
}
const timer = setInterval(sample, 100)
/** Ends the current stage with a line, and starts `next`. */
const end = (next: string) => {
  sample()
  const now = performance.now()
  const m = process.memoryUsage()
  console.log(
    `${((now - start) / 1000).toFixed(1)} s  ${stage}: ${((now - stageStart) / 1000).toFixed(1)} s, peak ${mb(peak)} MB; ` +
      `then rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, external ${mb(m.external)} MB`,
  )
  stage = next
  stageStart = now
  peak = 0
}
if (orders !== undefined) {
  rmSync(store, { force: true })
  rmSync(`${store}.wal`, { force: true })
  stage = 'import'
  const r = await importData({ store, files: [orders], kind: 'transactions' })
  if (!r.ok) throw new Error(`the import failed: ${JSON.stringify(r.issues.slice(0, 3))}`)
  end('analysis')
}
await analyze({
  store,
  policy,
  outDir: join(tmpdir(), 'clientele-stages'),
  formats: ['parquet', 'csv'],
  lang: 'en',
  onProgress: (e) => end(`${e.stage}${e.detail === undefined ? '' : ` ${e.detail}`}`),
})
end('done')
clearInterval(timer)
console.log(`max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`)
