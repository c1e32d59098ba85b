// The categories a customer's tier peers buy and it does not, read from a hand-made store:
// tier 0 (C1–C5) buys 茶叶 widely (4 of 5), 咖啡 rarely (1 of 5); tier 1 (C6, C7) both buy
// 咖啡 and one buys 茶叶 (1 of 2, above 2/5). Refunds and later orders do not count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { peerCategories, writeTiers } from '../src/app/needs-inputs.js'
import { openEngine, type Engine } from '../src/engine/index.js'
import { insertRows } from './support/store.js'

let engine: Engine
const ids = ['C7', 'C1', 'C2', 'C6', 'C3', 'C4', 'C5']
const tier = Int32Array.from(ids, (id) => (id === 'C6' || id === 'C7' ? 1 : 0))

beforeAll(async () => {
  engine = await openEngine(':memory:')
  const order = (customer_id: string, category: string, extra = {}) => ({
    customer_id,
    category,
    date: '2024-03-01',
    amount: 10,
    ...extra,
  })
  await insertRows(engine, {
    transactions: [
      ...['C1', 'C2', 'C3', 'C4'].map((c) => order(c, '茶叶')),
      order('C1', '咖啡'),
      order('C5', '茶叶', { status: 'refunded', amount: -10 }),
      order('C5', '茶叶', { date: '2024-09-01' }),
      order('C6', '咖啡'),
      order('C7', '咖啡'),
      order('C7', '茶叶'),
    ],
  })
  // The frame's order is not the ids' order: answers come back by frame row.
  await writeTiers(engine, { n: ids.length, ids, numbers: new Map(), texts: new Map() }, tier)
})
afterAll(() => engine.close())

describe('peerCategories', () => {
  it('names, per frame row, what most of the tier buys and the customer does not', async () => {
    const cats = await peerCategories(engine, '2024-06-01', '、', ids.length)
    expect(Object.fromEntries(ids.map((id, i) => [id, cats[i]]))).toEqual({
      C1: null,
      C2: null,
      C3: null,
      C4: null,
      C5: '茶叶',
      C6: '茶叶',
      C7: null,
    })
  })
})
