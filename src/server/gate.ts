/**
 * One store, one request at a time: the app layer opens and closes the store on every call,
 * and two DuckDB instances on the same file in one process must never overlap.
 */
import { openEngine, type Engine } from '../engine/index.js'

export class StoreGate {
  private tail: Promise<unknown> = Promise.resolve()

  constructor(readonly store: string) {}

  /** Runs `work` after every earlier piece of work has settled. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work)
    this.tail = next.catch(() => undefined)
    return next
  }

  /** Runs `work` on the store, opened for it alone and closed after. */
  withEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    return this.run(() => this.withEngineNow(work))
  }

  /** As `withEngine`, for work already inside `run`, which would wait for itself otherwise. */
  async withEngineNow<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    const engine = await openEngine(this.store)
    try {
      return await work(engine)
    } finally {
      await engine.close()
    }
  }
}
