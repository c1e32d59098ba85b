/**
 * The store's tables: one per canonical table (its fields, extra columns as a JSON
 * `attributes` object, and the row's identity for idempotent imports), plus the log of
 * imports. Created on first use; never dropped by Clientele.
 */
import type { Engine } from '../engine/index.js'
import { TABLE_KINDS, TABLES, type FieldType, type TableKind } from '../schema/index.js'

export const STORE_VERSION = 1

export const SQL_TYPES: Record<FieldType, string> = {
  string: 'VARCHAR',
  date: 'DATE',
  number: 'DOUBLE',
  integer: 'BIGINT',
  status: 'VARCHAR',
}

/** The DDL of one canonical table. */
export function tableDdl(kind: TableKind): string {
  const cols = TABLES[kind].map(
    (f) => `${f.name} ${SQL_TYPES[f.type]}${f.required ? ' NOT NULL' : ''}`,
  )
  return `CREATE TABLE IF NOT EXISTS ${kind} (${[
    ...cols,
    'attributes JSON',
    // Identity of the row across imports, and a hash of its content (see load.ts).
    'row_key UHUGEINT NOT NULL',
    'row_hash UHUGEINT NOT NULL',
    'import_id INTEGER NOT NULL',
    'source_line BIGINT',
  ].join(', ')})`
}

const IMPORTS_DDL = `CREATE TABLE IF NOT EXISTS imports (
  import_id INTEGER NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  file VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  encoding VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_inserted BIGINT NOT NULL,
  rows_updated BIGINT NOT NULL,
  rows_unchanged BIGINT NOT NULL,
  rows_duplicate BIGINT NOT NULL
)`

/** Creates the store's tables where missing. */
export async function ensureStore(engine: Engine): Promise<void> {
  await engine.run(`CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)`)
  for (const kind of TABLE_KINDS) await engine.run(tableDdl(kind))
  await engine.run(IMPORTS_DDL)
  await engine.run(`INSERT INTO store_meta VALUES ('version', $v) ON CONFLICT (key) DO NOTHING`, {
    v: String(STORE_VERSION),
  })
}

/**
 * The hash of a row's content: its canonical columns and attributes, typed as stored, in
 * 128 bits from DuckDB's `hash` over the columns in order and in reverse. Far cheaper than
 * a digest of the values as text (the largest cost of an import when it was one), but
 * DuckDB does not promise the same `hash` across releases: `rehashStore` recomputes the
 * stored hashes when it changes.
 */
export function contentHash(kind: TableKind): string {
  const cols = [...TABLES[kind].map((f) => f.name), 'attributes']
  return `((CAST(hash(${cols.join(', ')}) AS UHUGEINT) << 64) | CAST(hash(${cols.toReversed().join(', ')}) AS UHUGEINT))`
}

/**
 * The identity text of the `dup`-th row with content hash `h`, for rows without an id. In
 * hexadecimal: DuckDB turns a UHUGEINT into decimal text about 500 times more slowly.
 */
export const occurrenceText = (h: string, dup: string) => `hex(${h}) || '#' || ${dup}`
export const occurrenceKey = (h: string, dup: string) => `md5_number(${occurrenceText(h, dup)})`

/**
 * The store's hashing scheme: how keys are made from hashes (`2`), and the hash of a fixed
 * row, which changes when DuckDB's `hash` does.
 */
const SCHEME = `'2:' || CAST(hash('clientele', CAST(1.5 AS DOUBLE), DATE '2024-01-02', NULL, CAST(42 AS BIGINT), CAST('{"a":1}' AS JSON)) AS VARCHAR)`

/** The row key of each stored row, as an import of its file computes it (see load.ts). */
function storedKey(kind: TableKind): string {
  const nth = (partition: string) =>
    occurrenceKey(
      'h',
      `row_number() OVER (PARTITION BY ${partition} ORDER BY import_id, source_line)`,
    )
  if (kind === 'customers') return 'md5_number(customer_id)'
  if (kind !== 'transactions') return nth('h')
  return `CASE WHEN order_id IS NULL THEN ${nth('order_id, h')}
    WHEN count(*) OVER (PARTITION BY order_id) = 1 THEN md5_number(order_id || '#1')
    ELSE md5_number(order_id || '#' || dense_rank() OVER (PARTITION BY order_id ORDER BY h)) END`
}

/**
 * Recomputes every stored row's content hash, and the keys made from it, when the store's
 * hashes were made by another `hash` function (another DuckDB release, or a store from
 * before content hashes used it); then a re-import of the same files still finds each row.
 * Runs inside the caller's transaction; returns whether anything was recomputed.
 */
export async function rehashStore(engine: Engine): Promise<boolean> {
  const [{ scheme, stored }] = (await engine.all(
    `SELECT ${SCHEME} AS scheme, (SELECT value FROM store_meta WHERE key = 'content_hash') AS stored`,
  )) as [{ scheme: string; stored: string | null }]
  if (stored === scheme) return false
  for (const kind of TABLE_KINDS) {
    await engine.run(
      `UPDATE ${kind} SET row_hash = s.h, row_key = s.k FROM (
         SELECT rid, h, ${storedKey(kind)} AS k FROM (SELECT rowid AS rid, *, ${contentHash(kind)} AS h FROM ${kind})
       ) s WHERE ${kind}.rowid = s.rid`,
    )
  }
  await engine.run(
    `INSERT INTO store_meta VALUES ('content_hash', $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    { v: scheme },
  )
  return stored !== null
}
