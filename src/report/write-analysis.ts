/**
 * Writes the analysis table (客户分级管理分析表格) in the formats asked for: analysis.xlsx,
 * analysis.csv, analysis.parquet, actions.csv and summary.json. The engine writes the CSV and
 * Parquet files itself; the workbook streams rows from the engine page by page. A sheet that
 * exceeds Excel's row limit is cut, with a warning pointing at analysis.parquet, which is
 * then written even when not asked for, so no row is ever only half exported.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Engine } from '../engine/index.js'
import { actionsSource, type ActionsSource } from './actions-source.js'
import { copyFiles, type CopyFile, type CopySource } from './copy-writer.js'
import { addedParquetNote, truncatedNote, truncatedWarning, LABELS } from './labels.js'
import { summaryJson } from './summary-json.js'
import {
  describeTable,
  planTierSheets,
  sheetIndexSql,
  withinTierOrderSql,
  type TierSheet,
} from './table-source.js'
import type { OutputFormat, WriteOptions, WriteResult, WrittenFile } from './types.js'
import { writeXlsx, type SheetSource } from './xlsx-writer.js'

/** Data rows per Excel sheet: 1,048,576 rows less the header. */
export const EXCEL_ROW_LIMIT = 1_048_575

/**
 * Writes the analysis table `options.table` to `options.outDir` in `options.formats`;
 * resolves to the files written and the warnings about the output itself.
 * @example
 * const { files } = await writeAnalysis(engine, { table: 'analysis', columns, summary,
 *   outDir: 'out', lang: 'zh', formats: ['xlsx', 'csv', 'parquet', 'json'] })
 */
export async function writeAnalysis(engine: Engine, options: WriteOptions): Promise<WriteResult> {
  const { lang, summary, outDir } = options
  const limit = options.excelRowLimit ?? EXCEL_ROW_LIMIT
  const progress = (stage: string, rows?: number) => options.onProgress?.({ stage, rows })
  await mkdir(outDir, { recursive: true })

  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  const columns = await describeTable(engine, options.table, options.columns)
  const sheets = await planTierSheets(engine, options.table, columns, summary, lang)
  const sheetSql = sheetIndexSql(engine, sheets)
  const withinSql = withinTierOrderSql(engine, columns, summary.valueIndicator)
  const from = `${q(options.table)} AS src`
  const select = columns.map((c) => ({ expr: `src.${q(c.spec.name)}`, name: c.spec.name }))
  const stored =
    options.sorted === true &&
    sheets.length === summary.tiers.length &&
    columns.some((c) => c.spec.name === summary.valueIndicator)
  const table: CopySource = { select, from, orderBy: stored ? '' : `${sheetSql}, ${withinSql}` }
  const actions =
    options.actionsTable === undefined
      ? undefined
      : await actionsSource(engine, options.actionsTable, summary, lang)

  const formats = new Set<OutputFormat>(options.formats)
  const cut: TierSheet[] = formats.has('xlsx') ? sheets.filter((s) => s.rows > limit) : []
  const actionsCut = formats.has('xlsx') && actions !== undefined && actions.rows > limit
  const parquetAdded = cut.length > 0 && !formats.has('parquet')
  if (parquetAdded) formats.add('parquet')
  const warnings = cut.map((s) => truncatedWarning(lang, s.name, s.rows, limit, 'analysis.parquet'))
  if (actionsCut) {
    warnings.push(
      truncatedWarning(lang, LABELS[lang].actionsSheet, actions.rows, limit, 'actions.csv'),
    )
  }

  const files: WrittenFile[] = []
  /** Writes one file; `write` resolves to the rows written, `shown` overrides the count listed. */
  const step = async (
    stage: string,
    format: OutputFormat,
    name: string,
    write: (path: string) => Promise<number>,
    { note, shown }: { note?: string | undefined; shown?: number } = {},
  ) => {
    const path = join(outDir, name)
    progress(stage, 0)
    const rows = await write(path)
    files.push({ format, path, rows: shown ?? rows, ...(note === undefined ? {} : { note }) })
    progress(stage, rows)
  }
  // The engine's own files, written at once; listed in this order.
  const copies: { stage: string; file: CopyFile; note?: string }[] = []
  const addCopy = (stage: string, name: string, file: Omit<CopyFile, 'path'>, note?: string) =>
    copies.push({ stage, file: { ...file, path: join(outDir, name) }, ...(note ? { note } : {}) })
  if (formats.has('parquet')) {
    const note = parquetAdded ? addedParquetNote(lang) : undefined
    addCopy('parquet', 'analysis.parquet', { source: table, format: 'parquet' }, note)
  }
  if (formats.has('csv')) addCopy('csv', 'analysis.csv', { source: table, format: 'csv' })
  if (actions !== undefined) {
    const source = { select: actions.raw, from: actions.from, orderBy: actions.orderSql }
    addCopy('actions', 'actions.csv', { source, format: 'csv' })
  }
  for (const c of copies) progress(c.stage, 0)
  const copied = await copyFiles(
    engine,
    copies.map((c) => c.file),
    (i, rows) => progress(copies[i]!.stage, rows),
  )
  copies.forEach(({ file, note }, i) =>
    files.push({
      format: file.format,
      path: file.path,
      rows: copied[i]!,
      ...(note ? { note } : {}),
    }),
  )
  if (formats.has('xlsx')) {
    const tiers: SheetSource = { from, columns, select, sheetSql, orderSql: withinSql }
    const job = {
      summary,
      lang,
      tiers,
      tierSheets: sheets,
      actions: actions === undefined ? undefined : workbookActions(actions),
      limit,
      warnings: [...summary.warnings, ...warnings],
      onRows: (n: number) => progress('xlsx', n),
    }
    const fullFiles = [cut.length > 0 ? 'analysis.parquet' : '', actionsCut ? 'actions.csv' : '']
    await step(
      'xlsx',
      'xlsx',
      'analysis.xlsx',
      (p) => atomically(p, (part) => writeXlsx(engine, { ...job, path: part })),
      {
        note:
          warnings.length > 0
            ? truncatedNote(lang, fullFiles.filter(Boolean).join(', '))
            : undefined,
        shown: sheets.reduce((n, s) => n + Math.min(s.rows, limit), 0),
      },
    )
  }
  if (formats.has('json')) {
    const text = JSON.stringify(summaryJson(summary, lang, warnings), null, 2) + '\n'
    await step('json', 'json', 'summary.json', async (p) => {
      await atomically(p, (part) => writeFile(part, text))
      return summary.tiers.length
    })
  }
  return { files, warnings }
}

function workbookActions(actions: ActionsSource): SheetSource & { rows: number } {
  return {
    from: actions.from,
    columns: actions.columns,
    select: actions.display,
    sheetSql: '0',
    orderSql: actions.orderSql,
    rows: actions.rows,
  }
}

async function atomically<T>(path: string, write: (part: string) => Promise<T>): Promise<T> {
  const part = `${path}.part`
  try {
    const result = await write(part)
    await rename(part, path)
    return result
  } catch (e) {
    await rm(part, { force: true })
    throw e
  }
}
