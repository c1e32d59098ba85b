import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withStore } from '../app/index.js'
import { createServer } from './app.js'
import { login, makeFixture, type Fixture } from './test-fixtures.js'

let f: Fixture
let app: ReturnType<typeof createServer>
const as: Record<string, Record<string, string>> = {}

beforeAll(async () => {
  f = await makeFixture()
  app = createServer({ store: f.store })
  for (const u of ['ada', 'vic', f.manager]) as[u] = (await login(app, u)).headers
})
afterAll(() => f?.cleanup())

interface Order {
  date: string
  orderId: string | null
  amount: number
  category: string | null
  status: string | null
}
interface Body {
  customerId: string
  total: number
  page: number
  pageSize: number
  orders: Order[]
  error?: string
  code?: string
}

const get = async (path: string, user = 'ada') => {
  const res = await app.request(path, { headers: as[user] })
  return { status: res.status, body: (await res.json()) as Body }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The customer's rows of the transactions table, read here and sorted in JS, newest first. */
async function rowsOf(id: string): Promise<Order[]> {
  const rows = await withStore(f.store, (e) =>
    e.all<{ d: string; o: string | null; a: number; c: string | null; s: string | null }>(
      `SELECT strftime(date, '%Y-%m-%d') AS d, order_id AS o, amount AS a, category AS c, status AS s
       FROM transactions WHERE customer_id = $id`,
      { id },
    ),
  )
  return rows
    .map((r) => ({ date: r.d, orderId: r.o, amount: r.a, category: r.c, status: r.s }))
    .sort((a, b) => cmp(b.date, a.date) || cmp(b.orderId ?? '', a.orderId ?? ''))
}

/** A customer with a refund among their orders, and the manager's customer with most orders. */
async function pick() {
  return withStore(f.store, async (e) => {
    const [refund] = await e.all<{ id: string }>(
      `SELECT customer_id AS id FROM transactions WHERE status = 'refunded' ORDER BY 1 LIMIT 1`,
    )
    const [own] = await e.all<{ id: string }>(
      `SELECT a.customer_id AS id FROM analysis a JOIN transactions t USING (customer_id)
       WHERE a.account_manager = $m GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      { m: f.manager },
    )
    return { refund: refund!.id, own: own!.id }
  })
}

describe('GET /api/customers/:id/orders', () => {
  it("equals the customer's rows of the transactions table, newest first, refunds included", async () => {
    const { refund } = await pick()
    const want = await rowsOf(refund)
    const r = await get(`/api/customers/${refund}/orders?pageSize=500`)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      customerId: refund,
      total: want.length,
      page: 1,
      pageSize: 500,
      orders: want,
    })
    const refunds = r.body.orders.filter((o) => o.status === 'refunded')
    expect(refunds.length).toBeGreaterThan(0)
    expect(refunds.every((o) => o.amount < 0)).toBe(true)
  })

  it('pages on the server and keeps the total; refuses pages over 500', async () => {
    const { own } = await pick()
    const want = await rowsOf(own)
    expect(want.length).toBeGreaterThan(14)
    const page = await get(`/api/customers/${own}/orders?pageSize=7&page=2`)
    expect(page.body.total).toBe(want.length)
    expect(page.body.orders).toEqual(want.slice(7, 14))
    const first = await get(`/api/customers/${own}/orders`)
    expect(first.body.pageSize).toBe(100)
    expect(first.body.orders).toEqual(want.slice(0, 100))
    const beyond = await get(`/api/customers/${own}/orders?page=99`)
    expect(beyond.body).toMatchObject({ total: want.length, orders: [] })
    for (const q of ['pageSize=501', 'page=0', 'pageSize=x']) {
      const bad = await get(`/api/customers/${own}/orders?${q}`)
      expect(bad.status, q).toBe(400)
      expect(bad.body.code).toBe('USAGE')
    }
  })

  it("gives an account manager their own customer's orders and 404 for another's, as the customer page does", async () => {
    const { own } = await pick()
    const mine = await get(`/api/customers/${own}/orders?pageSize=500`, f.manager)
    expect(mine.status).toBe(200)
    expect(mine.body.orders).toEqual(await rowsOf(own))
    const other = await get(`/api/customers/${f.otherCustomer}/orders`, f.manager)
    expect(other.status).toBe(404)
    expect(other.body).toEqual({
      error: `no customer ${f.otherCustomer}`,
      code: 'NOT_FOUND',
      issues: [],
    })
    expect((await get(`/api/customers/${f.otherCustomer}/orders`)).status).toBe(200)
    const none = await get('/api/customers/NOPE/orders')
    expect(none.status).toBe(404)
    expect(none.body.error).toBe('no customer NOPE')
  })

  it('shows a viewer the orders unmasked: they carry no contact data', async () => {
    const { own } = await pick()
    const admin = await get(`/api/customers/${own}/orders?pageSize=500`)
    const viewer = await get(`/api/customers/${own}/orders?pageSize=500`, 'vic')
    expect(viewer.status).toBe(200)
    expect(viewer.body).toEqual(admin.body)
    expect(Object.keys(viewer.body.orders[0]!).sort()).toEqual([
      'amount',
      'category',
      'date',
      'orderId',
      'status',
    ])
  })
})
