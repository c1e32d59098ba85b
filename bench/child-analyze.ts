// One analysis in its own process, so its peak memory is its own: imports the orders file
// into a fresh store, then runs the main job; prints timings and peak RSS as JSON.
import { rmSync } from 'node:fs'
import { analyze, importData } from '../src/app/index.js'

const [orders, store, policy, out] = process.argv.slice(2) as [string, string, string, string]
rmSync(store, { force: true })
rmSync(`${store}.wal`, { force: true })
let t = performance.now()
const imported = await importData({ store, files: [orders], kind: 'transactions' })
if (!imported.ok) throw new Error(JSON.stringify(imported.issues))
const importSeconds = (performance.now() - t) / 1000
t = performance.now()
const r = await analyze({ store, policy, outDir: out, formats: ['parquet', 'csv'], lang: 'en' })
const analyzeSeconds = (performance.now() - t) / 1000
const peakMb = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ importSeconds, analyzeSeconds, customers: r.customers, peakMb }))
