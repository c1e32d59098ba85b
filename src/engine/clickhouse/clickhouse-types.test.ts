import { describe, expect, it } from 'vitest'
import {
  baseType,
  decodeNumber,
  decodeValue,
  encodeRows,
  isNumericType,
  parseTsv,
  unescapeField,
} from './clickhouse-types.js'

describe('ClickHouse types', () => {
  it('sees through Nullable and LowCardinality to tell numbers from the rest', () => {
    expect(baseType('Nullable(LowCardinality(String))')).toBe('String')
    expect(['UInt8', 'Nullable(Int64)', 'Float64', 'Decimal(18, 2)'].map(isNumericType)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(['String', 'Date', 'Nullable(Date)', 'Array(UInt8)'].map(isNumericType)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it('decodes values as callers of all() expect them', () => {
    expect(decodeValue('18446744073709551615', 'UInt64')).toBe(18446744073709551615n)
    expect(decodeValue('42', 'Nullable(Int64)')).toBe(42)
    expect(decodeValue('-inf', 'Float64')).toBe(-Infinity)
    expect(decodeValue('nan', 'Float64')).toBeNaN()
    expect(decodeValue('\\N', 'Nullable(Date)')).toBe(null)
    expect(decodeValue('2024-02-29', 'Date')).toEqual(new Date('2024-02-29T00:00:00Z'))
    expect(decodeValue('2024-02-29 13:45:00', 'DateTime')).toEqual(new Date('2024-02-29T13:45:00Z'))
    expect(decodeValue('a\\tb\\\\N', 'String')).toBe('a\tb\\N')
    expect(decodeNumber('\\N')).toBeNaN()
  })

  it('reads names, types and rows, and refuses a ragged result', () => {
    expect(parseTsv('a\tb\nUInt8\tString\n1\tx\n2\t\\N\n')).toEqual({
      names: ['a', 'b'],
      types: ['UInt8', 'String'],
      rows: [
        ['1', 'x'],
        ['2', '\\N'],
      ],
    })
    expect(() => parseTsv('a\tb\nUInt8\tString\n1\n')).toThrow(
      'invalid ClickHouse result: row 1 has 1 fields',
    )
  })

  it('writes rows whose text survives a round trip, NaN and null as \\N', () => {
    const text = encodeRows(
      [['a\tb\nc\\', null], Float64Array.from([0.1, NaN]), Int32Array.from([1, 2])],
      0,
      2,
    )
    expect(text).toBe('a\\tb\\nc\\\\\t0.1\t1\n\\N\t\\N\t2\n')
    expect(unescapeField('a\\tb\\nc\\\\')).toBe('a\tb\nc\\')
    expect(encodeRows([Float64Array.from([Infinity])], 0, 1)).toBe('inf\n')
    expect(encodeRows([[]], 0, 0)).toBe('')
  })
})
