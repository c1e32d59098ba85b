/**
 * The store's tables: one per canonical table (its fields, extra columns as a JSON
 * `attributes` object, and the row's identity for idempotent imports), plus the log of
 * imports. Created on first use; never dropped by Clientele.
 */
import type { Engine } from '../engine/index.js'
import { TABLE_KINDS, TABLES, type FieldType, type TableKind } from '../schema/index.js'

export const STORE_VERSION = 1

const SQL_TYPES: Record<FieldType, string> = {
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
    // Identity of the row across imports, and a hash of its content (see import.ts).
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
