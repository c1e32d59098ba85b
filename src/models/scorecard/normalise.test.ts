import { describe, expect, it } from 'vitest'
import { normalCdf, normalise } from './normalise.js'

const values = Float64Array.of(10, 20, 30, 40)

describe('normalise', () => {
  it('min-max maps the smallest value to 0 and the largest to 1', () => {
    const r = normalise(values, 'minmax')
    expect([...r.values]).toEqual([0, 1 / 3, 2 / 3, 1])
    expect([r.min, r.max]).toEqual([10, 40])
  })

  it('flips a lower-is-better indicator so the smallest value is best (1)', () => {
    expect([...normalise(values, 'minmax', 'lower').values]).toEqual([1, 2 / 3, 1 / 3, 0])
  })

  it('z-score passes z through Φ so scores stay in 0–1', () => {
    // mean 25, population sd √((225 + 25 + 25 + 225)/4) = √125 = 11.180; z = ±1.342, ±0.447
    // Φ(−1.342) = 0.08986, Φ(−0.447) = 0.32736
    const r = normalise(values, 'zscore')
    expect(r.mean).toBe(25)
    expect(r.sd).toBeCloseTo(Math.sqrt(125), 12)
    const expected = [0.0898562, 0.3273604, 0.6726396, 0.9101438]
    r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6))
  })

  it('percentile uses mid-ranks so ties share a value', () => {
    // 5, 5, 9: below 0, 0, 2; ties 2, 2, 1 → (1, 1, 2.5)/3
    const r = normalise(Float64Array.of(5, 5, 9), 'percentile')
    expect([...r.values]).toEqual([1 / 3, 1 / 3, 2.5 / 3])
  })

  it('maps a constant column to 0.5 under every method instead of dividing by zero', () => {
    for (const method of ['minmax', 'zscore', 'percentile'] as const) {
      const r = normalise(Float64Array.of(7, 7, 7), method, 'lower')
      expect([...r.values]).toEqual([0.5, 0.5, 0.5])
      expect(r.constant).toBe(true)
    }
  })

  it('rejects an infinite value with the column named', () => {
    expect(() => normalise(Float64Array.of(1, Infinity), 'minmax', 'higher', 'profit')).toThrow(
      'profit[1] is not a finite number: Infinity',
    )
  })
})

describe('normalCdf', () => {
  it('matches Φ(0) = 0.5, Φ(1) = 0.8413447 and Φ(−1.96) = 0.0249979 within 1e-7', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7)
    expect(normalCdf(-1.96)).toBeCloseTo(0.0249978952, 7)
  })
})
