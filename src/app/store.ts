import { DEFAULT_STORE, openEngine, type Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'

/** Opens the store at `store` (default `./clientele.duckdb`), runs `work`, and closes it. */
export async function withStore<T>(
  store: string | undefined,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const engine = await openEngine(store ?? DEFAULT_STORE)
  try {
    return await work(engine)
  } finally {
    await engine.close()
  }
}

/**
 * `withStore` for the work a ClickHouse store does not do (`CLUSTER_LIMITS`): it says so
 * before any SQL the cluster lacks is sent. `command` names the work as the CLI does.
 */
export function withDuckDBStore<T>(
  store: string | undefined,
  command: string,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  return withStore(store, (engine) => {
    if (engine.kind === 'clickhouse')
      throw new ClienteleError(
        'USAGE',
        `clientele ${command} works on DuckDB stores only: ${engine.location} is a ClickHouse store, whose snapshots clientele history and clientele compare read`,
      )
    return work(engine)
  })
}
