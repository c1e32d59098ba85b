import { describe, expect, it } from 'vitest'
import { entropyWeights } from './entropy.js'

describe('entropyWeights', () => {
  it('weights a concentrated indicator far above an even one (hand-worked, 0·ln 0 = 0)', () => {
    // column 0 = 1, 2, 3: p = 1/6, 2/6, 3/6; −Σ p ln p = 0.29863 + 0.36620 + 0.34657 = 1.01140;
    // e₀ = 1.01140 / ln 3 = 0.92062, d₀ = 0.07938.
    // column 1 = 0, 0, 5: p = 0, 0, 1 → −Σ p ln p = 0, e₁ = 0, d₁ = 1.
    // w = 0.07938/1.07938 = 0.07354 and 1/1.07938 = 0.92646
    const r = entropyWeights([Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 5)])
    expect(r.entropy[0]).toBeCloseTo(0.9206198, 6)
    expect(r.entropy[1]).toBe(0)
    expect(r.weights[0]).toBeCloseTo(0.0735424, 6)
    expect(r.weights[1]).toBeCloseTo(0.9264576, 6)
    expect(r.weights[0]! + r.weights[1]!).toBeCloseTo(1, 14)
  })

  it('gives an all-zero column weight 0 with a warning (no information)', () => {
    const r = entropyWeights([Float64Array.of(0, 0, 0), Float64Array.of(1, 3, 0)])
    expect([...r.weights]).toEqual([0, 1])
    expect(r.warnings).toEqual([
      { code: 'zero_column', message: 'column 0 is all zero: it gets weight 0' },
    ])
  })

  it('refuses weights when every column is uniform, since 1 − e is 0 everywhere', () => {
    expect(() => entropyWeights([Float64Array.of(2, 2), Float64Array.of(5, 5)])).toThrow(
      'entropy weights are undefined: every indicator has the same value for all customers',
    )
  })

  it('rejects negative values and tells the user to normalise first', () => {
    expect(() => entropyWeights([Float64Array.of(1, -2)])).toThrow(
      'column 0[1] is negative (-2): normalise the indicator to 0–1 first',
    )
  })
})
