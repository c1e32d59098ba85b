/**
 * Writing one validated source into its canonical table, idempotently. Each row gets an
 * identity (`row_key`) and a content hash (`row_hash`):
 * - customers: identity is the customer id; the last row of a file for an id wins, and a
 *   re-import replaces the stored row when its content changed;
 * - orders with an order_id: identical rows (same id, same content) collapse to one; the
 *   rest of an order's rows (line items) are numbered in content order, so the same file
 *   gives the same keys; a re-import with changed content replaces those rows;
 * - rows without an order_id: identity is the content hash and its occurrence number among
 *   identical rows of the file, so two genuinely identical purchases are both kept.
 */
import type { Engine } from '../engine/index.js'
import { TABLES, type TableKind } from '../schema/index.js'
import type { HeaderMatch } from './headers.js'
import { fieldExpression } from './parse.js'
import type { OpenedSource } from './sources.js'

export interface LoadCounts {
  readonly rows: number
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  /** Rows of the file that repeated another row of the same file and were folded into it. */
  readonly duplicates: number
}

const STAGED = 'clientele_staged'
const PARSED = 'clientele_parsed'

function parsedSelect(
  engine: Engine,
  source: OpenedSource,
  match: HeaderMatch,
  dayFirst: ReadonlyMap<string, boolean>,
  currency: string | undefined,
): string {
  const d = engine.dialect
  const fields = TABLES[match.kind]
  const exprs = fields.map((f) => {
    const i = match.fields.get(f.name)
    const missing = f.type === 'status' ? `'completed'` : 'NULL'
    const expr = i === undefined ? missing : fieldExpression(d, f, i, dayFirst.get(f.name) ?? false)
    return f.name === 'currency' && currency !== undefined
      ? `coalesce(${expr}, ${d.quoteString(currency)}) AS ${f.name}`
      : `${expr} AS ${f.name}`
  })
  const attrs =
    match.attributes.length === 0
      ? 'NULL'
      : `json_object(${match.attributes.map((i) => `${d.quoteString(source.headers[i]!.trim() || `column${i + 1}`)}, nullif(trim(c${i}), '')`).join(', ')})`
  const line =
    source.lineColumn ?? `${source.recordNumber ?? 'row_number() OVER ()'} + ${source.headerLines}`
  const select = `SELECT ${exprs.join(', ')}, ${attrs} AS attributes, ${line} AS source_line FROM ${source.relation}`
  return match.kind === 'transactions' ? `SELECT ${signed} FROM (${select})` : select
}

/** Refunds reduce value: a refunded order's amount and profit are stored as negative. */
const signed = `* REPLACE (CASE WHEN status = 'refunded' THEN -abs(amount) ELSE amount END AS amount,
  CASE WHEN status = 'refunded' THEN -abs(profit) ELSE profit END AS profit)`

function stageSql(kind: TableKind): string {
  const names = TABLES[kind].map((f) => f.name)
  const content = `md5_number(concat_ws(chr(31), ${names.map((n) => `coalesce(CAST(${n} AS VARCHAR), chr(0))`).join(', ')}, coalesce(CAST(attributes AS VARCHAR), chr(0))))`
  if (kind === 'customers') {
    return `SELECT * EXCLUDE (h), md5_number(customer_id) AS row_key, h AS row_hash FROM (
      SELECT *, ${content} AS h FROM ${PARSED}
      QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY source_line DESC) = 1)`
  }
  const hashed = `SELECT *, ${content} AS h FROM ${PARSED}`
  if (kind !== 'transactions') {
    return `SELECT * EXCLUDE (h, dup), h AS row_hash, md5_number(CAST(h AS VARCHAR) || '#' || dup) AS row_key
      FROM (SELECT *, row_number() OVER (PARTITION BY h ORDER BY source_line) AS dup FROM (${hashed}))`
  }
  // Identical rows of one order fold into one (dup > 1); an order's distinct lines are
  // numbered in content order (occ), so the same file always gives the same keys. Orders of
  // one row (most, in practice) skip the two window sorts: their key is always `id#1`.
  // The ids of orders with several rows, found once for both branches.
  return `WITH multi AS MATERIALIZED (
      SELECT order_id FROM ${PARSED} WHERE order_id IS NOT NULL GROUP BY order_id HAVING count(*) > 1)
    SELECT * EXCLUDE (h), h AS row_hash, md5_number(order_id || '#1') AS row_key
    FROM (${hashed}) WHERE order_id IS NOT NULL AND order_id NOT IN (SELECT order_id FROM multi)
    UNION ALL
    SELECT * EXCLUDE (h, dup, occ), h AS row_hash,
      md5_number(CASE WHEN order_id IS NULL THEN CAST(h AS VARCHAR) || '#' || dup ELSE order_id || '#' || occ END) AS row_key
    FROM (SELECT *, row_number() OVER (PARTITION BY order_id, h ORDER BY source_line) AS dup,
        dense_rank() OVER (PARTITION BY order_id ORDER BY h) AS occ
      FROM (${hashed} WHERE order_id IS NULL OR order_id IN (SELECT order_id FROM multi)))
    WHERE order_id IS NULL OR dup = 1`
}

/** Loads a validated source into its table inside the caller's transaction. */
export async function loadSource(
  engine: Engine,
  source: OpenedSource,
  match: HeaderMatch,
  dayFirst: ReadonlyMap<string, boolean>,
  importId: number,
  rows: number,
  /** The mapping's currency, for orders that name none. */
  currency?: string,
): Promise<LoadCounts> {
  const kind = match.kind
  // Parsed values are materialised once: the parse macros are inlined expressions, and
  // the hash and windows below would otherwise evaluate them again for every reference.
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${PARSED} AS ${parsedSelect(engine, source, match, dayFirst, currency)}`,
  )
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${STAGED} AS ${stageSql(kind)}`)
  await engine.run(`DROP TABLE ${PARSED}`)
  const [{ staged, changed }] = (await engine.all(
    `SELECT count(*) AS staged,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${kind} t WHERE t.row_key = s.row_key AND t.row_hash <> s.row_hash)) AS changed
     FROM ${STAGED} s`,
  )) as [{ staged: number; changed: number }]
  if (changed > 0) {
    await engine.run(
      `DELETE FROM ${kind} WHERE row_key IN (SELECT row_key FROM ${STAGED}) AND NOT EXISTS (
         SELECT 1 FROM ${STAGED} s WHERE s.row_key = ${kind}.row_key AND s.row_hash = ${kind}.row_hash)`,
    )
  }
  const cols = [
    ...TABLES[kind].map((f) => f.name),
    'attributes',
    'row_key',
    'row_hash',
    'source_line',
  ]
  const [{ stored }] = (await engine.all(`SELECT count(*) AS stored FROM ${kind}`)) as [
    { stored: number },
  ]
  const inserted = await engine.run(
    `INSERT INTO ${kind} (${cols.join(', ')}, import_id)
     SELECT ${cols.join(', ')}, ${importId} FROM ${STAGED} s
     ${Number(stored) === 0 ? '' : `WHERE NOT EXISTS (SELECT 1 FROM ${kind} t WHERE t.row_key = s.row_key)`}`,
  )
  await engine.run(`DROP TABLE ${STAGED}`)
  return {
    rows,
    inserted: inserted - changed,
    updated: changed,
    unchanged: staged - inserted,
    duplicates: rows - staged,
  }
}
