/**
 * A cheap fingerprint of the data an analysis saw: table sizes, the last import, and an
 * aggregate of the orders before the as-of date (their count, net amount and a sum of 32 bits
 * of each row's content hash: on DuckDB the hash's top bits, a shift, where a modulo of the
 * 128-bit hash cost seconds per 10^6 rows), so two snapshots of the same date can be told
 * apart when the past was re-imported. The last import is the store's import log where it
 * keeps one (DuckDB stores), else the highest `import_id` of the orders (a ClickHouse store
 * loaded from elsewhere). Fingerprints compare snapshots of one store, not stores of two
 * engines: ClickHouse keeps the row hash as text and takes its bits from a hash of that.
 */
import { createHash } from 'node:crypto'
import type { Engine } from '../engine/index.js'

export interface DataParts {
  readonly customers: number
  readonly transactions: number
  readonly lastImport: number
  /** Orders dated before the as-of date: what the analysis could see. */
  readonly before: { readonly rows: number; readonly amount: string; readonly hash: string }
}

/** The parts of the fingerprint and their hash (16 hex digits); `orders` names the orders table. */
export async function dataFingerprint(
  engine: Engine,
  asOf: string,
  orders = 'transactions',
): Promise<{ fingerprint: string; parts: DataParts }> {
  const d = engine.dialect
  const o = d.quoteIdentifier(orders)
  const imports = (await engine.tableExists('imports')) ? 'imports' : o
  const [r] = await engine.all(
    `SELECT (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM ${o}) AS transactions,
       (SELECT coalesce(max(import_id), 0) FROM ${imports}) AS last_import,
       count(*) AS rows,
       ${d.castText('coalesce(round(sum(amount), 2), 0)')} AS amount,
       ${d.castText(`coalesce(sum(${d.rowHash32('row_hash')}), 0)`)} AS hash
     FROM ${o} WHERE date < ${d.dateLiteral(asOf)}`,
  )
  const parts: DataParts = {
    customers: Number(r?.customers ?? 0),
    transactions: Number(r?.transactions ?? 0),
    lastImport: Number(r?.last_import ?? 0),
    before: { rows: Number(r?.rows ?? 0), amount: String(r?.amount), hash: String(r?.hash) },
  }
  const fingerprint = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16)
  return { fingerprint, parts }
}
