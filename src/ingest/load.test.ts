import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { importFiles } from './import-files.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-load-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const ORDERS = 'order_id,customer_id,date,amount,product\n'
const counts = (e: Engine) =>
  e.all(
    `SELECT (SELECT count(*) FROM transactions) AS orders, (SELECT count(*) FROM customers) AS customers,
            (SELECT count(*) FROM imports) AS imports`,
  )
const counted = (r: Awaited<ReturnType<typeof importFiles>>) =>
  r.files.map(({ rows, inserted, updated, unchanged, duplicates }) => ({
    rows,
    inserted,
    updated,
    unchanged,
    duplicates,
  }))

describe('atomic imports', () => {
  it('writes nothing when the second of two files is bad, and the store survives reopening', async () => {
    const store = join(dir, 'atomic.duckdb')
    let engine = await openEngine(store)
    const first = write('first.csv', `${ORDERS}A1,C1,2024-01-05,10,x\n`)
    expect((await importFiles(engine, [first])).ok).toBe(true)
    const before = await counts(engine)
    const importsBefore = await engine.all('SELECT * FROM imports')

    const good = write('good.csv', `${ORDERS}B1,C2,2024-01-06,20,y\n`)
    const customers = write('customers.csv', 'customer_id,name\nC2,Bob\n')
    const bad = write('bad.csv', `${ORDERS}B2,C3,2024-01-07,twenty,z\n`)
    const r = await importFiles(engine, [good, customers, bad])
    expect(r).toMatchObject({ ok: false, importId: undefined, files: [], totalIssues: 1 })
    expect(await counts(engine)).toEqual(before)
    await engine.close()

    engine = await openEngine(store)
    expect(await counts(engine)).toEqual([{ orders: 1, customers: 0, imports: 1 }])
    expect(await engine.all('SELECT * FROM imports')).toEqual(importsBefore)
    await engine.close()
  })
})

describe('idempotent imports', () => {
  let engine: Engine
  beforeEach(async () => {
    engine = await openEngine(':memory:')
  })
  afterEach(() => engine.close())

  it('does not double orders imported twice; the second import finds them unchanged', async () => {
    const file = write(
      'orders.csv',
      `${ORDERS}A1,C1,2024-01-05,10,x\nA1,C1,2024-01-05,12,y\nA2,C2,2024-01-06,20,x\n,C3,2024-01-07,5,x\n`,
    )
    const first = await importFiles(engine, [file])
    expect(counted(first)).toEqual([
      { rows: 4, inserted: 4, updated: 0, unchanged: 0, duplicates: 0 },
    ])
    const second = await importFiles(engine, [file])
    expect(second.importId).toBe(2)
    expect(counted(second)).toEqual([
      { rows: 4, inserted: 0, updated: 0, unchanged: 4, duplicates: 0 },
    ])
    expect(await counts(engine)).toEqual([{ orders: 4, customers: 0, imports: 2 }])
    // An order's lines are keyed id#1, id#2 …, the same for one-row orders (which skip the
    // window sorts) as for the lines of longer ones.
    expect(
      await engine.all(
        `SELECT order_id, count(*) FILTER (WHERE row_key = md5_number(order_id || '#1')) AS first,
           count(*) FILTER (WHERE row_key = md5_number(order_id || '#2')) AS second
         FROM transactions WHERE order_id IS NOT NULL GROUP BY order_id ORDER BY order_id`,
      ),
    ).toEqual([
      { order_id: 'A1', first: 1, second: 1 },
      { order_id: 'A2', first: 1, second: 0 },
    ])
  })

  it('folds exact repeats of an order row (same id and content) into one, counting them', async () => {
    const file = write(
      'repeats.csv',
      `${ORDERS}A1,C1,2024-01-05,10,x\nA1,C1,2024-01-05,10,x\nA1,C1,2024-01-05,10,x\nA2,C1,2024-01-05,10,x\n`,
    )
    const r = await importFiles(engine, [file])
    expect(counted(r)).toEqual([{ rows: 4, inserted: 2, updated: 0, unchanged: 0, duplicates: 2 }])
    expect(await engine.all('SELECT order_id, source_line FROM transactions ORDER BY 1')).toEqual([
      { order_id: 'A1', source_line: 2 },
      { order_id: 'A2', source_line: 5 },
    ])
    expect(
      await engine.all('SELECT rows_read, rows_inserted, rows_duplicate FROM imports'),
    ).toEqual([{ rows_read: 4, rows_inserted: 2, rows_duplicate: 2 }])
  })

  it('keeps two identical rows without an order id as two purchases, also on re-import', async () => {
    const file = write('no-id.csv', 'customer_id,date,amount\nC1,2024-01-05,10\nC1,2024-01-05,10\n')
    expect(counted(await importFiles(engine, [file]))).toEqual([
      { rows: 2, inserted: 2, updated: 0, unchanged: 0, duplicates: 0 },
    ])
    expect(counted(await importFiles(engine, [file]))).toEqual([
      { rows: 2, inserted: 0, updated: 0, unchanged: 2, duplicates: 0 },
    ])
    expect(await engine.all('SELECT count(*) AS n FROM transactions')).toEqual([{ n: 2 }])
  })

  it('recomputes the hashes and keys of a store hashed another way, so a re-import still finds every row', async () => {
    const orders = write(
      'mixed.csv',
      `${ORDERS}A1,C1,2024-01-05,10,x\nA1,C1,2024-01-05,12,y\nA2,C2,2024-01-06,20,x\n,C3,2024-01-07,5,x\n,C3,2024-01-07,5,x\n`,
    )
    const contacts = write(
      'contacts.csv',
      'customer_id,date,type\nC1,2024-01-05,call\nC1,2024-01-05,call\n',
    )
    const customers = write('people.csv', 'customer_id,name\nC1,Ann\nC2,Bo\n')
    await importFiles(engine, [orders, contacts, customers])
    const keys = `SELECT 'o' AS t, CAST(row_key AS VARCHAR) AS k, CAST(row_hash AS VARCHAR) AS h FROM transactions
      UNION ALL SELECT 'i', CAST(row_key AS VARCHAR), CAST(row_hash AS VARCHAR) FROM interactions
      UNION ALL SELECT 'c', CAST(row_key AS VARCHAR), CAST(row_hash AS VARCHAR) FROM customers ORDER BY 1, 2`
    const made = await engine.all(keys)
    // A store from another hashing scheme: every hash and every key different.
    await engine.run(`UPDATE store_meta SET value = '1:older' WHERE key = 'content_hash'`)
    for (const t of ['transactions', 'interactions', 'customers']) {
      await engine.run(
        `UPDATE ${t} SET row_hash = md5_number('x' || rowid), row_key = md5_number('y' || rowid)`,
      )
    }
    const again = await importFiles(engine, [orders, contacts, customers])
    expect(counted(again)).toEqual([
      { rows: 5, inserted: 0, updated: 0, unchanged: 5, duplicates: 0 },
      { rows: 2, inserted: 0, updated: 0, unchanged: 2, duplicates: 0 },
      { rows: 2, inserted: 0, updated: 0, unchanged: 2, duplicates: 0 },
    ])
    expect(await engine.all(keys)).toEqual(made)
    expect(
      await engine.all(
        `SELECT value LIKE '2:%' AS current FROM store_meta WHERE key = 'content_hash'`,
      ),
    ).toEqual([{ current: true }])
  })

  it('replaces an order whose content changed in a re-import', async () => {
    await importFiles(engine, [
      write('v1.csv', `${ORDERS}A1,C1,2024-01-05,10,x\nA2,C2,2024-01-06,20,x\n`),
    ])
    const r = await importFiles(engine, [
      write('v2.csv', `${ORDERS}A1,C1,2024-01-05,11,x\nA2,C2,2024-01-06,20,x\n`),
    ])
    expect(counted(r)).toEqual([{ rows: 2, inserted: 0, updated: 1, unchanged: 1, duplicates: 0 }])
    expect(
      await engine.all('SELECT order_id, amount, import_id FROM transactions ORDER BY 1'),
    ).toEqual([
      { order_id: 'A1', amount: 11, import_id: 2 },
      { order_id: 'A2', amount: 20, import_id: 1 },
    ])
  })

  it('replaces a re-imported customer whose name changed instead of adding a second row', async () => {
    await importFiles(engine, [write('c1.csv', 'customer_id,name\nC1,Alice\nC2,Bob\n')])
    const r = await importFiles(engine, [
      write('c2.csv', 'customer_id,name\nC1,Alice Wang\nC2,Bob\n'),
    ])
    expect(counted(r)).toEqual([{ rows: 2, inserted: 0, updated: 1, unchanged: 1, duplicates: 0 }])
    expect(await engine.all('SELECT customer_id, name FROM customers ORDER BY 1')).toEqual([
      { customer_id: 'C1', name: 'Alice Wang' },
      { customer_id: 'C2', name: 'Bob' },
    ])
  })

  it('keeps the last row of a customer id repeated within one file', async () => {
    const file = write(
      'repeat.csv',
      'customer_id,name,city\nC1,Alice,Beijing\nC2,Bob,Rome\nC1,Alicia,Shanghai\n',
    )
    expect(counted(await importFiles(engine, [file]))).toEqual([
      { rows: 3, inserted: 2, updated: 0, unchanged: 0, duplicates: 1 },
    ])
    expect(
      await engine.all('SELECT customer_id, name, city, source_line FROM customers ORDER BY 1'),
    ).toEqual([
      { customer_id: 'C1', name: 'Alicia', city: 'Shanghai', source_line: 4 },
      { customer_id: 'C2', name: 'Bob', city: 'Rome', source_line: 3 },
    ])
  })

  it('fills the currency the mapping names where an order has none', async () => {
    const noColumn = write('cny.csv', 'customer_id,date,amount\nC1,2024-01-05,10\n')
    const blanks = write(
      'mixed.csv',
      'customer_id,date,amount,currency\nC2,2024-01-05,10,USD\nC3,2024-01-05,10,\n',
    )
    await importFiles(engine, [noColumn, blanks], { mapping: { currency: 'CNY' } })
    expect(await engine.all('SELECT customer_id, currency FROM transactions ORDER BY 1')).toEqual([
      { customer_id: 'C1', currency: 'CNY' },
      { customer_id: 'C2', currency: 'USD' },
      { customer_id: 'C3', currency: 'CNY' },
    ])
  })

  it('treats a changed attribute as changed content', async () => {
    await importFiles(engine, [write('a1.csv', 'customer_id,name,vip\nC1,Alice,no\n')])
    const r = await importFiles(engine, [write('a2.csv', 'customer_id,name,vip\nC1,Alice,yes\n')])
    expect(counted(r)[0]?.updated).toBe(1)
    expect(await engine.all('SELECT attributes FROM customers')).toEqual([
      { attributes: '{"vip":"yes"}' },
    ])
  })
})
