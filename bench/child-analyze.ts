// One analysis in its own process, so its peak memory is its own: imports the orders file
// into a fresh store, then runs the main job (Parquet and CSV out); prints timings and peak
// RSS as JSON; with `excel`, the Excel writer is then timed on its own over the same table.
import { rmSync } from 'node:fs'
import { analyze, importData } from '../src/app/index.js'
import { ACTIONS_TABLE, ANALYSIS_TABLE, columnSpecs } from '../src/app/analysis-tables.js'
import { openEngine } from '../src/engine/index.js'
import { writeAnalysis } from '../src/report/index.js'

const [orders, store, policy, out, excel] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string | undefined,
]
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
// The Excel writer on its own, when asked (`excel`; up to 10^7 orders: past that it takes minutes).
const xlsx = excel === 'excel' ? await timeExcel() : undefined
console.log(
  JSON.stringify({
    importSeconds,
    analyzeSeconds,
    customers: r.customers,
    peakMb,
    ...xlsx,
  }),
)

async function timeExcel() {
  const engine = await openEngine(store)
  const t = performance.now()
  const written = await writeAnalysis(engine, {
    table: ANALYSIS_TABLE,
    columns: await columnSpecs(engine),
    summary: {
      asOf: r.asOf,
      policy: r.policy.id,
      policyHash: r.policy.hash,
      customers: r.customers,
      valueIndicator: r.valueIndicator,
      tiers: r.tiers,
      warnings: r.warnings,
    },
    outDir: out,
    lang: 'en',
    formats: ['xlsx'],
    actionsTable: ACTIONS_TABLE,
  })
  const xlsxSeconds = (performance.now() - t) / 1000
  await engine.close()
  return {
    xlsxSeconds,
    xlsxRowsPerSecond: r.customers / xlsxSeconds,
    xlsxWarnings: written.warnings,
  }
}
