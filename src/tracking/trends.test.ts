import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { addOrders, emptyStore, keepSnapshot } from './test-fixtures.js'
import { tierTrends, trendSnapshots } from './trends.js'

let engine: Engine
const A = [
  { id: 'a', tier: 'gold', recency: 10, frequency: 9, monetary: 3000 },
  { id: 'b', tier: 'silver', recency: 30, frequency: 2, monetary: 500 },
  { id: 'c', tier: 'silver', recency: 20, frequency: 3, monetary: 500 },
  { id: 'f', tier: 'bronze', recency: 80, frequency: 1, monetary: 0 },
]
const B = [
  { id: 'a', tier: 'silver', recency: 101, frequency: 5, monetary: 900 },
  { id: 'b', tier: 'gold', recency: 3, frequency: 8, monetary: 2500 },
  { id: 'c', tier: 'silver', recency: 12, frequency: 3, monetary: 600 },
  { id: 'f', tier: 'bronze', recency: 171, frequency: 0, monetary: 0 },
]

beforeAll(async () => {
  engine = await emptyStore()
  await addOrders(engine, [['a', '2023-12-01', 1]])
  await keepSnapshot(engine, '2024-01-01', A)
  await keepSnapshot(engine, '2024-04-01', A) // replaced by the next run of the same date
  await keepSnapshot(engine, '2024-04-01', B)
})
afterAll(async () => engine.close())

describe('tier trends', () => {
  it('follows the last snapshot of each date', async () => {
    const s = await trendSnapshots(engine)
    expect(s.map((x) => [x.id, x.asOf])).toEqual([
      [1, '2024-01-01'],
      [3, '2024-04-01'],
    ])
    await expect(trendSnapshots(engine, 'rfm-cn8')).rejects.toEqual(
      new ClienteleError('SNAPSHOT_NOT_FOUND', 'no snapshots of policy rfm-cn8 (policies: test)'),
    )
  })

  it('gives customers, value share, retention and the share that stayed, per tier', async () => {
    const t = await tierTrends(engine, await trendSnapshots(engine))
    const at = (snapshot: number, tier: string) =>
      t.tiers.find((p) => p.snapshot === snapshot && p.tier === tier)!
    expect(at(1, 'silver')).toMatchObject({
      customers: 2,
      customerShare: 0.5,
      value: 1000,
      valueShare: 0.25,
      retention: null,
    })
    // Of January's silver customers b and c, both bought again by April; gold a did not.
    expect(at(3, 'silver')).toMatchObject({ customers: 2, retention: 1, churnRate: 0, stayed: 0.5 })
    expect(at(3, 'gold')).toMatchObject({
      customers: 1,
      retention: 0,
      churnRate: 1,
      stayed: 0,
      valueShare: 0.625,
    })
    expect(at(3, 'bronze')).toMatchObject({ retention: 0, stayed: 1 })
    expect(at(3, 'gold').means.recency_days).toBe(3)
  })

  it('gives each KPI per tier and over all with its change', async () => {
    const t = await tierTrends(engine, await trendSnapshots(engine))
    const spend = t.kpis.filter((k) => k.kpi === 'spend' && k.snapshot === 3)
    expect(spend.map((k) => [k.tier, k.value, k.change])).toEqual([
      ['gold', 2500, -500],
      ['silver', 1500, 500],
      ['bronze', 0, 0],
      ['*', 4000, 0],
    ])
    expect(t.kpis.filter((k) => k.kpi === 'sat').every((k) => k.value === null)).toBe(true)
  })
})
