/**
 * analysis.xlsx, written with the streaming `XlsxWriter` (ingest): the summary sheet, one
 * sheet per tier, and the actions when there are any. Rows come from the engine a page of
 * typed columns at a time and go straight into the sheet's deflate stream as XML, so memory
 * stays flat however large the table. Each data sheet has a frozen, filterable header,
 * headers in the output language, number formats by unit and widths from the widest value.
 */
import type { Engine } from '../engine/index.js'
import { XlsxWriter, type XlsxCell } from '../ingest/index.js'
import { NUM_FMT, cellValue, columnWidth, kindOfType, numberWidth } from './cell-format.js'
import { LABELS } from './labels.js'
import { createSnapshot, dropSnapshot, measureColumns, readColumnPages } from './row-pages.js'
import { SheetNamer } from './sheet-names.js'
import { writeSummarySheet } from './summary-sheet.js'
import { selectList, type SelectItem, type TableColumn, type TierSheet } from './table-source.js'
import type { AnalysisSummary, Language } from './types.js'

const PAGE_SIZE = 5_000

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

  const workbook = await XlsxWriter.create(job.path, { creator: 'Clientele' })
  try {
    await writeSummarySheet(
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
    const tiers = await sheetWriter(engine, workbook, job.tiers, job.limit, job.lang)
    try {
      for (const [i, sheet] of job.tierSheets.entries()) {
        written += await tiers.write(tierNames[i]!, sheet.index, progress)
      }
    } finally {
      await tiers.drop()
    }
    if (job.actions !== undefined && actionsName !== undefined) {
      const actions = await sheetWriter(engine, workbook, job.actions, job.limit, job.lang)
      try {
        written += await actions.write(actionsName, 0, progress)
      } finally {
        await actions.drop()
      }
    }
    await workbook.close()
    return written
  } catch (e) {
    await workbook.abort()
    throw e
  }
}

async function sheetWriter(
  engine: Engine,
  workbook: XlsxWriter,
  source: SheetSource,
  limit: number,
  lang: Language,
) {
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
    const numFmt =
      kind === 'date'
        ? NUM_FMT.date
        : kind === 'integer' || kind === 'number'
          ? NUM_FMT[c.spec.unit]
          : undefined
    return {
      header: c.spec[lang],
      width: sheetColumnWidth(c, kind, measured.get(c.spec.name) ?? 0, lang),
      style: workbook.style({ numFmt }),
    }
  })
  const styles = columns.map((c) => c.style)
  const bold = workbook.style({ bold: true })
  return {
    async write(name: string, sheet: number, progress: (rows: number) => void): Promise<number> {
      const ws = await workbook.addSheet(name, {
        columns,
        frozenRows: 1,
        autoFilterColumns: columns.length,
      })
      ws.row(
        columns.map((c) => c.header),
        bold,
      )
      let rows = 0
      const cells: XlsxCell[] = new Array<XlsxCell>(names.length)
      for await (const page of readColumnPages(engine, snapshot, names, sheet, PAGE_SIZE)) {
        const values = names.map((n) => page.columns[n]!)
        for (let r = 0; r < page.rows; r++) {
          for (let c = 0; c < values.length; c++) {
            cells[c] = cellValue(values[c]![r], lang)
          }
          ws.row(cells, styles)
        }
        rows += page.rows
        await ws.flush()
        progress(rows)
      }
      await ws.end()
      return rows
    },
    drop: () => dropSnapshot(engine, snapshot),
  }
}

/** A data column's width: the wider of its header and its widest value. */
function sheetColumnWidth(
  column: TableColumn,
  kind: ReturnType<typeof kindOfType>,
  measured: number,
  lang: Language,
): number {
  const numeric = kind === 'integer' || kind === 'number'
  const data = numeric ? numberWidth(column.spec.unit, measured) : kind === 'text' ? measured : 10
  return columnWidth(column.spec[lang], data)
}
