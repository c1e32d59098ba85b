/**
 * The workbook's first sheet (汇总 / Summary): the run's as-of date and policy, one row per
 * tier with its customers, value and shares against their expected ranges, then every
 * warning, including the sheets cut at Excel's row limit.
 */
import type ExcelJS from 'exceljs'
import { NUM_FMT, displayWidth, yesNo } from './cell-format.js'
import { LABELS } from './labels.js'
import type { AnalysisSummary, Language } from './types.js'

export interface SummarySheetRow {
  /** The tier's summary, absent for a sheet the summary does not list. */
  readonly tierId: string | null
  readonly name: string
  readonly sheet: string
  readonly rowsInSheet: number
}

const range = (r: readonly [number, number] | undefined) =>
  r === undefined ? null : `${(r[0] * 100).toFixed(1)}%–${(r[1] * 100).toFixed(1)}%`

/** Adds and commits the summary sheet. */
export function writeSummarySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheetName: string,
  summary: AnalysisSummary,
  sheets: readonly SummarySheetRow[],
  warnings: readonly string[],
  lang: Language,
): void {
  const l = LABELS[lang]
  const ws = workbook.addWorksheet(sheetName)
  const add = (values: ExcelJS.CellValue[], bold = false) => {
    const row = ws.addRow(values)
    if (bold) row.font = { bold: true }
    return row
  }
  const header = [
    l.tier,
    l.customers,
    l.customerShare,
    l.value,
    l.valueShare,
    l.expectedCustomers,
    l.expectedValue,
    l.withinExpected,
    l.sheet,
    l.rowsInSheet,
  ]
  ws.columns = header.map((h, i) => ({ width: Math.max(i === 0 ? 16 : 12, displayWidth(h) + 2) }))

  add([l.title], true).getCell(1).font = { bold: true, size: 14 }
  add([l.asOf, new Date(`${summary.asOf}T00:00:00Z`)]).getCell(2).numFmt = NUM_FMT.date
  add([l.policy, summary.policy])
  add([l.policyHash, summary.policyHash])
  add([l.customers, summary.customers]).getCell(2).numFmt = NUM_FMT.count
  add([l.valueIndicator, summary.valueIndicator])
  add([])
  add(header, true)
  for (const s of sheets) {
    const tier = summary.tiers.find((t) => t.id === s.tierId)
    const row = add([
      s.name,
      tier?.customers ?? s.rowsInSheet,
      tier?.customerShare ?? null,
      tier?.value ?? null,
      tier?.valueShare ?? null,
      range(tier?.expected?.customers),
      range(tier?.expected?.value),
      tier?.expected === undefined ? null : yesNo(tier.withinExpected, lang),
      s.sheet,
      s.rowsInSheet,
    ])
    row.getCell(2).numFmt = NUM_FMT.count
    row.getCell(3).numFmt = NUM_FMT.ratio
    row.getCell(4).numFmt = NUM_FMT.currency
    row.getCell(5).numFmt = NUM_FMT.ratio
    row.getCell(10).numFmt = NUM_FMT.count
    if (tier?.expected !== undefined && !tier.withinExpected) row.getCell(8).font = { bold: true }
  }
  add([])
  add([l.warnings], true)
  for (const w of warnings.length > 0 ? warnings : [l.noWarnings]) add([w])
  ws.commit()
}
