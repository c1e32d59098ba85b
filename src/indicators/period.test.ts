import { describe, expect, it } from 'vitest'
import { isoDate, minus, parseWindow, windowStart } from './period.js'

describe('periods', () => {
  it('moves months by calendar and clamps the day (31 March minus one month is 28/29 Feb)', () => {
    expect(minus('2024-03-31', 1, 'm')).toBe('2024-02-29')
    expect(minus('2023-03-31', 1, 'm')).toBe('2023-02-28')
    expect(minus('2024-01-15', 12, 'm')).toBe('2023-01-15')
    expect(minus('2024-02-29', 1, 'y')).toBe('2023-02-28')
    expect(minus('2024-01-01', 1, 'd')).toBe('2023-12-31')
    expect(minus('2024-01-08', 1, 'w')).toBe('2024-01-01')
  })

  it('parses windows and gives their first day', () => {
    expect(windowStart('2024-07-01', parseWindow('365d'))).toBe('2023-07-02')
    expect(windowStart('2024-07-01', parseWindow('12m'))).toBe('2023-07-01')
    expect(windowStart('2024-07-01', parseWindow('all'))).toBe(undefined)
    expect(() => parseWindow('12x')).toThrow(
      'invalid window: 12x (expected all, or a span like 365d, 52w, 12m, 1y)',
    )
    expect(() => parseWindow('0d')).toThrow('invalid window: 0d')
  })

  it('rejects impossible dates', () => {
    expect(isoDate('2024-02-29')).toBe('2024-02-29')
    expect(() => isoDate('2023-02-29', 'as-of date')).toThrow(
      'invalid as-of date: 2023-02-29 (expected a date like 2024-01-31)',
    )
  })
})
