import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { Codebook } from './analysis-tables.js'

let engine: Engine
beforeAll(async () => {
  engine = await openEngine(':memory:')
})
afterAll(async () => {
  await engine.close()
})

/** Appends `batches` of one text column coded by `s`, and reads the values back decoded. */
async function roundTrip(s: Codebook, batches: (string | null)[][]): Promise<(string | null)[]> {
  await engine.run(`CREATE OR REPLACE TEMP TABLE coded (k INTEGER, ${s.columns.join(', ')})`)
  let k = 0
  await engine.appendBatches(
    'coded',
    batches.map((b) => [Int32Array.from(b, () => k++), ...s.encode(b)]),
  )
  const rows = await engine.all<{ v: string | null }>(
    `SELECT ${s.decode(engine, 'r')} AS v FROM coded r ORDER BY k`,
  )
  return rows.map((r) => r.v)
}

describe('Codebook', () => {
  it('codes repeated values and keeps NULL apart from the empty string', () => {
    const s = new Codebook('reason', 10)
    const [codes, text] = s.encode(['a', 'b', 'a', null, '', 'b'])
    expect(Array.from(codes)).toEqual([0, 1, 0, -1, 2, 1])
    expect(text).toEqual([null, null, null, null, null, null])
  })

  it('sends values met after the limit as text, while known ones keep their codes', () => {
    const s = new Codebook('reason', 2)
    s.encode(['x', 'y'])
    const [codes, text] = s.encode(['z', 'y', 'x', 'z', null])
    expect(Array.from(codes)).toEqual([-1, 1, 0, -1, -1])
    expect(text).toEqual(['z', null, null, 'z', null])
  })

  it('stops looking values up once a full book meets almost none of its words', async () => {
    const distinct = (from: number) =>
      Array.from({ length: 1000 }, (_, i) => `sentence ${from + i}`)
    // Full after 'x' and 'y'; a batch of 1,000 values of which 10 (1 %) are known keeps the lookups.
    const s = new Codebook('reason', 2)
    s.encode(['x', 'y'])
    const mostlyNew = [...distinct(0).slice(10), ...new Array<string>(10).fill('x')]
    expect(s.encode(mostlyNew)[0].filter((c) => c === 0).length).toBe(10)
    expect(Array.from(s.encode(['x', 'y'])[0])).toEqual([0, 1])
    // A batch with 1 known value in 1,000 (under 1 %) ends them: known words go as text.
    s.encode([...distinct(2000).slice(1), 'y'])
    const [codes, text] = s.encode(['x', null, 'z'])
    expect(Array.from(codes)).toEqual([-1, -1, -1])
    expect(text).toEqual(['x', null, 'z'])
    // Either way the values come back whole.
    const t = new Codebook('reason', 2)
    const batches = [['x', 'y'], distinct(0), ['x', null, 'y', '']]
    expect(await roundTrip(t, batches)).toEqual(batches.flat())
  })

  it('gives back every value through DuckDB, coded or not, across batches', async () => {
    const values: (string | null)[][] = [
      ['RFM 类别:重要价值客户', 'it\'s "quoted"', null, ''],
      ['RFM 类别:重要价值客户', 'new, past the limit', '最近一次购买在 12 天前(前 10%)', null],
      ['it\'s "quoted"', 'new, past the limit', ''],
    ]
    expect(await roundTrip(new Codebook('needs', 3), values)).toEqual(values.flat())
    expect(await roundTrip(new Codebook('needs', 0), values)).toEqual(values.flat())
  })
})
