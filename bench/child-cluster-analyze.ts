// One analysis of a ClickHouse store in its own process, so its peak memory is its own:
// the orders stay in the cluster; results are written back and streamed to analysis.csv.
import { analyzeCluster } from '../src/app/index.js'

const [store, policy, out] = process.argv.slice(2) as [string, string, string]
const t = performance.now()
const r = await analyzeCluster({ store, policy, outDir: out, formats: ['csv'], lang: 'en' })
const analyzeSeconds = (performance.now() - t) / 1000
const peakMb = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ analyzeSeconds, customers: r.customers, peakMb }))
