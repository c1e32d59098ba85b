import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANALYSIS_TABLE, loadRun, withStore } from '../app/index.js'
import { createServer } from './app.js'
import { login, makeFixture, type Fixture } from './test-fixtures.js'

let f: Fixture
let app: ReturnType<typeof createServer>
const as: Record<string, Record<string, string>> = {}
const csrf: Record<string, string> = {}

beforeAll(async () => {
  f = await makeFixture()
  app = createServer({ store: f.store })
  for (const u of ['ada', 'vic', f.manager]) {
    const s = await login(app, u)
    as[u] = { cookie: s.cookie }
    csrf[u] = s.csrf
  }
})
afterAll(() => f?.cleanup())

interface Row {
  customer_id: string
  name: string | null
  company: string | null
  tier: string
  account_manager: string | null
  monetary: number
  phone: string | null
  email: string | null
  [k: string]: unknown
}
interface Point {
  customerShare: number
  valueShare: number
}
interface Body {
  snapshot: number
  policy: string
  warnings: string[]
  pareto: { points: Point[] }
  tiers: { id: string; customers: number; valueShare: number }[]
  total: number
  customers: Row[]
  customer: Row
  history: { tier: string }[]
  actions: unknown[]
  error: string
  code: string
  issues: { path: string }[]
}

const get = async (path: string, user: string) => {
  const res = await app.request(path, { headers: as[user] })
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as Body }
}

describe('tiers and customers', () => {
  it('lists the tiers of the latest run and of a snapshot, with counts and value shares', async () => {
    const latest = await get('/api/tiers', 'ada')
    expect(latest.status).toBe(200)
    const total = latest.body.tiers.reduce(
      (t: number, x: Body['tiers'][number]) => t + x.customers,
      0,
    )
    expect(total).toBeGreaterThan(100)
    const snap = await get(`/api/tiers?snapshot=${latest.body.snapshot}`, 'ada')
    expect(snap.status).toBe(200)
    expect(snap.body.tiers.map((t) => [t.id, t.customers])).toEqual(
      latest.body.tiers.map((t) => [t.id, t.customers]),
    )
    const share = snap.body.tiers.reduce(
      (t: number, x: Body['tiers'][number]) => t + x.valueShare,
      0,
    )
    expect(share).toBeCloseTo(1, 6)
    const missing = await get('/api/tiers?snapshot=999', 'ada')
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('SNAPSHOT_NOT_FOUND')
  })

  it("sends the run's warnings and its Pareto curve, cut in the engine from the analysis table", async () => {
    const latest = await get('/api/tiers', 'vic')
    const { result, policy } = await withStore(f.store, (e) => loadRun(e))
    expect(result.warnings.length).toBeGreaterThan(0)
    expect(latest.body.warnings).toEqual(result.warnings)
    // the curve worked out here from every customer's value, highest first
    const rows = await withStore(f.store, (e) =>
      e.all<{ v: number | null }>(
        `SELECT CAST(${policy.value} AS DOUBLE) AS v FROM ${ANALYSIS_TABLE}`,
      ),
    )
    const values = rows.map((r) => Math.max(0, r.v ?? 0)).sort((a, b) => b - a)
    const total = values.reduce((a, b) => a + b, 0)
    const points = latest.body.pareto.points
    // 150 customers, fewer than the 200 points a curve may have: one point each, after (0, 0)
    expect(points).toHaveLength(151)
    expect(points[0]).toEqual({ customerShare: 0, valueShare: 0 })
    let sum = 0
    values.forEach((v, k) => {
      sum += v
      expect(points[k + 1]!.customerShare).toBeCloseTo((k + 1) / 150, 12)
      expect(points[k + 1]!.valueShare).toBeCloseTo(sum / total, 12)
    })
    const same = await get(`/api/tiers?snapshot=${latest.body.snapshot}`, 'vic')
    expect(same.body.warnings).toEqual(result.warnings)
    expect(same.body.pareto.points.map((p) => [p.customerShare, +p.valueShare.toFixed(9)])).toEqual(
      points.map((p) => [p.customerShare, +p.valueShare.toFixed(9)]),
    )
  })

  it('pages, filters and sorts customers on the server', async () => {
    const all = await get('/api/customers?pageSize=10&sort=monetary&order=desc', 'ada')
    expect(all.status).toBe(200)
    expect(all.body.customers).toHaveLength(10)
    const m = all.body.customers.map((c: Row) => c.monetary)
    expect(m).toEqual([...m].sort((a, b) => b - a))
    const page2 = await get('/api/customers?pageSize=10&page=2', 'ada')
    expect(page2.body.customers[0]!.customer_id).not.toBe(all.body.customers[0]!.customer_id)
    const tier = all.body.customers[0]!.tier
    const one = await get(`/api/customers?tier=${tier}&pageSize=500`, 'ada')
    expect(one.body.customers.every((c: Row) => c.tier === tier)).toBe(true)
    const q = await get(`/api/customers?q=${f.ownCustomer}`, 'ada')
    expect(q.body.customers.map((c: Row) => c.customer_id)).toEqual([f.ownCustomer])
  })

  it('treats injection in q as text and refuses sort columns outside the whitelist', async () => {
    const inj = await get(`/api/customers?q=${encodeURIComponent("' OR 1=1 --")}`, 'ada')
    expect(inj.status).toBe(200)
    expect(inj.body.total).toBe(0)
    const drop = await get(
      `/api/customers?q=${encodeURIComponent("x'); DROP TABLE analysis; --")}`,
      'ada',
    )
    expect(drop.body.total).toBe(0)
    for (const sort of ['monetary; DROP TABLE analysis', 'phone', '1']) {
      const res = await get(`/api/customers?sort=${encodeURIComponent(sort)}`, 'ada')
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('USAGE')
      expect(res.body.error).toBe('invalid query')
      expect(res.body.issues[0]!.path).toBe('sort')
    }
    expect((await get('/api/customers?order=sideways', 'ada')).status).toBe(400)
    expect((await get('/api/customers?pageSize=100000', 'ada')).status).toBe(400)
    const still = await get('/api/customers?pageSize=1', 'ada')
    expect(still.body.total).toBeGreaterThan(100)
  })

  it('opens one customer: basis, reasons, needs, actions and tier history', async () => {
    const r = await get(`/api/customers/${f.ownCustomer}`, 'ada')
    expect(r.status).toBe(200)
    for (const k of ['basis', 'reason_zh', 'reason_en', 'needs', 'actions'])
      expect(r.body.customer).toHaveProperty(k)
    expect(r.body.history.length).toBeGreaterThanOrEqual(1)
    expect(r.body.history[0]).toHaveProperty('tier')
    expect(Array.isArray(r.body.actions)).toBe(true)
    const none = await get('/api/customers/NOPE', 'ada')
    expect(none.status).toBe(404)
    expect(none.body).toEqual({ error: 'no customer NOPE', code: 'NOT_FOUND', issues: [] })
  })

  it("lets an account manager see only own customers: another's id is 404", async () => {
    const list = await get('/api/customers?pageSize=500', f.manager)
    expect(list.body.total).toBeGreaterThan(0)
    expect(list.body.customers.every((c: Row) => c.account_manager === f.manager)).toBe(true)
    expect((await get(`/api/customers/${f.ownCustomer}`, f.manager)).status).toBe(200)
    const other = await get(`/api/customers/${f.otherCustomer}`, f.manager)
    expect(other.status).toBe(404)
    expect(other.body).toEqual({
      error: `no customer ${f.otherCustomer}`,
      code: 'NOT_FOUND',
      issues: [],
    })
    const q = await get(`/api/customers?q=${f.otherCustomer}`, f.manager)
    expect(q.body.total).toBe(0)
  })

  it("masks a viewer's contact data: the real values never appear in the body", async () => {
    const admin = await get('/api/customers?pageSize=500&sort=customer_id&order=asc', 'ada')
    const viewer = await get('/api/customers?pageSize=500&sort=customer_id&order=asc', 'vic')
    expect(viewer.body.total).toBe(admin.body.total)
    const secrets = admin.body.customers.flatMap((c: Row) =>
      [c.phone, c.email, c.company === null ? c.name : null].filter(
        (v) => typeof v === 'string' && v.length > 3,
      ),
    )
    expect(secrets.length).toBeGreaterThan(100)
    for (const s of secrets) expect(viewer.text).not.toContain(s)
    const withPhone = viewer.body.customers.find((c: Row) => c.company === null)!
    expect(withPhone.phone).toMatch(/\*{4}/)
    const adminOne = await get(`/api/customers/${withPhone.customer_id}`, 'ada')
    const one = await get(`/api/customers/${withPhone.customer_id}`, 'vic')
    for (const k of ['phone', 'email', 'name'])
      if (typeof adminOne.body.customer[k] === 'string' && adminOne.body.customer.company === null)
        expect(one.text).not.toContain(adminOne.body.customer[k])
    // searching by name would reveal the masked names: a viewer's q matches ids only
    const person = admin.body.customers.find((c: Row) => c.company === null)!
    const byName = await get(`/api/customers?q=${encodeURIComponent(person.name!)}`, 'vic')
    expect(byName.body.total).toBe(0)
  })

  it('cuts a page first and joins its contacts after: the same rows, order and contacts as the whole list', async () => {
    const whole = await get('/api/customers?pageSize=500&sort=recency_days&order=asc', 'ada')
    const page = await get('/api/customers?pageSize=7&page=3&sort=recency_days&order=asc', 'ada')
    expect(page.body.customers).toEqual(whole.body.customers.slice(14, 21))
    const days = whole.body.customers.map((c) => c.recency_days as number)
    expect(days).toEqual([...days].sort((a, b) => a - b))
    const contacts = await withStore(f.store, (e) =>
      e.all<{ id: string; phone: string | null }>(`SELECT customer_id AS id, phone FROM customers`),
    )
    const phone = new Map(contacts.map((c) => [c.id, c.phone]))
    for (const c of whole.body.customers) expect(c.phone).toBe(phone.get(c.customer_id) ?? null)
    expect(whole.body.customers.filter((c) => c.phone !== null).length).toBeGreaterThan(100)
  })

  it('counts afresh after a new analysis (counts are kept per run and filter)', async () => {
    const before = await get('/api/tiers', 'ada')
    const tier = before.body.tiers.find((t) => t.customers > 0)!
    expect((await get(`/api/customers?tier=${tier.id}&pageSize=1`, 'ada')).body.total).toBe(
      tier.customers,
    )
    const run = await app.request('/api/analyses', {
      method: 'POST',
      headers: { ...as.ada, 'content-type': 'application/json', 'x-csrf-token': csrf.ada! },
      body: JSON.stringify({ policy: 'abc' }),
    })
    expect(run.status).toBe(201)
    const after = await get('/api/tiers', 'ada')
    expect(after.body.tiers.map((t) => t.id)).toEqual(['a', 'b', 'c'])
    expect(after.body.warnings).toEqual(((await run.json()) as Body).warnings)
    // an earlier snapshot keeps its own curve; its warnings were not kept
    const earlier = await get(`/api/tiers?snapshot=${before.body.snapshot}`, 'ada')
    expect(earlier.body.warnings).toEqual([])
    expect(earlier.body.pareto.points).toEqual(before.body.pareto.points)
    expect((await get(`/api/customers?tier=${tier.id}&pageSize=1`, 'ada')).body.total).toBe(0)
    for (const t of after.body.tiers)
      expect((await get(`/api/customers?tier=${t.id}&pageSize=1`, 'ada')).body.total).toBe(
        t.customers,
      )
  })
})
