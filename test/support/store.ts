// Small stores built by hand for end-to-end tests: rows go straight into the canonical
// tables (no import), so every indicator can be worked out from the rows on the page.
import { openEngine, type Engine, type SqlValue } from '../../src/engine/index.js'
import { ensureStore } from '../../src/ingest/index.js'

export type Row = Readonly<Record<string, SqlValue | undefined>>

export interface HandRows {
  readonly customers?: readonly Row[]
  /** Orders; `status` defaults to completed. */
  readonly transactions?: readonly Row[]
  readonly interactions?: readonly Row[]
  readonly feedback?: readonly Row[]
  readonly surveys?: readonly Row[]
}

const DATES = new Set(['date', 'created_at'])

/** Inserts `rows` into `engine`'s store (created if missing). */
export async function insertRows(engine: Engine, rows: HandRows): Promise<void> {
  await ensureStore(engine)
  let key = 0
  for (const [table, list] of Object.entries(rows) as [string, readonly Row[]][]) {
    for (const row of list) {
      const full: Row = table === 'transactions' ? { status: 'completed', ...row } : row
      const cols = Object.keys(full).filter((c) => full[c] !== undefined)
      const values = cols.map((c) =>
        DATES.has(c) && full[c] !== null ? `CAST($${c} AS DATE)` : `$${c}`,
      )
      const params = Object.fromEntries(cols.map((c) => [c, full[c] as SqlValue]))
      key++
      await engine.run(
        `INSERT INTO ${table} (${cols.join(', ')}, row_key, row_hash, import_id)
         VALUES (${values.join(', ')}, ${key}, ${key}, 1)`,
        params,
      )
    }
  }
}

/** An in-memory store holding `rows`. */
export async function handStore(rows: HandRows): Promise<Engine> {
  const engine = await openEngine(':memory:')
  await insertRows(engine, rows)
  return engine
}

/** `n` orders of `amount` for `customer`, one every `every` days counting back from `last`. */
export function ordersEvery(
  customer: string,
  last: string,
  n: number,
  every: number,
  amount: number,
  extra: Row = {},
): Row[] {
  const t = Date.parse(last)
  return Array.from({ length: n }, (_, k) => ({
    customer_id: customer,
    date: new Date(t - k * every * 86_400_000).toISOString().slice(0, 10),
    amount,
    ...extra,
  }))
}
