import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { COLUMNS, headers } from './columns.js'
import { generateDataset } from './generate.js'
import type { GenerateOptions } from './options.js'

const root = mkdtempSync(join(tmpdir(), 'generate-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function run(name: string, options: Partial<GenerateOptions> = {}) {
  return generateDataset({ customers: 300, seed: 7, outDir: join(root, name), ...options })
}
const file = (dir: string, name: string) => readFileSync(join(root, dir, name))
/** Data lines split on commas: for files whose columns are never quoted (orders, truth). */
const table = (dir: string, name: string) =>
  file(dir, name)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))

interface Truth {
  id: string
  type: string
  lambda: number
  first: string
  purchases: number
  alive: boolean
  dropout: string
  moved: boolean
}
const truth = (dir: string): Truth[] =>
  table(dir, 'truth.csv').map(
    ([id, type, lambda, , , first, purchases, alive, dropout, moved]) => ({
      id: id!,
      type: type!,
      lambda: Number(lambda),
      first: first!,
      purchases: Number(purchases),
      alive: alive === '1',
      dropout: dropout!,
      moved: moved === '1',
    }),
  )
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000

describe('generateDataset', () => {
  it('writes byte-identical files for the same options and different files for another seed', async () => {
    const a = await run('same-a')
    await run('same-b')
    await run('other', { seed: 8 })
    for (const f of a.files) {
      const name = basename(f.path)
      expect(file('same-b', name).equals(readFileSync(f.path)), name).toBe(true)
      expect(file('other', name).equals(readFileSync(f.path)), name).toBe(false)
    }
  })

  it('writes the rows it reports, with the headers of its language', async () => {
    const r = await run('counts', { customers: 500 })
    expect(r.customers).toBe(500)
    for (const f of r.files) {
      const lines = readFileSync(f.path, 'utf8').trimEnd().split('\n')
      expect(lines.length - 1, f.table).toBe(f.rows)
      if (f.table !== 'truth') expect(lines[0]).toBe(headers(COLUMNS[f.table], 'zh').join(','))
    }
    expect(r.files.find((f) => f.table === 'customers')?.rows).toBe(500)
    expect(r.orders).toBe(r.files.find((f) => f.table === 'orders')?.rows)
  })

  it('writes one completed order per purchase of the process, the first on the acquisition day', async () => {
    await run('orders', { customers: 500 })
    const orders = table('orders', 'orders.csv')
    const completed = new Map(orders.filter((o) => o[9] === '已完成').map((o) => [o[0]!, o]))
    const people = truth('orders')
    expect(completed.size).toBe(people.reduce((s, t) => s + t.purchases, 0))
    const first = new Map<string, string>()
    for (const o of completed.values()) if (!first.has(o[1]!)) first.set(o[1]!, o[2]!)
    expect(people.every((t) => first.get(t.id) === t.first)).toBe(true)
    const all = [...completed.values()]
    expect(all.every((o) => o[2]! >= '2023-01-01' && o[2]! <= '2025-12-31')).toBe(true)
    // Exact duplicate rows (default 0.5 %) share their order id and every value.
    const lines = file('orders', 'orders.csv').toString('utf8').split('\n')
    expect(lines.length - new Set(lines).size).toBeGreaterThan(0)
    expect(orders.filter((o) => o[9] === '已取消').length).toBeGreaterThan(0)
  })

  it('refunds about refundRate of completed orders with negative amounts', async () => {
    await run('refunds', { customers: 2000, refundRate: 0.1, lang: 'en' })
    const orders = table('refunds', 'orders.csv')
    const completed = new Map(orders.filter((o) => o[9] === 'completed').map((o) => [o[0]!, o]))
    const refunds = orders.filter((o) => o[9] === 'refunded')
    expect(refunds.every((o) => completed.has(o[0]!.replace(/-R$/, '')) && Number(o[3]) < 0)).toBe(
      true,
    )
    const n = completed.size
    expect(Math.abs(refunds.length / n - 0.1)).toBeLessThan(4 * Math.sqrt(0.09 / n))
    // The share of customers with a refund: 1 − 0.9^orders for each customer, summed.
    const people = truth('refunds')
    const refunded = new Set(refunds.map((o) => o[1]))
    const q = people.map((t) => 1 - 0.9 ** t.purchases)
    const expected = q.reduce((s, x) => s + x, 0)
    const sd = Math.sqrt(q.reduce((s, x) => s + x * (1 - x), 0))
    expect(Math.abs(refunded.size - expected)).toBeLessThan(4 * sd)
  })

  it('writes GBK where asked: it decodes as GBK to the UTF-8 text and is not valid UTF-8', async () => {
    await run('utf8')
    await run('gbk', { encoding: { orders: 'gbk' } })
    const gbk = file('gbk', 'orders.csv')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow(TypeError)
    expect(iconv.decode(gbk, 'gbk')).toBe(file('utf8', 'orders.csv').toString('utf8'))
    expect(file('gbk', 'customers.csv').equals(file('utf8', 'customers.csv'))).toBe(true)
  })

  it('writes order times with withTime and USD orders with usdShare', async () => {
    await run('time', { withTime: true, usdShare: 0.2 })
    const orders = table('time', 'orders.csv')
    expect(orders.every((o) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(o[2]!))).toBe(true)
    const usd = orders.filter((o) => o[10] === 'USD').length / orders.length
    expect(Math.abs(usd - 0.2)).toBeLessThan(4 * Math.sqrt(0.16 / orders.length))
  })

  it('churn: moved customers buy nothing from fromDay on; the others alive then keep buying', async () => {
    const move = { customers: 100, fromDay: '2024-07-01', effect: 'churn' } as const
    const r = await run('churn', { customers: 1500, move })
    expect(r.moved).toBe(100)
    const people = truth('churn')
    const moved = people.filter((t) => t.moved)
    expect(moved.length).toBe(100)
    expect(
      moved.every((t) => t.first < '2024-07-01' && !t.alive && t.dropout === '2024-07-01'),
    ).toBe(true)
    const late = table('churn', 'orders.csv').filter(
      (o) => o[9] === '已完成' && o[2]! >= '2024-07-01',
    )
    const buyers = new Set(late.map((o) => o[1]))
    expect(moved.filter((t) => buyers.has(t.id))).toEqual([])
    const stayers = people.filter((t) => !t.moved && t.first < '2024-07-01' && t.alive)
    expect(stayers.filter((t) => buyers.has(t.id)).length).toBeGreaterThan(stayers.length / 2)
  })

  it('grow: moved customers buy `factor` times as often from fromDay on, the others as before', async () => {
    const at = '2024-01-01'
    const move = { customers: 600, fromDay: at, effect: 'grow', factor: 3 } as const
    await run('grow', { customers: 3000, move })
    const after = new Map<string, number>()
    for (const o of table('grow', 'orders.csv')) {
      if (o[9] === '已完成' && o[2]! >= at) after.set(o[1]!, (after.get(o[1]!) ?? 0) + 1)
    }
    // Purchases after the day over Σ λ × days alive after it: 3 for the moved, 1 for the rest.
    const ratio = (group: Truth[]) => {
      const bought = group.reduce((s, t) => s + (after.get(t.id) ?? 0), 0)
      const end = (t: Truth) => (t.alive ? days(at, '2026-01-01') : days(at, t.dropout) + 0.5)
      return bought / group.reduce((s, t) => s + t.lambda * end(t), 0)
    }
    const alive = truth('grow').filter((t) => t.first < at && (t.alive || t.dropout >= at))
    expect(Math.abs(ratio(alive.filter((t) => t.moved)) - 3)).toBeLessThan(0.3)
    expect(Math.abs(ratio(alive.filter((t) => !t.moved)) - 1)).toBeLessThan(0.1)
  })

  it('rejects bad options with a USAGE error and writes nothing', async () => {
    await expect(
      generateDataset({ customers: 0, outDir: join(root, 'bad') }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: 'invalid generate options: customers: Too small: expected number to be >=1',
    })
    await expect(run('bad', { refundrate: 0.1 } as Partial<GenerateOptions>)).rejects.toThrow(
      'invalid generate options: Unrecognized key: "refundrate"',
    )
    const move = { customers: 5000, fromDay: '2024-07-01', effect: 'churn' } as const
    await expect(run('bad', { move })).rejects.toThrow(
      /^invalid move\.customers: 5000 \(only \d+ customers are acquired and still alive on 2024-07-01\)$/,
    )
    expect(readdirSync(join(root, 'bad'))).toEqual([])
  })
})
