import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../engine/index.js'
import { parsePolicyText } from '../tiering/index.js'
import { compareSnapshots } from './migration.js'
import { emptyStore, keepSnapshot } from './test-fixtures.js'

let engine: Engine
beforeEach(async () => {
  engine = await emptyStore()
})
afterEach(async () => engine.close())

// From 2024-01-01 to 2024-04-01 (91 days): a falls (no purchase since), b rises, c stays,
// d is new, e is gone from the data, f bought before and not since but stays bronze.
const A = [
  { id: 'a', tier: 'gold', recency: 10, frequency: 9, monetary: 3000 },
  { id: 'b', tier: 'silver', recency: 30, frequency: 2, monetary: 500 },
  { id: 'c', tier: 'silver', recency: 20, frequency: 3, monetary: 400 },
  { id: 'e', tier: 'bronze', recency: 50, frequency: 1, monetary: 50 },
  { id: 'f', tier: 'bronze', recency: 80, frequency: 1, monetary: 40 },
]
const B = [
  { id: 'a', tier: 'silver', recency: 101, frequency: 5, monetary: 900 },
  { id: 'b', tier: 'gold', recency: 3, frequency: 8, monetary: 2500 },
  { id: 'c', tier: 'silver', recency: 12, frequency: 3, monetary: 420 },
  { id: 'd', tier: 'bronze', recency: 7, frequency: 1, monetary: 60 },
  { id: 'f', tier: 'bronze', recency: 171, frequency: 0, monetary: 0 },
]

describe('compareSnapshots', () => {
  it('counts the matrix over the customers in both, and names who moved, why, and who is new or lost', async () => {
    await keepSnapshot(engine, '2024-01-01', A)
    await keepSnapshot(engine, '2024-04-01', B)
    const c = await compareSnapshots(engine, 1, 2, { lang: 'en' })
    expect(c.customers).toBe(4)
    const sum = Object.values(c.matrix)
      .flatMap((r) => Object.values(r))
      .reduce((x, y) => x + y, 0)
    expect(sum).toBe(4)
    expect(c.matrix).toEqual({
      gold: { gold: 0, silver: 1, bronze: 0 },
      silver: { gold: 1, silver: 1, bronze: 0 },
      bronze: { gold: 0, silver: 0, bronze: 1 },
    })
    expect(c.value.gold!.silver).toBe(3000)
    expect([c.stayed, c.up, c.down, c.movedTotal]).toEqual([2, 1, 1, 2])
    expect(c.moved).toEqual([
      {
        customerId: 'a',
        from: 'gold',
        to: 'silver',
        direction: 'down',
        value: 3000,
        driver: { indicator: 'recency_days', from: 10, to: 101 },
        reason: { from: 'because gold', to: 'because silver' },
      },
      {
        customerId: 'b',
        from: 'silver',
        to: 'gold',
        direction: 'up',
        value: 500,
        driver: { indicator: 'recency_days', from: 30, to: 3 },
        reason: { from: 'because silver', to: 'because gold' },
      },
    ])
    expect(c.new).toEqual({ customers: 1, value: 60, ids: ['d'] })
    expect(c.lost).toEqual({ customers: 2, value: 3040, ids: ['a', 'f'] })
    expect(c.gone).toEqual({ customers: 1, value: 50, ids: ['e'] })
  })

  it('lists at most `limit` customers but counts them all', async () => {
    await keepSnapshot(engine, '2024-01-01', A)
    await keepSnapshot(engine, '2024-04-01', B)
    const c = await compareSnapshots(engine, 'previous', 'latest', { limit: 1 })
    expect(c.moved.map((m) => m.customerId)).toEqual(['a'])
    expect(c.movedTotal).toBe(2)
    expect(c.lost).toMatchObject({ customers: 2, ids: ['a'] })
    expect(c.moved[0]!.reason.from).toBe('因为 gold')
  })

  it('calls moves across two policies changes, not ups or downs (their tiers do not compare)', async () => {
    const other = parsePolicyText(
      `id: other
name: { zh: 其他, en: Other }
tiers:
  - { id: top, name: { zh: 高, en: Top }, when: monetary >= 1000 }
  - { id: rest, name: { zh: 其余, en: Rest } }
default: rest
`,
      'other',
    )
    await keepSnapshot(engine, '2024-01-01', A)
    await keepSnapshot(
      engine,
      '2024-04-01',
      B.map((r) => ({ ...r, tier: r.monetary >= 1000 ? 'top' : 'rest' })),
      other,
    )
    const c = await compareSnapshots(engine, 1, 2)
    expect(c.customers).toBe(4)
    expect(c.matrix.gold).toEqual({ top: 0, rest: 1 })
    expect([c.up, c.down]).toEqual([0, 0])
    expect(new Set(c.moved.map((m) => m.direction))).toEqual(new Set(['changed']))
  })
})
