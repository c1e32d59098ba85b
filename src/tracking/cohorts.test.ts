import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../engine/index.js'
import { cohortChurn } from './cohorts.js'
import type { SnapshotInfo } from './snapshot.js'
import { addOrders, emptyStore, keepSnapshot } from './test-fixtures.js'

let engine: Engine
let snapshot: SnapshotInfo

// Periods January to March 2024, snapshot as of 2024-04-01. Gold: a buys every month, b in
// January and February. Silver: c in January only, d from February on. c's April order comes
// after the as-of date and must not count.
beforeAll(async () => {
  engine = await emptyStore()
  await addOrders(engine, [
    ['a', '2024-01-05', 10],
    ['a', '2024-02-05', 10],
    ['a', '2024-03-05', 10],
    ['b', '2024-01-10', 10],
    ['b', '2024-02-10', 10],
    ['c', '2024-01-15', 10],
    ['c', '2024-04-05', 10],
    ['d', '2024-02-20', 10],
    ['d', '2024-03-20', 10],
  ])
  snapshot = await keepSnapshot(engine, '2024-04-01', [
    { id: 'a', tier: 'gold', recency: 27, frequency: 3, monetary: 30, first: '2024-01-05' },
    { id: 'b', tier: 'gold', recency: 51, frequency: 2, monetary: 20, first: '2024-01-10' },
    { id: 'c', tier: 'silver', recency: 77, frequency: 1, monetary: 10, first: '2024-01-15' },
    { id: 'd', tier: 'silver', recency: 12, frequency: 2, monetary: 20, first: '2024-02-20' },
  ])
})
afterAll(async () => engine.close())

describe('churn by tier, period and cohort', () => {
  it('counts churn per month overall and per tier from the orders before the as-of date', async () => {
    const r = await cohortChurn(engine, snapshot, { periods: 3 })
    expect(r.periods).toEqual(['2024-01-01', '2024-02-01', '2024-03-01'])
    expect(r.churn.map((s) => [s.tier, s.active, s.churnRate])).toEqual([
      ['*', [3, 3, 2], [null, 1 / 3, 1 / 3]],
      ['gold', [2, 2, 1], [null, 0, 0.5]],
      ['silver', [1, 1, 1], [null, 1, 0]],
      ['bronze', [0, 0, 0], [null, null, null]],
    ])
  })

  it('gives each acquisition cohort’s retention, overall and per tier', async () => {
    const r = await cohortChurn(engine, snapshot, { periods: 3 })
    expect(r.cohorts).toEqual([
      { tier: '*', cohort: '2024-01-01', size: 3, retention: [1, 2 / 3, 1 / 3] },
      { tier: '*', cohort: '2024-02-01', size: 1, retention: [1, 1] },
      { tier: 'gold', cohort: '2024-01-01', size: 2, retention: [1, 1, 0.5] },
      { tier: 'silver', cohort: '2024-01-01', size: 1, retention: [1, 0, 0] },
      { tier: 'silver', cohort: '2024-02-01', size: 1, retention: [1, 1] },
    ])
  })

  it('counts customers acquired before the first period as returning, not as a cohort', async () => {
    const r = await cohortChurn(engine, snapshot, { periods: 2 })
    expect(r.periods).toEqual(['2024-02-01', '2024-03-01'])
    expect(r.cohorts.filter((c) => c.tier === '*')).toEqual([
      { tier: '*', cohort: '2024-02-01', size: 1, retention: [1, 1] },
    ])
    const q = await cohortChurn(engine, snapshot, { grain: 'quarter', periods: 2 })
    expect(q.periods).toEqual(['2023-10-01', '2024-01-01'])
  })
})
