import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANALYSIS_TABLE, loadRun, withStore } from '../app/index.js'
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

interface Count {
  customers: number
  tiers: Record<string, number>
}
interface Overview {
  snapshot: number
  scope: string
  tiers: { id: string }[]
  valueMap: {
    bins: number
    cells: (Count & { x: number; y: number })[]
    quadrants: (Count & { name: { en: string } })[]
    customers: number
    unmapped: number
    potential: string
    yLabel: { en: string }
  } | null
  lifecycle: { stages: (Count & { id: string })[] } | null
  notes: { valueMap?: { en: string }; lifecycle?: { en: string } }
  code?: string
}

const get = async (path: string, user = 'ada') => {
  const res = await app.request(path, { headers: as[user] })
  return { status: res.status, body: (await res.json()) as Overview }
}

/** Percentile ranks as DuckDB's percent_rank: (customers ranked strictly below) ÷ (n − 1). */
function percentRanks(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b)
  const below = (v: number) => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (sorted[mid]! < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return values.map((v) => (values.length === 1 ? 0 : below(v) / (values.length - 1)))
}

/** The value map's cells and quadrants worked out here from every customer's two measures. */
async function expectedMap(potential: string) {
  const rows = await withStore(f.store, async (e) => {
    const { policy } = await loadRun(e)
    return e.all<{ tier: string; v: number; p: number }>(
      `SELECT tier, CAST("${policy.value}" AS DOUBLE) AS v, CAST(${potential} AS DOUBLE) AS p
       FROM ${ANALYSIS_TABLE} WHERE "${policy.value}" IS NOT NULL AND ${potential} IS NOT NULL`,
    )
  })
  const x = percentRanks(rows.map((r) => r.v))
  const y = percentRanks(rows.map((r) => r.p))
  const bin = (r: number) => Math.min(19, Math.floor(r * 20))
  const cells = new Map<string, Count>()
  const quadrants = [0, 1, 2, 3].map((): Count => ({ customers: 0, tiers: {} }))
  rows.forEach((r, i) => {
    const key = `${bin(x[i]!)},${bin(y[i]!)}`
    const q = quadrants[y[i]! >= 0.5 ? (x[i]! >= 0.5 ? 0 : 1) : x[i]! >= 0.5 ? 3 : 2]!
    for (const c of [cells.get(key) ?? { customers: 0, tiers: {} }, q]) {
      c.customers++
      c.tiers[r.tier] = (c.tiers[r.tier] ?? 0) + 1
      if (c !== q) cells.set(key, c)
    }
  })
  return { rows: rows.length, cells, quadrants }
}

async function lifecycleGroupBy() {
  const rows = await withStore(f.store, (e) =>
    e.all<{ lifecycle: string; tier: string; n: number }>(
      `SELECT lifecycle, tier, count(*) AS n FROM ${ANALYSIS_TABLE}
       WHERE lifecycle IS NOT NULL GROUP BY ALL`,
    ),
  )
  const stages: Record<string, Count> = {}
  for (const r of rows) {
    const s = (stages[r.lifecycle] ??= { customers: 0, tiers: {} })
    s.customers += r.n
    s.tiers[r.tier] = r.n
  }
  return stages
}

const byStage = (o: Overview) =>
  Object.fromEntries(
    (o.lifecycle?.stages ?? [])
      .filter((s) => s.customers > 0)
      .map((s) => [s.id, { customers: s.customers, tiers: s.tiers }]),
  )

describe('GET /api/overview', () => {
  let first: Overview

  it('bins every customer once: cells and quadrants equal percentile ranks worked out here (value × recency without a CLV)', async () => {
    const r = await get('/api/overview')
    expect(r.status).toBe(200)
    first = r.body
    const map = first.valueMap!
    expect(map.potential).toBe('recency')
    expect(map.yLabel.en).toBe('Recency, more recent higher (percentile rank)')
    expect(first.notes.valueMap?.en).toMatch(
      /^The policy has no CLV model: the vertical axis is recency/,
    )
    const want = await expectedMap('-recency_days')
    expect(want.rows).toBe(150)
    expect(map.customers).toBe(150)
    expect(map.unmapped).toBe(0)
    expect(map.cells.reduce((s, c) => s + c.customers, 0)).toBe(150)
    expect(map.cells.length).toBeLessThanOrEqual(400)
    expect(
      new Map(map.cells.map((c) => [`${c.x},${c.y}`, { customers: c.customers, tiers: c.tiers }])),
    ).toEqual(want.cells)
    expect(map.quadrants.map(({ customers, tiers }) => ({ customers, tiers }))).toEqual(
      want.quadrants,
    )
    expect(map.quadrants.map((q) => q.name.en)).toEqual([
      'High value, high potential',
      'Low value, high potential',
      'Low value, low potential',
      'High value, low potential',
    ])
  })

  it('is store-wide for every role, as GET /api/tiers is, and says so', async () => {
    expect(first.scope).toBe('store')
    const tiers = await app.request('/api/tiers', { headers: as[f.manager] })
    const total = ((await tiers.json()) as { tiers: { customers: number }[] }).tiers.reduce(
      (s, t) => s + t.customers,
      0,
    )
    for (const user of [f.manager, 'vic']) {
      const r = await get('/api/overview', user)
      expect(r.status).toBe(200)
      expect(r.body).toEqual(first)
      expect(r.body.valueMap!.customers).toBe(total)
    }
  })

  it("counts lifecycle stages by tier, as the lifecycle preset's own column then says, and the new run's by a direct GROUP BY", async () => {
    const modelled = byStage(first)
    const stages = first.lifecycle!.stages
    expect(stages.map((s) => s.id)).toEqual(['new', 'active', 'dormant', 'churned', 'reactivated'])
    for (const s of stages)
      expect(Object.values(s.tiers).reduce((a, b) => a + b, 0)).toBe(s.customers)
    const run = await app.request('/api/analyses', {
      method: 'POST',
      headers: { ...as.ada, 'content-type': 'application/json' },
      body: JSON.stringify({ policy: 'lifecycle' }),
    })
    expect(run.status).toBe(201)
    const direct = await lifecycleGroupBy()
    // the preset tiers by the stage, so each stage's customers are its own tier's
    const totals = Object.fromEntries(Object.entries(direct).map(([k, v]) => [k, v.customers]))
    expect(Object.fromEntries(Object.entries(modelled).map(([k, v]) => [k, v.customers]))).toEqual(
      totals,
    )
    const after = await get('/api/overview')
    expect(after.body.snapshot).toBe(first.snapshot + 1)
    expect(byStage(after.body)).toEqual(direct)
    expect(after.body.notes.lifecycle).toBeUndefined()
  })

  it('ranks value against the policy’s CLV when the run has one', async () => {
    const run = await app.request('/api/analyses', {
      method: 'POST',
      headers: { ...as.ada, 'content-type': 'application/json' },
      body: JSON.stringify({ policy: 'b2b4' }),
    })
    expect(run.status).toBe(201)
    const r = await get('/api/overview')
    const map = r.body.valueMap!
    expect(map.potential).toBe('clv')
    expect(r.body.notes.valueMap).toBeUndefined()
    const want = await expectedMap('clv')
    expect(map.customers).toBe(want.rows)
    expect(map.customers + map.unmapped).toBe(150)
    expect(
      new Map(map.cells.map((c) => [`${c.x},${c.y}`, { customers: c.customers, tiers: c.tiers }])),
    ).toEqual(want.cells)
  })

  it('answers an older snapshot with notes instead of charts, and 404 or 400 for a bad one', async () => {
    const old = await get(`/api/overview?snapshot=${first.snapshot}`)
    expect(old.status).toBe(200)
    expect(old.body.valueMap).toBeNull()
    expect(old.body.lifecycle).toBeNull()
    expect(old.body.notes.valueMap?.en).toMatch(/^Only the latest analysis keeps/)
    expect(old.body.tiers.map((t) => t.id)).toEqual(first.tiers.map((t) => t.id))
    const latest = await get('/api/overview?snapshot=latest')
    expect(latest.body).toEqual((await get('/api/overview')).body)
    const missing = await get('/api/overview?snapshot=999')
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('SNAPSHOT_NOT_FOUND')
    expect((await get('/api/overview?snapshot=1;DROP')).status).toBe(400)
  })
})
