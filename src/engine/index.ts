import { ClickHouseEngine, type ClickHouseEngineOptions } from './clickhouse/clickhouse-engine.js'
import { DuckDBEngine, type DuckDBEngineOptions } from './duckdb/duckdb-engine.js'
import type { Engine } from './engine.js'

export {
  EngineError,
  type ColumnValues,
  type Columns,
  type CompiledQuery,
  type Engine,
  type EngineKind,
  type Params,
  type Row,
  type SqlValue,
} from './engine.js'
export type {
  ColumnSpec,
  ColumnType,
  DateGrain,
  NullType,
  PurchaseDayGaps,
  SqlDialect,
  TableLayout,
} from './dialect.js'
export { DuckDBDialect } from './duckdb/duckdb-dialect.js'
export { DuckDBEngine, type DuckDBEngineOptions } from './duckdb/duckdb-engine.js'
export { ClickHouseDialect } from './clickhouse/clickhouse-dialect.js'
export { ClickHouseEngine, type ClickHouseEngineOptions } from './clickhouse/clickhouse-engine.js'
export {
  createTableAs,
  exactFloat,
  floatHex,
  floatLiteral,
  runningSumBefore,
  sumByKey,
  valueRanks,
  valuesByKey,
} from './clickhouse/clickhouse-relations.js'
export {
  distributedTableDdl,
  ensureClusterSchema,
  localTableDdl,
  type ClusterSchemaOptions,
} from './clickhouse/clickhouse-schema.js'

/** The default store file, in the working directory. */
export const DEFAULT_STORE = 'clientele.duckdb'

/**
 * DuckDB's own memory is capped (default 1GB, `CLIENTELE_DUCKDB_MEMORY` to change it): left
 * alone it takes most of the machine's memory for caches and the process grows with the
 * data; capped, large sorts and joins spill to a temporary folder instead.
 */
function duckdbDefaults(): Record<string, string> {
  return { memory_limit: process.env.CLIENTELE_DUCKDB_MEMORY ?? '1GB' }
}

/**
 * Opens the store named by `location`: a DuckDB file path or `:memory:`, or a ClickHouse
 * server as `clickhouse://host:port/database` (see `ClickHouseEngine`).
 */
export async function openEngine(
  location: string = DEFAULT_STORE,
  options: DuckDBEngineOptions & ClickHouseEngineOptions = {},
): Promise<Engine> {
  if (/^clickhouse:\/\//i.test(location)) return ClickHouseEngine.open(location, options)
  return DuckDBEngine.open(location, {
    ...options,
    config: { ...duckdbDefaults(), ...options.config },
  })
}
