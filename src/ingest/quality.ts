/**
 * The data quality report (SPEC §1, 9.1 数据质量): what is odd in the store, how many rows,
 * a few examples, and what Clientele did or will do about it. Computed in SQL over the
 * whole store; each check is one aggregate query.
 */
import type { Engine } from '../engine/index.js'
import { TABLE_KINDS, type TableKind } from '../schema/index.js'
import { ensureStore } from './store.js'

export type Severity = 'info' | 'warning'

export interface QualityFinding {
  readonly check: string
  readonly severity: Severity
  readonly count: number
  readonly examples: readonly string[]
  /** What was done, or what the user should do. */
  readonly action: string
}

export interface TableSummary {
  readonly table: TableKind
  readonly rows: number
  readonly customers: number
  readonly from: string | null
  readonly to: string | null
}

export interface QualityReport {
  readonly tables: readonly TableSummary[]
  readonly findings: readonly QualityFinding[]
  readonly imports: { readonly files: number; readonly duplicatesFolded: number }
}

const iso = (d: unknown) =>
  d instanceof Date
    ? d.toISOString().slice(0, 10)
    : d === null || d === undefined
      ? null
      : String(d)

interface CheckSpec {
  readonly check: string
  readonly severity: Severity
  readonly action: string
  /** SQL yielding one row per offending item, with a text column `example`. */
  readonly sql: string
}

function checks(today: string): CheckSpec[] {
  return [
    {
      check: 'orders without a customer record (orphan ids)',
      severity: 'warning',
      action: 'kept and analysed; import the customers file to add names, regions and managers',
      sql: `SELECT DISTINCT t.customer_id AS example FROM transactions t ANTI JOIN customers c USING (customer_id)
            WHERE EXISTS (SELECT 1 FROM customers) ORDER BY example`,
    },
    {
      check: 'customers with no orders',
      severity: 'info',
      action: 'kept; they have no transaction value and are tiered as such',
      sql: `SELECT c.customer_id AS example FROM customers c ANTI JOIN transactions t USING (customer_id) ORDER BY example`,
    },
    {
      check: 'negative amounts (refunds)',
      severity: 'info',
      action: 'counted as refunds: they reduce the customer’s net value',
      sql: `SELECT customer_id || ' ' || CAST(date AS VARCHAR) || ' ' || CAST(amount AS VARCHAR) AS example FROM transactions WHERE amount < 0 ORDER BY example`,
    },
    {
      check: 'zero amounts',
      severity: 'info',
      action: 'kept as orders of no value; they count for frequency and recency',
      sql: `SELECT customer_id || ' ' || CAST(date AS VARCHAR) AS example FROM transactions WHERE amount = 0 AND status = 'completed' ORDER BY example`,
    },
    {
      check: 'outlying amounts (above Q3 + 3 × IQR)',
      severity: 'warning',
      action: 'kept; check them — one large order can move a customer to the top tier',
      sql: `SELECT customer_id || ' ' || CAST(date AS VARCHAR) || ' ' || CAST(amount AS VARCHAR) AS example
            FROM transactions, (SELECT quantile_cont(amount, 0.25) AS q1, quantile_cont(amount, 0.75) AS q3 FROM transactions WHERE amount > 0) b
            WHERE amount > b.q3 + 3 * (b.q3 - b.q1) ORDER BY amount DESC`,
    },
    {
      check: 'future dates',
      severity: 'warning',
      action: `kept; an analysis only counts rows dated before its as-of date`,
      sql: TABLE_KINDS.filter((k) => k !== 'customers' && k !== 'surveys')
        .map(
          (k) =>
            `SELECT '${k} ' || customer_id || ' ' || CAST(date AS VARCHAR) AS example FROM ${k} WHERE date > DATE '${today}'`,
        )
        .join(' UNION ALL ')
        .concat(' ORDER BY example'),
    },
    {
      check: 'cancelled orders',
      severity: 'info',
      action: 'kept but not counted as purchases',
      sql: `SELECT coalesce(order_id, customer_id) AS example FROM transactions WHERE status = 'cancelled' ORDER BY example`,
    },
    {
      check: 'one order id used by several customers',
      severity: 'warning',
      action: 'kept; check the export — an order normally belongs to one customer',
      sql: `SELECT order_id AS example FROM transactions WHERE order_id IS NOT NULL GROUP BY order_id HAVING count(DISTINCT customer_id) > 1 ORDER BY example`,
    },
    {
      check: 'mixed currencies',
      severity: 'warning',
      action:
        'amounts are not converted: analyse one currency at a time or convert before importing',
      sql: `SELECT currency || ': ' || CAST(n AS VARCHAR) || ' orders' AS example FROM (
              SELECT currency, count(*) AS n FROM transactions WHERE currency IS NOT NULL GROUP BY currency)
            WHERE (SELECT count(DISTINCT currency) FROM transactions) > 1 ORDER BY n DESC`,
    },
    {
      check: 'customers missing a name',
      severity: 'info',
      action: 'kept; reports show the customer id instead',
      sql: `SELECT customer_id AS example FROM customers WHERE name IS NULL AND company IS NULL ORDER BY example`,
    },
  ]
}

/** Builds the quality report of the store as of `today` (ISO date; default: the clock). */
export async function qualityReport(
  engine: Engine,
  today = new Date().toISOString().slice(0, 10),
): Promise<QualityReport> {
  await ensureStore(engine)
  const tables: TableSummary[] = []
  for (const table of TABLE_KINDS) {
    const dateCol = table === 'customers' ? 'created_at' : 'date'
    const [r] = await engine.all(
      `SELECT count(*) AS rows, count(DISTINCT customer_id) AS customers, min(${dateCol}) AS lo, max(${dateCol}) AS hi FROM ${table}`,
    )
    tables.push({
      table,
      rows: Number(r!.rows),
      customers: Number(r!.customers),
      from: iso(r!.lo),
      to: iso(r!.hi),
    })
  }
  const findings: QualityFinding[] = []
  for (const c of checks(today)) {
    const [n] = await engine.all(`SELECT count(*) AS n FROM (${c.sql})`)
    const count = Number(n!.n)
    if (count === 0) continue
    const ex = await engine.all<{ example: string }>(`SELECT example FROM (${c.sql}) LIMIT 3`)
    findings.push({
      check: c.check,
      severity: c.severity,
      count,
      examples: ex.map((e) => String(e.example)),
      action: c.action,
    })
  }
  const [imp] = await engine.all(
    `SELECT count(*) AS files, coalesce(sum(rows_duplicate), 0) AS dups FROM imports`,
  )
  const duplicatesFolded = Number(imp!.dups)
  if (duplicatesFolded > 0) {
    findings.unshift({
      check: 'duplicate rows in imported files',
      severity: 'info',
      count: duplicatesFolded,
      examples: [],
      action: 'folded into one row each (same order id and content, or same customer id)',
    })
  }
  return { tables, findings, imports: { files: Number(imp!.files), duplicatesFolded } }
}
