/**
 * The actions table as the writers see it: raw for actions.csv (machine-readable), and for
 * the workbook with tier ids replaced by tier names and statuses by words in the output
 * language. Planned actions come first, then by priority, value at stake and customer.
 */
import type { Engine } from '../engine/index.js'
import { ACTION_COLUMNS, LABELS } from './labels.js'
import { describeTable, type SelectItem, type TableColumn } from './table-source.js'
import type { AnalysisSummary, Language } from './types.js'

export interface ActionsSource {
  readonly from: string
  readonly columns: readonly TableColumn[]
  /** Columns as stored, for the CSV. */
  readonly raw: readonly SelectItem[]
  /** Columns with tiers and statuses in words, for the workbook. */
  readonly display: readonly SelectItem[]
  readonly orderSql: string
  readonly rows: number
}

export async function actionsSource(
  engine: Engine,
  table: string,
  summary: AnalysisSummary,
  lang: Language,
): Promise<ActionsSource> {
  const { dialect } = engine
  const q = (s: string) => `src.${dialect.quoteIdentifier(s)}`
  const columns = await describeTable(engine, table, ACTION_COLUMNS, { requireAll: false })
  const has = (name: string) => columns.some((c) => c.spec.name === name)
  const words = (expr: string, pairs: readonly (readonly [string, string])[]) =>
    pairs.length === 0
      ? expr
      : `CASE ${dialect.castText(expr)} ${pairs
          .map(([k, v]) => `WHEN ${dialect.quoteString(k)} THEN ${dialect.quoteString(v)}`)
          .join(' ')} ELSE ${dialect.castText(expr)} END`
  const l = LABELS[lang]
  const raw = columns.map((c) => ({ expr: q(c.spec.name), name: c.spec.name }))
  const display = raw.map((item) => {
    if (item.name === 'tier') {
      return {
        ...item,
        expr: words(
          item.expr,
          summary.tiers.map((t) => [t.id, t.name[lang]]),
        ),
      }
    }
    if (item.name === 'status') {
      return {
        ...item,
        expr: words(item.expr, [
          ['planned', l.planned],
          ['left_out', l.leftOut],
        ]),
      }
    }
    return item
  })
  const order: string[] = []
  if (has('status')) order.push(`(${q('status')} = 'left_out') ASC`)
  if (has('priority')) order.push(`${q('priority')} ASC NULLS LAST`)
  if (has('value_at_stake')) order.push(`${q('value_at_stake')} DESC NULLS LAST`)
  if (has('customer_id')) order.push(`${q('customer_id')} ASC`)
  const from = `${dialect.quoteIdentifier(table)} AS src`
  const [count] = await engine.all<{ n: number }>(`SELECT count(*) AS n FROM ${from}`)
  return {
    from,
    columns: columns.map((c) =>
      c.spec.name === 'tier' || c.spec.name === 'status' ? { ...c, sqlType: 'VARCHAR' } : c,
    ),
    raw,
    display,
    orderSql: order.length === 0 ? '1' : order.join(', '),
    rows: count?.n ?? 0,
  }
}
