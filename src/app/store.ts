import { DEFAULT_STORE, openEngine, type Engine } from '../engine/index.js'

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
