// The command line as a user meets it: exit codes, JSON on a pipe, errors with locations.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openEngine } from '../src/engine/index.js'
import { cli } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const orders = join(dir, 'orders.csv')
writeFileSync(
  orders,
  '订单编号,客户编号,下单时间,实付金额,订单状态\nA1,C1,2024/1/5,"¥1,200.00",已完成\nA2,C2,2024年2月1日,300,已退款\nA3,C1,20240301,(50),已完成\n',
)

describe('clientele CLI', () => {
  it('exits 2 on an unknown command or option, with help on stderr', () => {
    const r = cli(['frobnicate'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain("error: unknown command 'frobnicate'")
    expect(cli(['import', orders, '--kind', 'nonsense']).status).toBe(2)
  })

  it('refuses an upload limit of serve that is not a positive number of MiB: exit 2', () => {
    for (const v of ['0', '-5', 'lots']) {
      const r = cli(['serve', '--max-upload-mb', v, '--store', join(dir, 'serve.duckdb')])
      expect(r.status).toBe(2)
      expect(r.stderr).toContain(`invalid size: ${v} (expected a number of MiB above 0)`)
    }
  })

  it('imports Chinese headers and prints JSON on a pipe; status counts the rows', () => {
    const store = join(dir, 'a.duckdb')
    const r = cli(['import', orders, '--store', store])
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.ok).toBe(true)
    expect(out.files[0]).toMatchObject({
      kind: 'transactions',
      rows: 3,
      inserted: 3,
      columns: {
        order_id: '订单编号',
        customer_id: '客户编号',
        date: '下单时间',
        amount: '实付金额',
        status: '订单状态',
      },
    })
    const s = JSON.parse(cli(['status', '--store', store, '--json']).stdout)
    const tx = s.tables.find((t: { table: string }) => t.table === 'transactions')
    expect(tx).toEqual({
      table: 'transactions',
      rows: 3,
      customers: 2,
      from: '2024-01-05',
      to: '2024-03-01',
    })
  })

  it('rejects a bad file with exit 1, writing nothing and naming line, column and value', () => {
    const store = join(dir, 'b.duckdb')
    const bad = join(dir, 'bad-orders.csv')
    writeFileSync(
      bad,
      'order_id,customer_id,order_date,amount\nX1,C1,2024-01-05,10\nX2,C2,2024-13-45,12\n',
    )
    const r = cli(['import', bad, '--store', store])
    expect(r.status).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.ok).toBe(false)
    expect(out.issues).toEqual([
      {
        code: 'INGEST_BAD_DATE',
        file: bad,
        line: 3,
        column: 'order_date',
        path: 'date',
        value: '2024-13-45',
        message: 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日',
      },
    ])
    const s = JSON.parse(cli(['status', '--store', store, '--json']).stdout)
    expect(s.tables.find((t: { table: string }) => t.table === 'transactions').rows).toBe(0)
  })

  it('reports a missing mapping file as a user error, without a stack trace', () => {
    const r = cli(['import', orders, '--mapping', join(dir, 'nope.yaml'), '--store', ':memory:'])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`clientele: mapping file not found: ${join(dir, 'nope.yaml')}\n`)
    const j = cli([
      'import',
      orders,
      '--mapping',
      join(dir, 'nope.yaml'),
      '--store',
      ':memory:',
      '--json',
    ])
    expect(JSON.parse(j.stdout)).toMatchObject({ code: 'INGEST_FILE_NOT_FOUND' })
  })

  it('says the store is in use when another process holds it', async () => {
    const store = join(dir, 'locked.duckdb')
    const engine = await openEngine(store)
    try {
      const r = cli(['status', '--store', store])
      expect(r.status).toBe(1)
      expect(r.stderr).toMatch(
        /^clientele: the store .*locked\.duckdb is in use by another process/,
      )
    } finally {
      await engine.close()
    }
  })

  it('prints the quality report with its findings as JSON', () => {
    const store = join(dir, 'a.duckdb')
    const q = JSON.parse(
      cli(['quality', '--store', store, '--today', '2024-02-15', '--json']).stdout,
    )
    const checks = Object.fromEntries(
      q.findings.map((f: { check: string; count: number }) => [f.check, f.count]),
    )
    // A2 was refunded (stored as -300) and A3 is a (50) refund-style negative: two negatives.
    expect(checks['negative amounts (refunds)']).toBe(2)
    // 2024-03-01 is after the fixed "today".
    expect(checks['future dates']).toBe(1)
  })
})
