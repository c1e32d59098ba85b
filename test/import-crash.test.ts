// An import killed with SIGKILL while it writes must leave the store as it was: DuckDB
// commits through its write-ahead log, and the import is one transaction.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openEngine } from '../src/engine/index.js'
import { cli, cliUntil } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function writeOrders(path: string, rows: number, prefix: string) {
  const out = createWriteStream(path)
  out.write('order_id,customer_id,order_date,amount\n')
  for (let i = 0; i < rows; i++) {
    const line = `${prefix}${i},C${i % 50000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 0.5}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

it('keeps the previous store contents when an import is killed mid-write', async () => {
  const store = join(dir, 'store.duckdb')
  const small = join(dir, 'first-orders.csv')
  const big = join(dir, 'big-orders.csv')
  await writeOrders(small, 1000, 'A')
  await writeOrders(big, 2_000_000, 'B')
  expect(cli(['import', small, '--store', store, '--json']).status).toBe(0)

  const { child, seen } = cliUntil(['import', big, '--store', store], /writing/)
  await seen
  await new Promise((r) => setTimeout(r, 300))
  child.kill('SIGKILL')
  const [, signal] = await once(child, 'exit')
  expect(signal).toBe('SIGKILL')

  const engine = await openEngine(store)
  const [counts] = await engine.all(
    `SELECT (SELECT count(*) FROM transactions) AS orders, (SELECT count(*) FROM imports) AS imports`,
  )
  await engine.close()
  expect(counts).toEqual({ orders: 1000, imports: 1 })

  // The store still takes the same import afterwards, whole.
  const again = cli(['import', big, '--store', store, '--json'])
  expect(again.status).toBe(0)
  expect(JSON.parse(again.stdout).files[0].inserted).toBe(2_000_000)
})
