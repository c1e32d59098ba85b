import { DuckDBEngine, type DuckDBEngineOptions } from './duckdb/duckdb-engine.js'
import { EngineError, type Engine } from './engine.js'

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
export type { DateGrain, SqlDialect } from './dialect.js'
export { DuckDBDialect } from './duckdb/duckdb-dialect.js'
export { DuckDBEngine, type DuckDBEngineOptions } from './duckdb/duckdb-engine.js'

/** The default store file, in the working directory. */
export const DEFAULT_STORE = 'clientele.duckdb'

/** Opens the store named by `location`: a DuckDB file path or `:memory:`. */
export async function openEngine(
  location: string = DEFAULT_STORE,
  options: DuckDBEngineOptions = {},
): Promise<Engine> {
  if (/^clickhouse:\/\//i.test(location)) {
    throw new EngineError(
      'ENGINE_UNREACHABLE',
      `ClickHouse stores are not supported by this version of Clientele: ${location}`,
    )
  }
  return DuckDBEngine.open(location, options)
}
