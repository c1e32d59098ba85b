import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { createSnapshot, forgetSnapshot, getSnapshot, listSnapshots } from './snapshot.js'
import { TEST_POLICY, addOrders, analysisTable, emptyStore, keepSnapshot } from './test-fixtures.js'

let engine: Engine
beforeEach(async () => {
  engine = await emptyStore()
})
afterEach(async () => engine.close())

const ROWS = [
  { id: 'a', tier: 'gold', recency: 5, frequency: 9, monetary: 2000 },
  { id: 'b', tier: 'silver', recency: 40, frequency: 2, monetary: 300 },
  { id: 'c', tier: 'bronze', recency: null, frequency: 0, monetary: 0 },
]

describe('snapshots', () => {
  it('keeps each customer’s tier, rank and indicators, with NULL for what the run lacked', async () => {
    const s = await keepSnapshot(engine, '2024-06-01', ROWS)
    expect(s).toMatchObject({ id: 1, asOf: '2024-06-01', window: '365d', customers: 3 })
    expect(s.policy.tiers.map((t) => t.id)).toEqual(['gold', 'silver', 'bronze'])
    const rows = await engine.all(
      `SELECT customer_id, tier, tier_rank, recency_days, value, clv, reason_en FROM snapshot_customers ORDER BY customer_id`,
    )
    expect(rows).toEqual([
      {
        customer_id: 'a',
        tier: 'gold',
        tier_rank: 0,
        recency_days: 5,
        value: 2000,
        clv: null,
        reason_en: 'because gold',
      },
      {
        customer_id: 'b',
        tier: 'silver',
        tier_rank: 1,
        recency_days: 40,
        value: 300,
        clv: null,
        reason_en: 'because silver',
      },
      {
        customer_id: 'c',
        tier: 'bronze',
        tier_rank: 2,
        recency_days: null,
        value: 0,
        clv: null,
        reason_en: 'because bronze',
      },
    ])
  })

  it('measures the policy’s KPIs per tier and over all, and warns of one it cannot measure', async () => {
    await analysisTable(engine, ROWS)
    const r = await createSnapshot(engine, {
      table: 'analysis',
      asOf: '2024-06-01',
      window: '365d',
      policy: TEST_POLICY,
    })
    expect(r.warnings).toEqual([
      'KPI sat was not measured: the analysis has no column satisfaction_avg (check kpis in the policy)',
    ])
    const kpis = await engine.all(`SELECT kpi_id, tier, value FROM snapshot_kpis ORDER BY tier`)
    expect(kpis).toEqual([
      { kpi_id: 'spend', tier: '*', value: 2300 },
      { kpi_id: 'spend', tier: 'bronze', value: 0 },
      { kpi_id: 'spend', tier: 'gold', value: 2000 },
      { kpi_id: 'spend', tier: 'silver', value: 300 },
    ])
  })

  it('fingerprints the orders before the as-of date only', async () => {
    await addOrders(engine, [
      ['a', '2024-05-01', 10],
      ['a', '2024-07-01', 99],
    ])
    const s1 = await keepSnapshot(engine, '2024-06-01', ROWS)
    await addOrders(engine, [['b', '2024-08-01', 50]])
    const s2 = await keepSnapshot(engine, '2024-06-01', ROWS)
    expect(s1.data.before).toEqual(s2.data.before)
    expect(s1.data.before.rows).toBe(1)
    expect(s1.data.transactions).toBe(2)
    expect(s2.fingerprint).not.toBe(s1.fingerprint)
  })

  it('never reuses an id, even after the latest snapshot is forgotten', async () => {
    await keepSnapshot(engine, '2024-01-01', ROWS)
    await keepSnapshot(engine, '2024-02-01', ROWS)
    expect((await forgetSnapshot(engine, '2')).asOf).toBe('2024-02-01')
    const s = await keepSnapshot(engine, '2024-03-01', ROWS)
    expect(s.id).toBe(3)
    expect((await listSnapshots(engine)).map((x) => x.id)).toEqual([1, 3])
    const [left] = await engine.all(
      `SELECT count(*) AS n FROM snapshot_customers WHERE snapshot_id = 2`,
    )
    expect(left).toEqual({ n: 0 })
  })

  it('finds latest and previous by as-of date, and says what to do when it cannot', async () => {
    await expect(getSnapshot(engine, 'latest')).rejects.toEqual(
      new ClienteleError(
        'SNAPSHOT_NOT_FOUND',
        'the store has no snapshots yet: run clientele analyze or clientele backfill first',
      ),
    )
    await keepSnapshot(engine, '2024-03-01', ROWS)
    await expect(getSnapshot(engine, 'previous')).rejects.toEqual(
      new ClienteleError(
        'SNAPSHOT_NOT_FOUND',
        'only one snapshot of policy test: run clientele analyze --as-of an earlier date, or clientele backfill',
      ),
    )
    await keepSnapshot(engine, '2024-01-01', ROWS)
    expect((await getSnapshot(engine, 'latest')).id).toBe(1)
    expect((await getSnapshot(engine, 'previous')).id).toBe(2)
    await expect(getSnapshot(engine, '7')).rejects.toEqual(
      new ClienteleError(
        'SNAPSHOT_NOT_FOUND',
        'no snapshot 7: see clientele history for the snapshots in the store',
      ),
    )
  })

  it('keeps each customer’s current and previous tier and the date of the last change', async () => {
    await keepSnapshot(engine, '2024-01-01', ROWS)
    await keepSnapshot(engine, '2024-02-01', [ROWS[0]!, { ...ROWS[1]!, tier: 'gold' }])
    await keepSnapshot(engine, '2024-03-01', [
      { ...ROWS[0]!, tier: 'silver' },
      { ...ROWS[1]!, tier: 'gold' },
    ])
    const rows = await engine.all(
      `SELECT customer_id, tier, previous_tier, CAST(changed_on AS VARCHAR) AS changed_on,
         CAST(as_of AS VARCHAR) AS as_of FROM customer_tiers ORDER BY customer_id`,
    )
    expect(rows).toEqual([
      {
        customer_id: 'a',
        tier: 'silver',
        previous_tier: 'gold',
        changed_on: '2024-03-01',
        as_of: '2024-03-01',
      },
      {
        customer_id: 'b',
        tier: 'gold',
        previous_tier: 'silver',
        changed_on: '2024-02-01',
        as_of: '2024-03-01',
      },
      {
        customer_id: 'c',
        tier: 'bronze',
        previous_tier: null,
        changed_on: null,
        as_of: '2024-01-01',
      },
    ])
  })
})
