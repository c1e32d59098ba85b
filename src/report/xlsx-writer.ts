/**
 * analysis.xlsx, written with exceljs's streaming WorkbookWriter: the summary sheet, one
 * sheet per tier, and the actions when there are any. Rows come from the engine a page at a
 * time and each row is committed as soon as it is added, so memory stays flat however large
 * the table. Each data sheet has a frozen, filterable header, headers in the output
 * language, number formats by unit and widths from the widest value.
 */
import ExcelJS from 'exceljs'
import type { Engine } from '../engine/index.js'
import { NUM_FMT, cellValue, columnWidth, kindOfType, numberWidth } from './cell-format.js'
import { LABELS } from './labels.js'
import { createSnapshot, dropSnapshot, measureColumns, readPages } from './row-pages.js'
import { SheetNamer } from './sheet-names.js'
import { writeSummarySheet } from './summary-sheet.js'
import { selectList, type SelectItem, type TableColumn, type TierSheet } from './table-source.js'
import type { AnalysisSummary, Language } from './types.js'

const PAGE_SIZE = 5_000

/** Sheet XML allowed to wait for compression before the next page is read. */
const ZIP_BACKLOG_MAX = 4 * 2 ** 20

/** A source of rows for data sheets: a table and how its rows are split and ordered. */
export interface SheetSource {
  /** A table name or parenthesised query, aliased `src`. */
  readonly from: string
  readonly columns: readonly TableColumn[]
  /** The output columns, in the order of `columns`. */
  readonly select: readonly SelectItem[]
  /** SQL giving a row's sheet index (over `src`). */
  readonly sheetSql: string
  /** `ORDER BY` terms within a sheet (over `src`). */
  readonly orderSql: string
}

export interface XlsxJob {
  readonly path: string
  readonly summary: AnalysisSummary
  readonly lang: Language
  readonly tiers: SheetSource
  readonly tierSheets: readonly TierSheet[]
  /** The actions sheet's source, its sheet index always 0, with its row count. */
  readonly actions?: SheetSource & { readonly rows: number }
  /** Data rows per sheet. */
  readonly limit: number
  /** Shown on the summary sheet. */
  readonly warnings: readonly string[]
  /** Called after each page with the data rows written so far. */
  readonly onRows?: (rows: number) => void
}

/** Writes the workbook; resolves to the data rows written, actions included. */
export async function writeXlsx(engine: Engine, job: XlsxJob): Promise<number> {
  const l = LABELS[job.lang]
  const namer = new SheetNamer()
  const summaryName = namer.name(l.summarySheet)
  const tierNames = job.tierSheets.map((s) => namer.name(s.name, `${l.tier} ${s.index + 1}`))
  const actionsName = job.actions === undefined ? undefined : namer.name(l.actionsSheet)

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: job.path,
    useStyles: true,
    useSharedStrings: false,
  })
  workbook.creator = 'Clientele'
  writeSummarySheet(
    workbook,
    summaryName,
    job.summary,
    job.tierSheets.map((s, i) => ({
      tierId: s.id,
      name: s.name,
      sheet: tierNames[i]!,
      rowsInSheet: Math.min(s.rows, job.limit),
    })),
    job.warnings,
    job.lang,
  )
  let written = 0
  const progress = (n: number) => job.onRows?.(written + n)
  const tiers = await sheetWriter(engine, job.tiers, job.limit, job.lang)
  try {
    for (const [i, sheet] of job.tierSheets.entries()) {
      written += await tiers.write(workbook, tierNames[i]!, sheet.index, progress)
    }
  } finally {
    await tiers.drop()
  }
  if (job.actions !== undefined && actionsName !== undefined) {
    const actions = await sheetWriter(engine, job.actions, job.limit, job.lang)
    try {
      written += await actions.write(workbook, actionsName, 0, progress)
    } finally {
      await actions.drop()
    }
  }
  await workbook.commit()
  return written
}

async function sheetWriter(engine: Engine, source: SheetSource, limit: number, lang: Language) {
  const snapshot = await createSnapshot(engine, {
    from: source.from,
    select: selectList(engine, source.select),
    sheet: source.sheetSql,
    order: source.orderSql,
    limit,
  })
  const kinds = source.columns.map((c) => ({ name: c.spec.name, kind: kindOfType(c.sqlType) }))
  const measured = await measureColumns(engine, snapshot, kinds)
  const names = source.columns.map((c) => c.spec.name)
  const columns = source.columns.map((c, i) => {
    const kind = kinds[i]!.kind
    return sheetColumn(c, kind, measured.get(c.spec.name) ?? 0, lang)
  })
  return {
    async write(
      workbook: ExcelJS.stream.xlsx.WorkbookWriter,
      name: string,
      sheet: number,
      progress: (rows: number) => void,
    ): Promise<number> {
      const ws = workbook.addWorksheet(name, {
        views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      })
      ws.columns = columns
      ws.getRow(1).font = { bold: true }
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
      let rows = 0
      for await (const page of readPages(engine, snapshot, names, sheet, PAGE_SIZE)) {
        for (const row of page) ws.addRow(names.map((n) => cellValue(row[n], lang))).commit()
        rows += page.length
        progress(rows)
        await zipCaughtUp(ws)
      }
      ws.commit()
      return rows
    },
    drop: () => dropSnapshot(engine, snapshot),
  }
}

function sheetColumn(
  column: TableColumn,
  kind: ReturnType<typeof kindOfType>,
  measured: number,
  lang: Language,
): Partial<ExcelJS.Column> {
  const header = column.spec[lang]
  const numeric = kind === 'integer' || kind === 'number'
  const numFmt = kind === 'date' ? NUM_FMT.date : numeric ? NUM_FMT[column.spec.unit] : undefined
  const data = numeric ? numberWidth(column.spec.unit, measured) : kind === 'text' ? measured : 10
  return {
    header,
    key: column.spec.name,
    width: columnWidth(header, data),
    style: numFmt === undefined ? {} : { numFmt },
  }
}

/**
 * Waits until the sheet's XML waiting to be zipped is below `ZIP_BACKLOG_MAX`. exceljs writes
 * into archiver's entry stream without heeding backpressure, so rows added faster than zlib
 * deflates them pile up in memory: 10^6 rows peaked at 580 MB of Node memory without this
 * wait and at 70 MB with it, and finished sooner. The stream is internal to exceljs 4; if it
 * changes shape this wait does nothing rather than fail.
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet): Promise<void> {
  const sheet = ws as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }
  const backlog = () => sheet.stream?.pipes?.[0]?._writableState?.length ?? 0
  while (backlog() > ZIP_BACKLOG_MAX) await new Promise((resolve) => setTimeout(resolve, 1))
}
