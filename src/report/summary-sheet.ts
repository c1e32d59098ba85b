/**
 * The workbook's first sheet (汇总 / Summary): the run's as-of date and policy, one row per
 * tier with its customers, value and shares against their expected ranges, then every
 * warning, including the sheets cut at Excel's row limit.
 */
import { NUM_FMT, displayWidth, yesNo } from './cell-format.js'
import { LABELS } from './labels.js'
import type { AnalysisSummary, Language } from './types.js'
import type { XlsxWriter } from '../ingest/index.js'

export interface SummarySheetRow {
  /** The tier's summary, absent for a sheet the summary does not list. */
  readonly tierId: string | null
  readonly name: string
  readonly sheet: string
  readonly rowsInSheet: number
}

const range = (r: readonly [number, number] | undefined) =>
  r === undefined ? null : `${(r[0] * 100).toFixed(1)}%–${(r[1] * 100).toFixed(1)}%`

/** Adds the summary sheet and ends it. */
export async function writeSummarySheet(
  workbook: XlsxWriter,
  sheetName: string,
  summary: AnalysisSummary,
  sheets: readonly SummarySheetRow[],
  warnings: readonly string[],
  lang: Language,
): Promise<void> {
  const l = LABELS[lang]
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
  const ws = await workbook.addSheet(sheetName, {
    columns: header.map((h, i) => ({ width: Math.max(i === 0 ? 16 : 12, displayWidth(h) + 2) })),
  })
  const bold = workbook.style({ bold: true })
  const fmt = (numFmt: string) => workbook.style({ numFmt })
  const [count, ratio, currency, date] = [
    fmt(NUM_FMT.count),
    fmt(NUM_FMT.ratio),
    fmt(NUM_FMT.currency),
    fmt(NUM_FMT.date),
  ]

  ws.row([l.title], workbook.style({ bold: true, size: 14 }))
  ws.row([l.asOf, new Date(`${summary.asOf}T00:00:00Z`)], [undefined, date])
  ws.row([l.policy, summary.policy])
  ws.row([l.policyHash, summary.policyHash])
  ws.row([l.customers, summary.customers], [undefined, count])
  ws.row([l.valueIndicator, summary.valueIndicator])
  ws.row([])
  ws.row(header, bold)
  for (const s of sheets) {
    const tier = summary.tiers.find((t) => t.id === s.tierId)
    const outside = tier?.expected !== undefined && !tier.withinExpected
    ws.row(
      [
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
      ],
      [
        undefined,
        count,
        ratio,
        currency,
        ratio,
        undefined,
        undefined,
        outside ? bold : undefined,
        undefined,
        count,
      ],
    )
  }
  ws.row([])
  ws.row([l.warnings], bold)
  for (const w of warnings.length > 0 ? warnings : [l.noWarnings]) ws.row([w])
  await ws.end()
}
