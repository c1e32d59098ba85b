/**
 * Writing `report.html`: gather the data from the store, render the page, and write it whole
 * (through a `.part` file, so a reader never opens half a report).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Engine } from '../engine/index.js'
import {
  renderReportHtml,
  type Lang,
  type OutputFormat,
  type WrittenFile,
} from '../report/index.js'
import type { Policy } from '../tiering/index.js'
import type { AnalyzeResult } from './analyze.js'
import { gatherReportData, type AnalysisRun } from './report-data.js'

export const REPORT_FILE = 'report.html'

export interface WriteReportOptions {
  readonly path: string
  readonly lang: Lang
  /** Currency sign for amounts, e.g. ¥ or $. */
  readonly currency: string
}

/** Renders the report of `run` to `options.path`; resolves to the file written (rows: tiers). */
export async function writeReport(
  engine: Engine,
  run: AnalysisRun,
  options: WriteReportOptions,
): Promise<WrittenFile> {
  const data = await gatherReportData(engine, run, options.currency)
  const page = renderReportHtml(data, { lang: options.lang })
  await mkdir(dirname(options.path), { recursive: true })
  const part = `${options.path}.part`
  try {
    await writeFile(part, page)
    await rename(part, options.path)
  } catch (e) {
    await rm(part, { force: true })
    throw e
  }
  return { format: 'html', path: options.path, rows: data.tiers.length }
}

/** `result` with `report.html` written into `outDir` and listed, when `formats` include html. */
export async function withHtmlReport(
  engine: Engine,
  result: AnalyzeResult,
  policy: Policy,
  options: { formats: readonly OutputFormat[]; outDir: string; lang: Lang; currency: string },
): Promise<AnalyzeResult> {
  if (!options.formats.includes('html')) return result
  const file = await writeReport(
    engine,
    { result, policy },
    { path: join(options.outDir, REPORT_FILE), lang: options.lang, currency: options.currency },
  )
  return { ...result, files: [...result.files, file] }
}
