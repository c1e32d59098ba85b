// Indicators on a hand-made store whose every value is worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { ensureStore } from '../ingest/index.js'
import { compileIndicators } from './compile.js'
import { INDICATORS } from './catalogue.js'

let engine: Engine
let rows: Record<string, Record<string, unknown>>

interface Order {
  customer_id: string
  date: string
  amount: number
  status: string
  order_id?: string
  profit?: number
  category?: string
}
const tx = (c: string, d: string, amount: number, extra: Partial<Order> = {}): Order => ({
  customer_id: c,
  date: d,
  amount,
  status: 'completed',
  ...extra,
})

beforeAll(async () => {
  engine = await openEngine(':memory:')
  await ensureStore(engine)
  const orders = [
    // A: purchases on 2024-01-01, 01-11, 01-31 (two orders that day), one refund, one cancelled.
    tx('A', '2024-01-01', 100, { order_id: 'o1', profit: 20, category: 'x' }),
    tx('A', '2024-01-11', 50, { order_id: 'o2', profit: 10, category: 'y' }),
    tx('A', '2024-01-31', 30, { order_id: 'o3', profit: 6, category: 'x' }),
    tx('A', '2024-01-31', 20, { order_id: 'o4', profit: 4, category: 'x' }),
    tx('A', '2024-02-05', -40, { order_id: 'o2', status: 'refunded', profit: -8 }),
    tx('A', '2024-02-06', 999, { order_id: 'o9', status: 'cancelled' }),
    // B: one purchase in 2023 (previous year), one after the as-of date (must not count).
    tx('B', '2023-03-01', 200),
    tx('B', '2024-06-01', 500),
  ]
  for (const o of orders) {
    await engine.run(
      `INSERT INTO transactions (customer_id, date, amount, status, order_id, profit, category, row_key, row_hash, import_id)
       VALUES ($c, CAST($d AS DATE), $a, $s, $o, $p, $cat, 0, 0, 1)`,
      {
        c: o.customer_id,
        d: o.date,
        a: o.amount,
        s: o.status,
        o: o.order_id ?? null,
        p: o.profit ?? null,
        cat: o.category ?? null,
      },
    )
  }
  await engine.run(`INSERT INTO customers (customer_id, name, region, created_at, row_key, row_hash, import_id) VALUES
    ('A', '甲公司', '华东', DATE '2023-12-01', 0, 0, 1), ('C', 'No orders', '华北', DATE '2024-01-20', 0, 0, 1),
    ('D', 'Later', NULL, DATE '2024-05-01', 0, 0, 1)`)
  await engine.run(`INSERT INTO interactions (customer_id, date, type, row_key, row_hash, import_id) VALUES
    ('A', DATE '2024-02-01', '电话', 0, 0, 1), ('A', DATE '2024-02-20', 'visit', 0, 0, 1), ('A', DATE '2023-01-01', '拜访', 0, 0, 1)`)
  await engine.run(`INSERT INTO feedback (customer_id, date, kind, score, row_key, row_hash, import_id) VALUES
    ('A', DATE '2024-01-05', 'csat', 4, 0, 0, 1), ('A', DATE '2024-02-10', '满意度', 2, 0, 0, 1),
    ('A', DATE '2024-02-11', 'NPS', 9, 0, 0, 1), ('A', DATE '2024-02-12', '投诉', NULL, 0, 0, 1)`)
  const q = compileIndicators(engine.dialect, { asOf: '2024-03-01', window: '365d' })
  const all = await engine.all(`${q.sql} ORDER BY customer_id`)
  rows = Object.fromEntries(all.map((r) => [String(r.customer_id), r]))
})
afterAll(() => engine.close())

describe('indicators', () => {
  it('includes customers on file before the as-of date and buyers, not later sign-ups', () => {
    expect(Object.keys(rows)).toEqual(['A', 'B', 'C'])
  })

  it('computes R, F, M with refunds deducted and cancelled orders ignored', () => {
    const a = rows.A!
    // Last purchase 2024-01-31 → 30 days to 2024-03-01.
    expect(a.recency_days).toBe(30)
    // Three distinct purchase days; four orders.
    expect(a.frequency).toBe(3)
    expect(a.orders).toBe(4)
    // 100 + 50 + 30 + 20 − 40 = 160; gross 200; refunds 40.
    expect(a.monetary).toBe(160)
    expect(a.gross_revenue).toBe(200)
    expect(a.refund_amount).toBe(40)
    expect(a.average_order_value).toBe(40)
    // Profit 20 + 10 + 6 + 4 − 8 = 32; margin 32 / 200.
    expect(a.profit).toBe(32)
    expect(a.margin).toBeCloseTo(0.16, 12)
    expect(a.category_breadth).toBe(2)
  })

  it('measures purchase rhythm: mean interval, its variation and the last gap', () => {
    const a = rows.A!
    // Days 0, 10, 30 → mean interval 30 / 2 = 15; gaps 10 and 20 → sd √50; cv √50 / 15.
    expect(a.purchase_interval_days).toBe(15)
    expect(a.purchase_regularity as number).toBeCloseTo(Math.sqrt(50) / 15, 12)
    expect(a.last_gap_days).toBe(20)
    expect(a.repeat_customer).toBe(1)
    // Tenure from the record (2023-12-01), earlier than the first purchase: 91 days.
    expect(a.tenure_days).toBe(91)
  })

  it('counts only the window for windowed indicators and the whole history for totals', () => {
    const b = rows.B!
    // The window starts 2024-03-01 − 365 days = 2023-03-02 (2024 is a leap year), so B's
    // 2023-03-01 purchase is outside it: frequency 0.
    expect(b.frequency).toBe(0)
    expect(b.monetary).toBe(0)
    expect(b.purchase_days_total).toBe(1)
    expect(b.net_value_total).toBe(200)
    expect(b.recency_days).toBe(366)
    // Growth compares the last year with the year before: 0 against 200 → −100 %.
    expect(b.revenue_growth).toBe(-1)
    expect(b.retained).toBe(0)
  })

  it('reads satisfaction, NPS, complaints and contacts by type', () => {
    const a = rows.A!
    expect(a.satisfaction_avg).toBe(3)
    expect(a.satisfaction_latest).toBe(2)
    expect(a.nps_score).toBe(9)
    expect(a.nps_class).toBe('promoter')
    expect(a.complaints).toBe(1)
    expect(a.complaint_rate).toBe(0.25)
    // The 2023-01-01 visit is outside the window; days since the last contact: 2024-02-20 → 10.
    expect(a.contacts).toBe(2)
    expect(a.contacts_calls).toBe(1)
    expect(a.contacts_visits).toBe(1)
    expect(a.days_since_contact).toBe(10)
  })

  it('gives a customer with no orders zeros for counts and empty ratios', () => {
    const c = rows.C!
    expect(c).toMatchObject({
      frequency: 0,
      monetary: 0,
      recency_days: null,
      average_order_value: null,
    })
    expect(c.name).toBe('No orders')
  })

  it('defines every indicator once with zh and en labels', () => {
    const names = INDICATORS.map((i) => i.name)
    expect(new Set(names).size).toBe(names.length)
    for (const i of INDICATORS) {
      expect(
        i.zh.length * i.en.length * i.descriptionZh.length * i.descriptionEn.length,
      ).toBeGreaterThan(0)
    }
    expect(Object.keys(rows.A!)).toEqual(['customer_id', ...names])
  })

  it('rejects an unknown indicator name', () => {
    expect(() =>
      compileIndicators(engine.dialect, { asOf: '2024-03-01', indicators: ['nope'] }),
    ).toThrow('unknown indicator: nope')
  })
})
