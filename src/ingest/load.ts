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
import { TABLES } from '../schema/index.js'
import type { HeaderMatch } from './headers.js'
import { fieldExpression, invalidRow } from './parse.js'
import type { OpenedSource } from './sources.js'
import { SQL_TYPES, contentHash, occurrenceKey, occurrenceText } from './store.js'

export interface LoadCounts {
  readonly rows: number
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  /** Rows of the file that repeated another row of the same file and were folded into it. */
  readonly duplicates: number
}

const STAGED = 'clientele_staged'
/** The message of the error a row with a bad value raises in the load. */
export const INVALID_ROW = 'clientele: a value is missing or does not parse'
const MULTI = 'clientele_multi'

function parsedSelect(
  engine: Engine,
  source: OpenedSource,
  match: HeaderMatch,
  dayFirst: ReadonlyMap<string, boolean>,
  currency: string | undefined,
  /** A condition on the source's text columns: only those rows are parsed. */
  where?: string,
): string {
  const d = engine.dialect
  const fields = TABLES[match.kind]
  // Each value typed as its column is, so that its content hash at import equals the one
  // `rehashStore` computes from the stored row.
  const exprs = fields.map((f) => {
    const i = match.fields.get(f.name)
    const missing = f.type === 'status' ? `'completed'` : 'NULL'
    const expr = i === undefined ? missing : fieldExpression(d, f, i, dayFirst.get(f.name) ?? false)
    const value =
      f.name === 'currency' && currency !== undefined
        ? `coalesce(${expr}, ${d.quoteString(currency)})`
        : expr
    return `CAST(${value} AS ${SQL_TYPES[f.type]}) AS ${f.name}`
  })
  const attrs =
    match.attributes.length === 0
      ? 'CAST(NULL AS JSON)'
      : `json_object(${match.attributes.map((i) => `${d.quoteString(source.headers[i]!.trim() || `column${i + 1}`)}, nullif(trim(c${i}), '')`).join(', ')})`
  // Records are numbered before any filter, so a row keeps its line.
  const numbered = source.lineColumn === undefined && source.recordNumber === undefined
  const from = numbered
    ? `(SELECT *, row_number() OVER () AS __rec FROM ${source.relation})`
    : source.relation
  const line = source.lineColumn ?? `${source.recordNumber ?? '__rec'} + ${source.headerLines}`
  // The text of values that must parse, for `invalidRow` in `stageSql`.
  const raw = invalidRow(match)
    .raw.map((r) => `, ${r}`)
    .join('')
  const select = `SELECT ${exprs.join(', ')}, ${attrs} AS attributes, ${line} AS source_line${raw} FROM ${from}${where === undefined ? '' : ` WHERE ${where}`}`
  return match.kind === 'transactions' ? `SELECT ${signed} FROM (${select})` : select
}

/** Refunds reduce value: a refunded order's amount and profit are stored as negative. */
const signed = `* REPLACE (CASE WHEN status = 'refunded' THEN -abs(amount) ELSE amount END AS amount,
  CASE WHEN status = 'refunded' THEN -abs(profit) ELSE profit END AS profit)`

/**
 * The hashes of the order ids of a file with more than one row, and its order id as an SQL
 * expression.
 */
interface MultiRowOrders {
  readonly table: string
  readonly id: string
}

/**
 * The staged rows of `kind` (with `row_key` and `row_hash`) from `parsed`, the source's rows
 * parsed (those meeting a condition, if given). `orders` is undefined for a file of orders
 * without order ids.
 */
function stageSql(
  match: HeaderMatch,
  parsed: (where?: string) => string,
  orders: MultiRowOrders | undefined,
): string {
  const kind = match.kind
  // A row with a value missing or not parsed fails the statement here, on values parsed
  // anyway (the import then names every problem, see importFiles): a clean file is not
  // scanned a second time to check it.
  const invalid = invalidRow(match)
  const except = invalid.names.length === 0 ? '' : ` EXCLUDE (${invalid.names.join(', ')})`
  const hashed = (where?: string) =>
    `SELECT *${except}, CASE WHEN ${invalid.condition} THEN error('${INVALID_ROW}') ELSE ${contentHash(kind)} END AS h FROM (${parsed(where)})`
  if (kind === 'customers') {
    return `SELECT * EXCLUDE (h), md5_number(customer_id) AS row_key, h AS row_hash FROM (${hashed()})
      QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY source_line DESC) = 1`
  }
  if (kind !== 'transactions') {
    return `SELECT * EXCLUDE (h, dup), h AS row_hash, ${occurrenceKey('h', 'dup')} AS row_key
      FROM (SELECT *, row_number() OVER (PARTITION BY h ORDER BY source_line) AS dup FROM (${hashed()}))`
  }
  // Identical rows of one order fold into one (dup > 1); an order's distinct lines are
  // numbered in content order (occ), so the same file always gives the same keys. Orders of
  // one row (most, in practice) skip the two window sorts: their key is always `id#1`. The
  // two kinds are told apart on the text, so each row is parsed once.
  const id = orders?.id
  const inMulti = `hash(${id}) IN (SELECT h FROM ${orders?.table})`
  const single =
    orders === undefined
      ? ''
      : `SELECT * EXCLUDE (h), h AS row_hash, md5_number(order_id || '#1') AS row_key
    FROM (${hashed(`${id} IS NOT NULL AND NOT (${inMulti})`)})
    UNION ALL `
  return `${single}SELECT * EXCLUDE (h, dup, occ), h AS row_hash,
      md5_number(CASE WHEN order_id IS NULL THEN ${occurrenceText('h', 'dup')} ELSE order_id || '#' || occ END) AS row_key
    FROM (SELECT *, row_number() OVER (PARTITION BY order_id, h ORDER BY source_line) AS dup,
        dense_rank() OVER (PARTITION BY order_id ORDER BY h) AS occ
      FROM (${hashed(orders === undefined ? undefined : `${id} IS NULL OR ${inMulti}`)}))
    WHERE order_id IS NULL OR dup = 1`
}

/**
 * The order ids of the source with more than one row, as 64-bit hashes into a small
 * temporary table; none when the file has no order id column. Grouping 10^7 ids by hash
 * takes a fraction of grouping them as text. Two ids that share a hash send a one-row order
 * down the general path, which gives it the same key (`id#1`): a collision costs time, not
 * correctness.
 */
async function multiRowOrders(
  engine: Engine,
  source: OpenedSource,
  match: HeaderMatch,
): Promise<MultiRowOrders | undefined> {
  const i = match.fields.get('order_id')
  if (i === undefined) return undefined
  const id = `nullif(trim(c${i}), '')`
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${MULTI} AS SELECT hash(order_id) AS h FROM (
       SELECT ${id} AS order_id FROM ${source.relation})
     WHERE order_id IS NOT NULL GROUP BY h HAVING count(*) > 1`,
  )
  return { table: MULTI, id }
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
  const multi = kind === 'transactions' ? await multiRowOrders(engine, source, match) : undefined
  const staging = stageSql(
    match,
    (where) => parsedSelect(engine, source, match, dayFirst, currency, where),
    multi,
  )
  const cols = [
    ...TABLES[kind].map((f) => f.name),
    'attributes',
    'row_key',
    'row_hash',
    'source_line',
  ].join(', ')
  const insert = `INSERT INTO ${kind} (${cols}, import_id) SELECT ${cols}, ${importId}`
  // Temporary tables are dropped on success; a failure rolls them back with the import.
  const drop = () => engine.run(`DROP TABLE IF EXISTS ${STAGED}; DROP TABLE IF EXISTS ${MULTI}`)
  const [{ stored }] = (await engine.all(`SELECT count(*) AS stored FROM ${kind}`)) as [
    { stored: number },
  ]
  // Into an empty table the staged rows stream straight from the file: nothing to compare.
  if (Number(stored) === 0) {
    const inserted = await engine.run(`${insert} FROM (${staging})`)
    await drop()
    return { rows, inserted, updated: 0, unchanged: 0, duplicates: rows - inserted }
  }
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${STAGED} AS ${staging}`)
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
  const inserted = await engine.run(
    `${insert} FROM ${STAGED} s WHERE NOT EXISTS (SELECT 1 FROM ${kind} t WHERE t.row_key = s.row_key)`,
  )
  await drop()
  return {
    rows,
    inserted: inserted - changed,
    updated: changed,
    unchanged: staged - inserted,
    duplicates: rows - staged,
  }
}
