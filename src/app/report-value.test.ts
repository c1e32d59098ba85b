// The report's SQL aggregates on small tables whose answers can be worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { ensureStore } from '../ingest/index.js'
import { VALUE_MAP_MAX_POINTS } from '../report/index.js'
import { resolvePolicy } from '../tiering/index.js'
import { paretoData, paretoPoints } from './report-charts.js'
import { channelData, valueMapBins, valueMapData, type Potential } from './report-value.js'

const policy = { ...resolvePolicy('abc'), value: 'monetary' }
const clv: Potential = {
  expr: 'a.clv',
  join: '',
  label: { zh: 'CLV', en: 'CLV' },
  isClv: true,
  kind: 'clv',
}
const label = { zh: '消费金额', en: 'Spend' }
let engine: Engine

beforeAll(async () => {
  engine = await openEngine(':memory:')
  await ensureStore(engine)
})
afterAll(() => engine.close())

async function analysis(select: string): Promise<void> {
  await engine.run(`CREATE OR REPLACE TABLE analysis AS ${select}`)
}

describe('report aggregates', () => {
  it('puts the Pareto cuts where the running share first reaches 70% and 90% of value', async () => {
    await analysis(
      `SELECT 'C' || i AS customer_id, 'a' AS tier, v AS monetary
       FROM (VALUES (1, 50.0), (2, 20), (3, 10), (4, 5), (5, 5), (6, 4), (7, 3), (8, 2), (9, 1), (10, 0)) AS t(i, v)`,
    )
    const p = await paretoData(engine, 'monetary', [0.7, 0.9])
    expect(p?.cuts).toEqual([
      { label: 'A', customerShare: 0.2, valueShare: 0.7 },
      { label: 'B', customerShare: 0.5, valueShare: 0.9 },
    ])
    expect(p?.points.at(-1)).toEqual({ customerShare: 1, valueShare: 1 })
    expect(p?.points).toHaveLength(10)
  })

  it('cuts the curve to at most 200 points in the engine, from the analysis or from one snapshot', async () => {
    // value i for customer i: the top k of n = 2500 hold k(2n - k + 1) / (n(n + 1)) of the total
    await analysis(
      `SELECT 'C' || i AS customer_id, i * 1.0 AS monetary FROM range(1, 2501) AS t(i)`,
    )
    const share = (k: number) => (k * (5000 - k + 1)) / (2500 * 2501)
    const points = await paretoPoints(engine, { kind: 'analysis', value: 'monetary' })
    expect(points).toHaveLength(200)
    // point i is the last customer of bucket i: k = ⌊12.5 (i + 1)⌋
    points.forEach((p, i) => {
      const k = Math.floor(12.5 * (i + 1))
      expect(p.customerShare).toBeCloseTo(k / 2500, 12)
      expect(p.valueShare).toBeCloseTo(share(k), 12)
    })
    await engine.run(
      `CREATE OR REPLACE TABLE snapshot_customers AS
       SELECT s AS snapshot_id, i * s AS value FROM range(1, 4) AS a(s), range(1, 2501) AS b(i)
       UNION ALL SELECT 4, -5.0`,
    )
    expect(await paretoPoints(engine, { kind: 'snapshot', id: 2 })).toEqual(points)
    // a negative value counts as none: nobody has any value, so there is no curve
    expect(await paretoPoints(engine, { kind: 'snapshot', id: 4 })).toEqual([])
    await engine.run(`DROP TABLE snapshot_customers`)
  })

  it('samples at most 2,000 customers for the value map, the same ones every time, in percentile ranks', async () => {
    await analysis(
      `SELECT 'C' || i AS customer_id, ['a', 'b', 'c'][i % 3 + 1] AS tier, i * 1.0 AS monetary,
         (i % 97) * 1.0 AS clv FROM range(2500) AS t(i)`,
    )
    const first = await valueMapData(engine, policy, label, clv)
    const again = await valueMapData(engine, policy, label, clv)
    expect(first?.points).toHaveLength(VALUE_MAP_MAX_POINTS)
    expect(again?.points).toEqual(first?.points)
    const xs = first!.points.map((p) => p.current)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThanOrEqual(100)
    expect([first?.xSplit, first?.ySplit, first?.scale]).toEqual([50, 50, 'linear'])
  })

  it('bins the value map in the engine: rank k/20 falls in bin k, rank 1 in the last bin, and a customer without a value is left off', async () => {
    // customer i: value i ranks i/20, CLV 20 - i ranks (20 - i)/20
    await analysis(
      `SELECT 'C' || i AS customer_id, CASE WHEN i < 10 THEN 'a' ELSE 'b' END AS tier,
         i * 1.0 AS monetary, (20 - i) * 1.0 AS clv FROM range(21) AS t(i) UNION ALL
       SELECT 'X', 'c', NULL, 1.0`,
    )
    const map = await valueMapBins(engine, policy, label, clv)
    const one = (x: number, y: number, tier: string) => ({
      x,
      y,
      customers: 1,
      tiers: { [tier]: 1 },
    })
    expect(map?.cells).toEqual([
      one(0, 19, 'a'),
      one(1, 19, 'a'),
      ...Array.from({ length: 17 }, (_, k) => one(k + 2, 18 - k, k + 2 < 10 ? 'a' : 'b')),
      one(19, 0, 'b'),
      one(19, 1, 'b'),
    ])
    // split at rank 1/2: customers 0–9 low value and high CLV, 10 on both lines high, 11–20 high value
    expect(map?.quadrants.map((q) => [q.customers, q.tiers])).toEqual([
      [1, { b: 1 }],
      [10, { a: 10 }],
      [0, {}],
      [10, { b: 10 }],
    ])
    expect([map?.bins, map?.customers, map?.unmapped, map?.potential]).toEqual([20, 21, 1, 'clv'])
  })

  it('sums campaign costs up to each first purchase as the acquisition cost of a channel', async () => {
    await analysis(
      `SELECT 'C' || i AS customer_id, CASE WHEN i <= 8 THEN 'web' ELSE 'store' END AS acquisition_channel,
         CASE WHEN i <= 3 THEN 'a' ELSE 'c' END AS tier, 100.0 * i AS monetary, 10.0 * i AS clv,
         DATE '2024-03-01' AS first_purchase FROM range(1, 13) AS t(i)`,
    )
    await engine.run(`DELETE FROM campaigns`)
    await engine.run(
      `INSERT INTO campaigns (campaign_id, customer_id, date, cost, row_key, row_hash, import_id) VALUES
        ('spring', 'C1', DATE '2024-02-20', 30, 1, 1, 1), ('spring', 'C2', DATE '2024-03-01', 10, 2, 2, 1),
        ('summer', 'C1', DATE '2024-06-01', 500, 3, 3, 1)`,
    )
    const c = await channelData(engine, policy, clv)
    expect(c?.channels).toEqual([
      {
        channel: 'web',
        customers: 8,
        value: 3600,
        clv: 45,
        tierMix: { a: 3, c: 5 },
        acquisitionCost: 5,
      },
      { channel: 'store', customers: 4, value: 4200, clv: 105, tierMix: { c: 4 } },
    ])
  })
})
