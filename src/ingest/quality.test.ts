import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { importFiles } from './import-files.js'
import { qualityReport } from './quality.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-quality-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, lines: readonly string[]) => {
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

let engine: Engine
beforeEach(async () => {
  engine = await openEngine(':memory:')
})
afterEach(() => engine.close())

const TODAY = '2024-06-30'
/** Ten ordinary orders of C1 and C2 between 100 and 145, in CNY. */
const ORDINARY = Array.from(
  { length: 10 },
  (_, i) => `O${i},C${1 + (i % 2)},2024-01-${String(10 + i)},${100 + 5 * i},completed,CNY`,
)

describe('qualityReport', () => {
  it('finds each problem of a hand-made store with exact counts and what was done', async () => {
    const customers = write('customers.csv', [
      'customer_id,name,company',
      'C1,Ann,',
      'C2,Bob,',
      'C3,,',
      'C4,Dan,',
      'C5,,ACME',
    ])
    const orders = write('orders.csv', [
      'order_id,customer_id,date,amount,status,currency',
      ...ORDINARY,
      'R1,C2,2024-02-01,50,refunded,CNY',
      'R2,C1,2024-02-02,-20,completed,CNY',
      'X1,C2,2024-02-03,30,cancelled,CNY',
      'X2,C1,2024-02-04,30,已取消,CNY',
      'BIG,C1,2024-03-01,100000,completed,CNY',
      'F1,C1,2030-01-01,100,completed,USD',
      'O0,C9,2024-01-10,100,completed,CNY',
      'O0,C9,2024-01-10,100,completed,CNY',
      'P1,C8,2024-02-05,120,completed,CNY',
    ])
    expect((await importFiles(engine, [customers, orders])).ok).toBe(true)

    const report = await qualityReport(engine, TODAY)
    expect(report.findings.map((f) => [f.check, f.severity, f.count, f.examples])).toEqual([
      ['duplicate rows in imported files', 'info', 1, []],
      ['orders without a customer record (orphan ids)', 'warning', 2, ['C8', 'C9']],
      ['customers with no orders', 'info', 3, ['C3', 'C4', 'C5']],
      ['negative amounts (refunds)', 'info', 2, ['C1 2024-02-02 -20.0', 'C2 2024-02-01 -50.0']],
      ['outlying amounts (above Q3 + 3 × IQR)', 'warning', 1, ['C1 2024-03-01 100000.0']],
      ['future dates', 'warning', 1, ['transactions C1 2030-01-01']],
      ['cancelled orders', 'info', 2, ['X1', 'X2']],
      ['one order id used by several customers', 'warning', 1, ['O0']],
      ['mixed currencies', 'warning', 2, ['CNY: 17 orders', 'USD: 1 orders']],
      ['customers missing a name', 'info', 1, ['C3']],
    ])
    expect(report.findings.find((f) => f.check === 'mixed currencies')?.action).toBe(
      'amounts are not converted: analyse one currency at a time or convert before importing',
    )
    expect(report.imports).toEqual({ files: 2, duplicatesFolded: 1 })
    expect(report.tables.find((t) => t.table === 'transactions')).toEqual({
      table: 'transactions',
      rows: 18,
      customers: 4,
      from: '2024-01-10',
      to: '2030-01-01',
    })
  })

  it('counts a date as future only after the given today', async () => {
    const orders = write('dated.csv', [
      'customer_id,date,amount',
      'C1,2024-06-30,10',
      'C1,2024-07-01,10',
    ])
    await importFiles(engine, [orders])
    const futures = async (today: string) =>
      (await qualityReport(engine, today)).findings.find((f) => f.check === 'future dates')?.count
    expect(await futures('2024-06-30')).toBe(1)
    expect(await futures('2024-07-01')).toBeUndefined()
  })

  it('does not call orders orphans when no customer list was imported', async () => {
    await importFiles(engine, [
      write('only-orders.csv', ['customer_id,date,amount', 'C1,2024-01-05,10']),
    ])
    const checks = (await qualityReport(engine, TODAY)).findings.map((f) => f.check)
    expect(checks).not.toContain('orders without a customer record (orphan ids)')
  })

  it('has no findings for a clean store', async () => {
    const customers = write('clean-customers.csv', ['customer_id,name', 'C1,Ann', 'C2,Bob'])
    const orders = write('clean-orders.csv', [
      'order_id,customer_id,date,amount,status,currency',
      ...ORDINARY,
    ])
    await importFiles(engine, [customers, orders])
    const report = await qualityReport(engine, TODAY)
    expect(report.findings).toEqual([])
    expect(report.tables.map((t) => [t.table, t.rows])).toEqual([
      ['customers', 2],
      ['transactions', 10],
      ['interactions', 0],
      ['feedback', 0],
      ['surveys', 0],
      ['campaigns', 0],
    ])
  })

  it('reports on a store that has never had an import', async () => {
    const report = await qualityReport(engine, TODAY)
    expect(report.findings).toEqual([])
    expect(report.imports).toEqual({ files: 0, duplicatesFolded: 0 })
  })
})
