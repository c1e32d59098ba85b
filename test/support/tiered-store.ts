// A small analysed store made as a user makes one, through the same app functions as
// `clientele generate` and `clientele analyze`, on the generated customers and orders only
// (the generated surveys, feedback and answer key are left out, so tests see only the rows
// they import themselves).
import { join } from 'node:path'
import { analyze, generate } from '../../src/app/index.js'

/** Generates `customers` customers into `dir`, analyses them by `policy`; returns the store path. */
export async function tieredStore(dir: string, customers = 60, policy = 'b2b4'): Promise<string> {
  const gen = join(dir, 'gen')
  await generate({ customers, seed: 7, outDir: gen })
  const store = join(dir, 'store.duckdb')
  const files = ['customers.csv', 'orders.csv'].map((f) => join(gen, f))
  await analyze({ store, files, policy, formats: [] })
  return store
}
