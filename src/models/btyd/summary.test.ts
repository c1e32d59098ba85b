import { describe, expect, it } from 'vitest'
import { ClienteleError } from '../../schema/index.js'
import { fitBgNbd } from './bg-nbd.js'
import { checkCustomerSummary, compressRows, distinctRows } from './summary.js'

const rows = (x: number[], tx: number[], T: number[]) => ({
  x: Float64Array.from(x),
  tx: Float64Array.from(tx),
  T: Float64Array.from(T),
})

describe('customer summary checks', () => {
  it('collapses equal rows and adds their weights (distinct rows are what the engine sends)', () => {
    const { columns, weight } = compressRows(
      [Float64Array.of(1, 0, 1, 1), Float64Array.of(5, 0, 5, 6)],
      Float64Array.of(2, 1, 3, 1),
    )
    expect(columns.map((c) => Array.from(c))).toEqual([
      [1, 0, 1],
      [5, 0, 6],
    ])
    expect(Array.from(weight)).toEqual([5, 1, 1])
  })

  it('finds the distinct rows a map keyed by the joined values finds, in the same order', () => {
    let seed = 3
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    // Few values per column, so rows repeat; NaN and -0 among them; 20,000 rows make the
    // table probe past taken slots.
    const pool = [0, -0, 1, 2.5, NaN, 1 / 3, 1e-300, -7]
    const columns = [0, 1, 2].map(() =>
      Float64Array.from({ length: 20_000 }, () => pool[Math.floor(next() * pool.length)]!),
    )
    const keep = (i: number) => i % 7 !== 3
    const rows = distinctRows(columns, keep)
    const seen = new Map<string, number>()
    const first: number[] = []
    const count: number[] = []
    const index = columns[0]!.map((_, i) => {
      if (!keep(i)) return -1
      const key = columns.map((c) => c[i]).join('|')
      let k = seen.get(key)
      if (k === undefined) {
        k = first.length
        seen.set(key, k)
        first.push(i)
        count.push(0)
      }
      count[k]!++
      return k
    })
    expect(first.length).toBeGreaterThan(300)
    expect([...rows.first]).toEqual(first)
    expect([...rows.count]).toEqual(count)
    expect([...rows.index]).toEqual([...index])
  })

  it('tells rows apart that differ in one column only, and counts -0 as 0 and NaN as NaN', () => {
    const rows = distinctRows([
      Float64Array.of(1, 1, -0, 0, NaN, NaN),
      Float64Array.of(2, 3, 5, 5, 4, 4),
    ])
    expect([...rows.index]).toEqual([0, 1, 2, 2, 3, 3])
    expect([...rows.first]).toEqual([0, 1, 2, 4])
    expect([...rows.count]).toEqual([1, 1, 2, 2])
  })

  it('throws MODEL_INVALID_INPUT for a negative x, naming row and value', () => {
    const call = () => checkCustomerSummary(rows([1, -1], [2, 0], [3, 3]))
    expect(call).toThrow(
      new ClienteleError(
        'MODEL_INVALID_INPUT',
        'invalid customer summary: row 1 has x = -1 (negative)',
      ),
    )
    expect(call).toThrow(ClienteleError)
  })

  it('rejects x > 0 with t_x = 0: a repeat purchase cannot happen at the first purchase', () => {
    expect(() => checkCustomerSummary(rows([0, 2], [0, 0], [3, 3]))).toThrow(
      'invalid customer summary: row 1 has x = 2 with t_x = 0 (a repeat purchase needs t_x > 0)',
    )
  })

  it('rejects empty data and NaN values rather than fitting nothing', () => {
    expect(() => fitBgNbd(rows([], [], []))).toThrow('invalid customer summary: no rows')
    expect(() => checkCustomerSummary(rows([1], [NaN], [3]))).toThrow(
      'invalid customer summary: row 0 has tx = NaN',
    )
  })

  it('rejects weights of another length than the rows', () => {
    expect(() =>
      checkCustomerSummary({ ...rows([1], [1], [3]), weight: Float64Array.of(1, 2) }),
    ).toThrow('invalid customer summary: column weight has 2 rows, expected 1')
  })
})
