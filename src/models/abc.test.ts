import { describe, expect, it } from 'vitest'
import { ABC_CLASSES, abcClasses } from './abc.js'

// Ten customers; c4 is a net refund (−50) and c6 spent nothing. Positive total 5000.
const revenue = Float64Array.of(500, 100, 2000, 100, -50, 300, 0, 1000, 50, 950)
const letters = (classes: Uint8Array) => [...classes].map((c) => ABC_CLASSES[c]?.id).join('')

describe('abcClasses by value share', () => {
  const r = abcClasses(revenue)

  it('keeps the customer that crosses 70% in A (share before it is 60%)', () => {
    // ranked: c2 2000 (before 0%), c7 1000 (40%), c9 950 (60%) → A; c0 500 (79%), c5 300 (89%) → B;
    // c1 100 (95%), c3 100 (97%), c8 50 (99%), c6 0, c4 −50 → C
    expect(letters(r.classes)).toBe('bcaccbcaca')
    expect([...r.order]).toEqual([2, 7, 9, 0, 5, 1, 3, 8, 6, 4])
    expect(r.cutValues).toEqual({ a: 950, b: 300 })
  })

  it('reports count and value shares per class, refunds in net value only', () => {
    expect(r.totalPositive).toBe(5000)
    expect(r.summary).toEqual([
      { count: 3, countShare: 0.3, netValue: 3950, valueShare: 0.79 },
      { count: 2, countShare: 0.2, netValue: 800, valueShare: 0.16 },
      // C: 100 + 100 + 50 + 0 − 50 net; positive 250 of 5000
      { count: 5, countShare: 0.5, netValue: 200, valueShare: 0.05 },
    ])
  })

  it('warns that the refund was counted as zero and put in C', () => {
    expect(r.warnings).toEqual([
      {
        code: 'negative_values',
        message:
          '1 of 10 customers have a negative value (net refunds): counted as zero value and put in C',
      },
    ])
  })

  it('draws the full Pareto curve when n + 1 points fit', () => {
    expect([...r.curve.x]).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    // cumulative positive value 0, 2000, 3000, 3950, 4450, 4750, 4850, 4950, 5000, 5000, 5000
    expect([...r.curve.y]).toEqual([0, 0.4, 0.6, 0.79, 0.89, 0.95, 0.97, 0.99, 1, 1, 1])
  })

  it('downsamples the curve but keeps the A/B and B/C boundaries (so charts mark them)', () => {
    const small = abcClasses(revenue, { maxCurvePoints: 4 })
    expect([...small.curve.x]).toEqual([0, 0.3, 0.5, 1])
    expect([...small.curve.y]).toEqual([0, 0.79, 0.95, 1])
  })

  it('splits equal values at a threshold by customer index (stable order)', () => {
    // 4 × 100: shares before 0, 25, 50, 75 % → A A A B
    expect(letters(abcClasses(Float64Array.of(100, 100, 100, 100)).classes)).toBe('aaab')
  })

  it('puts a customer whose predecessors hold exactly 70% in B (A is "below 70% before")', () => {
    expect(letters(abcClasses(Float64Array.of(7, 3)).classes)).toBe('ab')
  })

  it('puts everyone in C with a warning when no value is positive', () => {
    const none = abcClasses(Float64Array.of(0, -5))
    expect(letters(none.classes)).toBe('cc')
    expect(none.warnings.map((w) => w.code)).toEqual(['negative_values', 'no_positive_value'])
  })
})

describe('abcClasses by count share', () => {
  it('takes the top 20% of customers as A and the next 30% as B by default', () => {
    const r = abcClasses(revenue, { by: 'count' })
    // ranks 0–1 (c2, c7) A; ranks 2–4 (c9, c0, c5) B; the rest C
    expect(letters(r.classes)).toBe('bcaccbcacb')
    expect(r.thresholds).toEqual([0.2, 0.5])
    expect(r.summary[0].valueShare).toBe(0.6)
  })
})

describe('abcClasses input checks', () => {
  it('rejects thresholds that are not increasing', () => {
    expect(() => abcClasses(revenue, { thresholds: [0.9, 0.7] })).toThrow(
      'ABC thresholds must satisfy 0 < A < B ≤ 1: got [0.9, 0.7]',
    )
  })

  it('rejects a curve of fewer than 4 points and a NaN value', () => {
    expect(() => abcClasses(revenue, { maxCurvePoints: 3 })).toThrow(
      'maxCurvePoints must be an integer of at least 4: got 3',
    )
    expect(() => abcClasses(Float64Array.of(1, NaN))).toThrow(
      'values[1] is not a finite number: NaN',
    )
  })
})
