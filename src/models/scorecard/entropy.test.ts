import { describe, expect, it } from 'vitest'
import { entropyFromSums, entropyWeights } from './entropy.js'

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

describe('entropyFromSums', () => {
  it("gives the weights of entropyWeights from each column's sum and −Σ p ln p alone", () => {
    // the hand-worked example above: Σ = 6, −Σ p ln p = 1.01140; Σ = 5, −Σ p ln p = 0
    const h = -[1, 2, 3].reduce((s, v) => s + (v / 6) * Math.log(v / 6), 0)
    const r = entropyFromSums(3, [
      { sum: 6, h },
      { sum: 5, h: 0 },
    ])
    const columns = entropyWeights([Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 5)])
    expect(r.weights[0]).toBeCloseTo(0.0735424, 6)
    expect([...r.weights]).toEqual([...columns.weights])
  })

  it('warns of an all-zero column and refuses fewer than 2 customers', () => {
    expect(
      entropyFromSums(4, [
        { sum: 0, h: 0 },
        { sum: 2, h: 0.5 },
      ]).warnings,
    ).toEqual([{ code: 'zero_column', message: 'column 0 is all zero: it gets weight 0' }])
    expect(() => entropyFromSums(1, [{ sum: 1, h: 0 }])).toThrow(
      'entropy weights need at least 2 customers: got 1',
    )
  })
})
