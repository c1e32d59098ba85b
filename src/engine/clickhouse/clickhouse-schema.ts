/**
 * The store's canonical tables on a ClickHouse cluster: on every shard a local MergeTree
 * table `<kind>_local` ordered by customer (and date), and a Distributed table `<kind>` over
 * them, sharded by `cityHash64(customer_id)` so that each customer's rows live on one shard.
 * Queries and inserts use the Distributed tables under their canonical names, so indicator
 * SQL runs unchanged. `ON CLUSTER` would need ZooKeeper, so each shard is reached directly.
 * Imports (and their bookkeeping tables) stay on DuckDB; the row identity columns are kept
 * as text because 18.16 has no 128-bit integers.
 */
import {
  TABLE_KINDS,
  TABLES,
  type FieldSpec,
  type FieldType,
  type TableKind,
} from '../../schema/index.js'
import type { ClickHouseEngine } from './clickhouse-engine.js'

const TYPES: Readonly<Record<FieldType, string>> = {
  string: 'String',
  date: 'Date',
  number: 'Float64',
  integer: 'Int64',
  status: 'String',
}

const EXTRA_COLUMNS = [
  'attributes Nullable(String)',
  'row_key String',
  'row_hash String',
  'import_id Int32',
  'source_line Nullable(Int64)',
]

export interface ClusterSchemaOptions {
  /** The cluster's name in the servers' `remote_servers` configuration. */
  readonly cluster: string
  /** One engine per shard, each on the store's database. */
  readonly shards: readonly ClickHouseEngine[]
}

const column = (q: (s: string) => string, f: FieldSpec) =>
  `${q(f.name)} ${f.required ? TYPES[f.type] : `Nullable(${TYPES[f.type]})`}`

/** The DDL of one canonical table's local MergeTree table on a shard. */
export function localTableDdl(engine: ClickHouseEngine, kind: TableKind): string {
  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  const fields = TABLES[kind]
  // Sorting-key columns cannot be Nullable in 18.16, so only required ones are used.
  const key = ['customer_id', 'date'].filter((k) => fields.some((f) => f.name === k && f.required))
  return `CREATE TABLE IF NOT EXISTS ${q(`${kind}_local`)} (${[
    ...fields.map((f) => column(q, f)),
    ...EXTRA_COLUMNS,
  ].join(', ')}) ENGINE = MergeTree() ORDER BY (${key.map(q).join(', ')})`
}

/** The DDL of the Distributed table `kind` over the shards' local tables. */
export function distributedTableDdl(
  engine: ClickHouseEngine,
  kind: TableKind,
  cluster: string,
): string {
  const q = (s: string) => engine.dialect.quoteIdentifier(s)
  return `CREATE TABLE IF NOT EXISTS ${q(kind)} AS ${q(`${kind}_local`)}
    ENGINE = Distributed(${q(cluster)}, ${q(engine.database)}, ${q(`${kind}_local`)}, cityHash64(customer_id))`
}

/**
 * Creates the database, the local tables and the Distributed tables on every shard, and on
 * `entry` too when it is not one of the shards (its local tables then stay empty). Safe to
 * run again.
 */
export async function ensureClusterSchema(
  entry: ClickHouseEngine,
  options: ClusterSchemaOptions,
): Promise<void> {
  const databases = new Set([entry, ...options.shards].map((s) => s.database))
  if (databases.size !== 1) {
    throw new Error(
      `invalid cluster schema: shards use different databases (${[...databases].join(', ')})`,
    )
  }
  const servers = [...options.shards]
  if (!servers.some((s) => s.location === entry.location)) servers.push(entry)
  for (const server of servers) {
    await server.ensureDatabase()
    for (const kind of TABLE_KINDS) {
      await server.run(localTableDdl(server, kind))
      await server.run(distributedTableDdl(server, kind, options.cluster))
    }
  }
}
