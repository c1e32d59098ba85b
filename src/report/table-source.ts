/**
 * What the writers read from the engine: the table's columns with their specs, one sheet per
 * tier with its row count, and the SQL that orders rows by tier (in the summary's order),
 * then by value (largest first), then by customer. Every format uses that same order.
 */
import type { Engine } from '../engine/index.js'
import { unitOfType } from './cell-format.js'
import type { AnalysisSummary, ColumnSpec, Language } from './types.js'
import { LABELS } from './labels.js'

export interface TableColumn {
  readonly spec: ColumnSpec
  /** The engine's type name, e.g. `DOUBLE`, `DATE`, `VARCHAR`. */
  readonly sqlType: string
}

/** One output column: a SQL expression and the name it is written under. */
export interface SelectItem {
  readonly expr: string
  readonly name: string
}

export interface TierSheet {
  /** Position in the workbook and in the row order, from 0. */
  readonly index: number
  /** The tier id as text; null for customers without a tier. */
  readonly id: string | null
  /** The tier's name in the output language. */
  readonly name: string
  readonly rows: number
}

/**
 * The columns of `table` in output order: those `specs` list, in their order, then the rest
 * under their own names. A listed column missing from the table is an error unless
 * `requireAll` is false.
 */
export async function describeTable(
  engine: Engine,
  table: string,
  specs: readonly ColumnSpec[],
  { requireAll = true }: { requireAll?: boolean } = {},
): Promise<TableColumn[]> {
  const rows = await engine.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_name = $table ORDER BY ordinal_position`,
    { table },
  )
  if (rows.length === 0) throw new Error(`invalid table: ${table} (not in the store)`)
  const types = new Map(rows.map((r) => [r.column_name, r.data_type]))
  const out: TableColumn[] = []
  for (const spec of specs) {
    const sqlType = types.get(spec.name)
    if (sqlType === undefined) {
      if (requireAll) throw new Error(`invalid column: ${spec.name} (not in ${table})`)
      continue
    }
    out.push({ spec, sqlType })
    types.delete(spec.name)
  }
  for (const [name, sqlType] of types) {
    out.push({ spec: { name, zh: name, en: name, unit: unitOfType(sqlType) }, sqlType })
  }
  return out
}

/** The tiers in the summary's order, then any others the table holds, each with its rows. */
export async function planTierSheets(
  engine: Engine,
  table: string,
  columns: readonly TableColumn[],
  summary: AnalysisSummary,
  lang: Language,
): Promise<TierSheet[]> {
  const { dialect } = engine
  const tier = dialect.castText(dialect.quoteIdentifier('tier'))
  const name = columns.some((c) => c.spec.name === 'tier_name')
    ? `max(${dialect.castText(dialect.quoteIdentifier('tier_name'))})`
    : 'NULL'
  const counts = await engine.all<{ id: string | null; name: string | null; n: number }>(
    `SELECT ${tier} AS id, ${name} AS name, count(*) AS n
     FROM ${dialect.quoteIdentifier(table)} GROUP BY ${tier} ORDER BY id NULLS LAST`,
  )
  const found = new Map(counts.map((c) => [c.id, c]))
  const sheets: TierSheet[] = summary.tiers.map((tier, index) => ({
    index,
    id: tier.id,
    name: tier.name[lang],
    rows: found.get(tier.id)?.n ?? 0,
  }))
  for (const c of counts) {
    if (c.id !== null && summary.tiers.some((t) => t.id === c.id)) continue
    const label = c.id === null ? LABELS[lang].unassigned : (c.name ?? c.id)
    sheets.push({ index: sheets.length, id: c.id, name: label, rows: c.n })
  }
  return sheets
}

/** A SQL expression giving each row its sheet's index. */
export function sheetIndexSql(engine: Engine, sheets: readonly TierSheet[]): string {
  const tier = engine.dialect.castText(engine.dialect.quoteIdentifier('tier'))
  const arms = sheets.map((s) =>
    s.id === null
      ? `WHEN ${tier} IS NULL THEN ${s.index}`
      : `WHEN ${tier} = ${engine.dialect.quoteString(s.id)} THEN ${s.index}`,
  )
  return arms.length === 0 ? '0' : `CASE ${arms.join(' ')} ELSE ${sheets.length} END`
}

/** `ORDER BY` terms within a tier: the value column largest first, then the customer id. */
export function withinTierOrderSql(
  engine: Engine,
  columns: readonly TableColumn[],
  valueColumn: string,
): string {
  const has = (name: string) => columns.some((c) => c.spec.name === name)
  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  const terms: string[] = []
  if (has(valueColumn)) terms.push(`${q(valueColumn)} DESC NULLS LAST`)
  if (has('customer_id')) terms.push(`${q('customer_id')} ASC`)
  return terms.length === 0 ? '1' : terms.join(', ')
}

/**
 * The output order over a table whose tiers are exactly `tierIds` and which has the columns
 * `tier`, `valueColumn` and `customer_id`: the `ORDER BY` terms `writeAnalysis` sorts by. A
 * table made in this order beforehand can be passed as `sorted`, and is copied as stored.
 */
export function analysisOrderSql(
  engine: Engine,
  tierIds: readonly string[],
  valueColumn: string,
): string {
  const sheets = tierIds.map((id, index) => ({ index, id, name: id, rows: 0 }))
  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  return `${sheetIndexSql(engine, sheets)}, ${q(valueColumn)} DESC NULLS LAST, ${q('customer_id')} ASC`
}

/** `expr AS "name", …` for a select list. */
export function selectList(engine: Engine, items: readonly SelectItem[]): string {
  return items.map((c) => `${c.expr} AS ${engine.dialect.quoteIdentifier(c.name)}`).join(', ')
}
