/** The plain data handed to the writers of the analysis table, beside the table itself. */
import type { TierShare, Unit } from '../tiering/index.js'

/** How a column's values are measured, which decides their Excel number format. */
export type ColumnUnit = Unit

/** One column of the analysis table: its stable snake_case name and its headers. */
export interface ColumnSpec {
  readonly name: string
  readonly zh: string
  readonly en: string
  readonly unit: ColumnUnit
}

/** One tier's totals (the tiering's own type); shares are fractions 0–1. */
export type TierSummary = TierShare

export interface AnalysisSummary {
  /** ISO date `yyyy-mm-dd`. */
  readonly asOf: string
  readonly policy: string
  readonly policyHash: string
  readonly customers: number
  /** The column the tiers' value is measured by, e.g. `profit` or `clv`. */
  readonly valueIndicator: string
  readonly tiers: readonly TierSummary[]
  /** Already in the output language. */
  readonly warnings: readonly string[]
}

/** The output formats of an analysis, all written by default. */
export const OUTPUT_FORMATS = ['xlsx', 'csv', 'parquet', 'json', 'html'] as const

export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export type Language = 'zh' | 'en'

export interface ProgressEvent {
  readonly stage: string
  /** Rows written so far in this stage. */
  readonly rows?: number
}

export interface WriteOptions {
  /** The per-customer analysis table in the engine. */
  readonly table: string
  /** Headers and units; listed columns come first in this order, the table's others follow. */
  readonly columns: readonly ColumnSpec[]
  readonly summary: AnalysisSummary
  readonly outDir: string
  readonly lang: Language
  readonly formats: readonly OutputFormat[]
  /**
   * A table with one row per action: customer_id, tier, action, owner, priority, due,
   * value_at_stake, status (`planned` | `left_out`), reason.
   */
  readonly actionsTable?: string
  readonly onProgress?: (event: ProgressEvent) => void
  /** Data rows per Excel sheet; defaults to Excel's 1,048,576 rows less the header. */
  readonly excelRowLimit?: number
  /**
   * The table's rows are stored in `analysisOrderSql` order over the summary's tiers (an
   * engine that keeps insertion order, DuckDB, made it so): the CSV and Parquet copies then
   * stream it as stored instead of sorting it again. Ignored when the table holds tiers the
   * summary does not list.
   */
  readonly sorted?: boolean
}

export interface WrittenFile {
  readonly format: OutputFormat
  readonly path: string
  /**
   * Data rows: customers in the analysis files (in xlsx, those its tier sheets hold), actions
   * in actions.csv, tiers in summary.json.
   */
  readonly rows: number
  readonly note?: string
}

export interface WriteResult {
  readonly files: WrittenFile[]
  /** Problems with the output itself, in the output language (the summary's own are not repeated). */
  readonly warnings: string[]
}
