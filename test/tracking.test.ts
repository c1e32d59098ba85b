// Tracking on generated data whose true movements are known: 80 customers stop buying from
// 2024-06-01 (the generator's `move`), so between the June and December snapshots they must
// move down, be named by compare, and count as lost; and a history built at a past date must
// not see anything that happened after it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backfill, compare, history, importData, trends } from '../src/app/index.js'
import { openEngine } from '../src/engine/index.js'
import { renderCompare, renderHistory, renderTrends } from '../src/cli/render-tracking.js'
import { generateDataset } from '../src/ingest/index.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-tracking-'))
const store = join(dir, 'store.duckdb')
let moved: Set<string>

beforeAll(async () => {
  const g = await generateDataset({
    customers: 600,
    seed: 7,
    outDir: join(dir, 'data'),
    lang: 'en',
    start: '2023-01-01',
    end: '2024-12-31',
    move: { customers: 80, fromDay: '2024-06-01', effect: 'churn' },
  })
  const truth = readFileSync(join(dir, 'data', 'truth.csv'), 'utf8')
    .trim()
    .split('\n')
  const col = truth[0]!.split(',').indexOf('moved')
  moved = new Set(
    truth.slice(1).flatMap((l) => (l.split(',')[col] === '1' ? [l.split(',')[0]!] : [])),
  )
  expect(moved.size).toBe(80)
  const r = await importData({
    store,
    files: g.files.filter((f) => f.table !== 'truth').map((f) => f.path),
  })
  expect(r.ok).toBe(true)
  await backfill({
    store,
    from: '2024-03-01',
    to: '2024-12-01',
    every: 'quarter',
    policy: 'rfm-segments',
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('tracking on generated data with a known churn', () => {
  it('backfills one snapshot per date, and keeps a date already kept instead of redoing it', async () => {
    const list = await history({ store })
    expect(list.map((s) => s.asOf)).toEqual([
      '2024-03-01',
      '2024-06-01',
      '2024-09-01',
      '2024-12-01',
    ])
    const rows = list.map((s) => s.data.before.rows)
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
    const again = await backfill({
      store,
      from: '2024-06-01',
      to: '2024-12-01',
      every: 'quarter',
      policy: 'rfm-segments',
    })
    expect(again.snapshots.map((s) => [s.asOf, s.id, s.kept])).toEqual([
      ['2024-06-01', 2, true],
      ['2024-09-01', 3, true],
      ['2024-12-01', 4, true],
    ])
  })

  it('shows the churned group moving down in the migration matrix, and names them', async () => {
    const c = await compare({ store, from: '2', to: '4', lang: 'en' })
    const sum = Object.values(c.matrix)
      .flatMap((r) => Object.values(r))
      .reduce((a, b) => a + b, 0)
    expect(sum).toBe(c.customers)
    const engine = await openEngine(store)
    const [both] = await engine.all(
      `SELECT count(*) AS n FROM snapshot_customers a JOIN snapshot_customers b
         ON b.customer_id = a.customer_id AND b.snapshot_id = 4 WHERE a.snapshot_id = 2`,
    )
    const active = await engine.all<{ customer_id: string }>(
      `SELECT customer_id FROM snapshot_customers WHERE snapshot_id = 2 AND frequency > 0`,
    )
    await engine.close()
    expect(c.customers).toBe(Number(both!.n))
    const movers = c.moved.filter((m) => moved.has(m.customerId))
    const others = c.moved.filter((m) => !moved.has(m.customerId))
    // Every one of them who changed tier went down, far more often than everyone else.
    expect(movers.every((m) => m.direction === 'down')).toBe(true)
    expect(movers.length / moved.size).toBeGreaterThan(0.7)
    const othersDown = others.filter((m) => m.direction === 'down').length
    expect(movers.length / moved.size).toBeGreaterThan(
      (1.5 * othersDown) / (c.customers - moved.size),
    )
    expect(movers.filter((m) => m.driver !== null).length).toBe(movers.length)
    // Each of them who bought in the window before June is lost: no purchase since.
    const activeMovers = active.map((r) => r.customer_id).filter((id) => moved.has(id))
    expect(activeMovers.length).toBeGreaterThan(60)
    expect(activeMovers.filter((id) => !c.lost.ids.includes(id))).toEqual([])
  })

  it('gives trends over the four snapshots and churn by tier per month and cohort', async () => {
    const r = await trends({ store, periods: 6 })
    expect(r.trends.snapshots.map((s) => s.id)).toEqual([1, 2, 3, 4])
    expect(r.trends.tiers).toHaveLength(4 * r.trends.policy.tiers.length)
    const lost = r.trends.tiers.filter((p) => p.tier === 'lost').map((p) => p.customers)
    expect(lost[3]).toBeGreaterThan(lost[1]!)
    for (const p of r.trends.tiers)
      if (p.retention !== null) expect(p.retention).toBeLessThanOrEqual(1)
    expect(r.churn.periods).toEqual([
      '2024-06-01',
      '2024-07-01',
      '2024-08-01',
      '2024-09-01',
      '2024-10-01',
      '2024-11-01',
    ])
    expect(r.churn.churn[0]!.tier).toBe('*')
    expect(r.churn.cohorts.filter((c) => c.tier === '*')).toHaveLength(6)
  })

  it('renders history, compare and trends for a terminal', async () => {
    const h = renderHistory(await history({ store })).split('\n')
    expect(h[0]).toMatch(/^id +as of +policy +policy hash +window +customers +data +created$/)
    expect(h).toHaveLength(2 + 4)
    const c = await compare({ store, from: '2', to: '4', lang: 'en' })
    const text = renderCompare(c, 'en').split('\n')
    expect(text[0]).toBe(
      `Snapshot 2 (2024-06-01, rfm-segments) → 4 (2024-12-01, rfm-segments): ${c.customers} customers in both`,
    )
    expect(text[3]).toMatch(/^2024-06-01 \\ 2024-12-01 +Champions +Loyal/)
    const t = renderTrends(await trends({ store, periods: 6 }), 'zh').split('\n')
    expect(t[0]).toBe('Trends of rfm-segments over 4 snapshots')
    expect(t[2]).toMatch(/^customers +2024-03-01 +2024-06-01 +2024-09-01 +2024-12-01$/)
    expect(t[4]).toMatch(/^冠军客户/)
  })

  it('never lets a backfill see orders, customers or feedback dated after its as-of date', async () => {
    const engine = await openEngine(store)
    const [mover] = [...moved].sort()
    await engine.run(
      `INSERT INTO transactions (order_id, customer_id, date, amount, status, row_key, row_hash, import_id)
       VALUES ('F1', '${mover}', DATE '2024-06-01', 1000000, 'completed', 901, 901, 99),
              ('F2', 'FUTURE1', DATE '2024-08-01', 500, 'completed', 902, 902, 99)`,
    )
    await engine.run(
      `INSERT INTO customers (customer_id, created_at, row_key, row_hash, import_id)
       VALUES ('FUTURE1', NULL, 903, 903, 99), ('FUTURE2', DATE '2024-09-01', 904, 904, 99)`,
    )
    await engine.run(
      `INSERT INTO feedback (customer_id, date, kind, score, row_key, row_hash, import_id)
       VALUES ('${mover}', DATE '2024-07-01', 'csat', 1, 905, 905, 99)`,
    )
    await engine.close()
    const r = await backfill({
      store,
      from: '2024-06-01',
      to: '2024-06-01',
      policy: 'rfm-segments',
    })
    expect(r.snapshots[0]!.kept).toBe(false)
    const fresh = r.snapshots[0]!.id
    const check = await openEngine(store)
    const cols = `customer_id, tier, tier_rank, segment, first_purchase, recency_days, frequency, monetary, profit, value, reason_en`
    const diff = await check.all(
      `(SELECT ${cols} FROM snapshot_customers WHERE snapshot_id = 2 EXCEPT SELECT ${cols} FROM snapshot_customers WHERE snapshot_id = ${fresh})
       UNION ALL
       (SELECT ${cols} FROM snapshot_customers WHERE snapshot_id = ${fresh} EXCEPT SELECT ${cols} FROM snapshot_customers WHERE snapshot_id = 2)`,
    )
    const kpis = await check.all(
      `SELECT kpi_id, tier, value FROM snapshot_kpis WHERE snapshot_id = 2
       EXCEPT SELECT kpi_id, tier, value FROM snapshot_kpis WHERE snapshot_id = ${fresh}`,
    )
    await check.close()
    expect(diff).toEqual([])
    expect(kpis).toEqual([])
    const [old, now] = [
      (await history({ store })).find((s) => s.id === 2)!,
      (await history({ store })).find((s) => s.id === fresh)!,
    ]
    expect(now.data.before).toEqual(old.data.before)
    expect(now.customers).toBe(old.customers)
  })
})
