/**
 * One store, one request at a time: two DuckDB instances on the same file in one process must
 * never overlap. Work given to `withEngine` shares one open store while more work is waiting
 * for it, so a busy server does not reopen a large store (and refill its caches) for every
 * request; the store is closed as soon as nothing waits, which leaves it to the CLI between
 * requests as before. Work given to `run` (the app's use cases, which open the store
 * themselves) gets the store closed first.
 */
import { openEngine, type Engine } from '../engine/index.js'

export class StoreGate {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0
  private open: Engine | undefined

  constructor(readonly store: string) {}

  /** Runs `work` after every earlier piece of work has settled, with the store closed. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.queue(async () => {
      await this.close()
      return work()
    })
  }

  /** Runs `work` on the store, opened for it or kept open from the work before it. */
  withEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    return this.queue(async () => {
      this.open ??= await openEngine(this.store)
      return work(this.open)
    })
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

  private queue<T>(work: () => Promise<T>): Promise<T> {
    this.waiting++
    const step = async () => {
      try {
        return await work()
      } catch (e) {
        // a store that failed once is not trusted with the next request
        await this.close()
        throw e
      } finally {
        if (--this.waiting === 0) await this.close()
      }
    }
    const next = this.tail.then(step, step)
    this.tail = next.catch(() => undefined)
    return next
  }

  private async close(): Promise<void> {
    const engine = this.open
    this.open = undefined
    await engine?.close()
  }
}
