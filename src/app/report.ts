/**
 * The `report` use case: re-render `report.html` from a store's latest analysis (its result
 * and policy are kept in the store by `analyze`), in either language.
 */
import type { Engine } from '../engine/index.js'
import type { Lang, WrittenFile } from '../report/index.js'
import { ClienteleError } from '../schema/index.js'
import { parsePolicy } from '../tiering/index.js'
import { RUN_TABLE, type AnalyzeResult } from './analyze.js'
import type { AnalysisRun } from './report-data.js'
import { REPORT_FILE, writeReport } from './report-write.js'
import { withStore } from './store.js'

export interface BuildReportOptions {
  readonly store?: string
  /** The file to write; default `clientele-out/report.html`. */
  readonly out?: string
  readonly lang?: Lang
  /** Currency sign for amounts; default from the orders' currency (¥ for CNY or none). */
  readonly currency?: string
}

const SIGNS: Readonly<Record<string, string>> = {
  CNY: '¥',
  RMB: '¥',
  JPY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  HKD: 'HK$',
}

async function currencyOf(engine: Engine): Promise<string> {
  const [r] = await engine.all(
    `SELECT currency, count(*) AS n FROM transactions WHERE currency IS NOT NULL GROUP BY currency ORDER BY n DESC LIMIT 1`,
  )
  const code = String(r?.currency ?? 'CNY').toUpperCase()
  return SIGNS[code] ?? `${code} `
}

/** The latest analysis kept in the store. */
export async function loadRun(engine: Engine): Promise<AnalysisRun> {
  const missing = new ClienteleError(
    'USAGE',
    `the store ${engine.location} has no analysis to report on: run clientele analyze first`,
  )
  if (!(await engine.tableExists(RUN_TABLE))) throw missing
  const [row] = await engine.all(
    `SELECT result, policy FROM ${RUN_TABLE} ORDER BY created_at DESC LIMIT 1`,
  )
  if (row === undefined) throw missing
  const result = JSON.parse(String(row.result)) as AnalyzeResult
  // the stored policy is the validated one plus its hash and source, which parsing adds back
  const spec = JSON.parse(String(row.policy)) as Record<string, unknown>
  const source = String(spec.source ?? RUN_TABLE)
  delete spec.hash
  delete spec.source
  return { result, policy: parsePolicy(spec, source) }
}

/**
 * Writes the HTML report of the store's latest analysis.
 * @example await buildReport({ store: 'shop.duckdb', out: 'out/report.html', lang: 'en' })
 */
export async function buildReport(options: BuildReportOptions = {}): Promise<WrittenFile> {
  return withStore(options.store, async (engine) => {
    const run = await loadRun(engine)
    return writeReport(engine, run, {
      path: options.out ?? `clientele-out/${REPORT_FILE}`,
      lang: options.lang ?? 'zh',
      currency: options.currency ?? (await currencyOf(engine)),
    })
  })
}
