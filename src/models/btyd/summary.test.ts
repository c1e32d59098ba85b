import { describe, expect, it } from 'vitest'
import { ClienteleError } from '../../schema/index.js'
import { fitBgNbd } from './bg-nbd.js'
import { checkCustomerSummary, compressRows } from './summary.js'

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
