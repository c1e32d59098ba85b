import { describe, expect, it } from 'vitest'
import { ahpWeights } from './ahp.js'

describe('ahpWeights', () => {
  it('reproduces the classic 3 × 3 example (1, 3, 5 / 1/3, 1, 3 / 1/5, 1/3, 1)', () => {
    // For n = 3 the eigenvector equals the row geometric means: 15^⅓ = 2.4662, 1, 15^−⅓ = 0.4055,
    // over their sum 3.8717 → 0.63699, 0.25828, 0.10473.
    // (Aw)₁ = 0.63699 + 3·0.25828 + 5·0.10473 = 1.93549 → λmax ≈ 3.0385;
    // CI = 0.0385/2 = 0.01926; CR = 0.01926/0.58 = 0.0332
    const r = ahpWeights([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ])
    const g = [Math.cbrt(15), 1, Math.cbrt(1 / 15)]
    const sum = g[0]! + g[1]! + g[2]!
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(g[i]! / sum, 10))
    expect(r.lambdaMax).toBeCloseTo(3.03851, 5)
    expect(r.ci).toBeCloseTo(0.019256, 6)
    expect(r.ri).toBe(0.58)
    expect(r.cr).toBeCloseTo(0.033199, 6)
    expect(r.consistent).toBe(true)
  })

  it('recovers the weights of a perfectly consistent matrix with λmax = n and CR = 0', () => {
    // a[i][j] = w[i]/w[j] for w = 0.4, 0.3, 0.2, 0.1
    const w = [0.4, 0.3, 0.2, 0.1]
    const r = ahpWeights(w.map((wi) => w.map((wj) => wi / wj)))
    r.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 12))
    expect(r.lambdaMax).toBeCloseTo(4, 12)
    expect(r.cr).toBeCloseTo(0, 12)
  })

  it('reports a cyclic matrix as inconsistent (CR 6.13) instead of throwing', () => {
    // 1 ≻ 2 ≻ 3 ≻ 1 at strength 9: by symmetry w = ⅓ each, λmax = 1 + 9 + 1/9 = 10.111,
    // CI = 7.111/2 = 3.5556, CR = 3.5556/0.58 = 6.1303
    const r = ahpWeights([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ])
    r.weights.forEach((x) => expect(x).toBeCloseTo(1 / 3, 12))
    expect(r.lambdaMax).toBeCloseTo(91 / 9, 10)
    expect(r.cr).toBeCloseTo(64 / 9 / 2 / 0.58, 10)
    expect(r.consistent).toBe(false)
  })

  it('treats two criteria as always consistent (RI is 0 for n ≤ 2)', () => {
    const r = ahpWeights([
      [1, 3],
      [1 / 3, 1],
    ])
    expect([...r.weights]).toEqual([0.75, 0.25])
    expect([r.ci, r.cr, r.consistent]).toEqual([0, 0, true])
  })

  it('accepts 0.33 typed for 1/3 (within 1 %) but names a wrong reciprocal exactly', () => {
    expect(() =>
      ahpWeights([
        [1, 3],
        [0.33, 1],
      ]),
    ).not.toThrow()
    expect(() =>
      ahpWeights([
        [1, 2, 3],
        [0.5, 1, 2],
        [0.5, 0.5, 1],
      ]),
    ).toThrow('AHP matrix is not reciprocal at [0][2]: 3 vs 0.5 (expected 0.3333)')
  })

  it('rejects a non-square matrix, a zero entry, a diagonal other than 1 and too many criteria', () => {
    expect(() => ahpWeights([[1, 2], [0.5]])).toThrow('AHP matrix row 1 has 1 entries, expected 2')
    expect(() =>
      ahpWeights([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow('AHP matrix entry [0][1] must be a positive number: got 0')
    expect(() =>
      ahpWeights([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow('AHP matrix diagonal [0][0] must be 1: got 2')
    const big = Array.from({ length: 16 }, () => new Array<number>(16).fill(1))
    expect(() => ahpWeights(big)).toThrow(
      "AHP needs 1 to 15 criteria (Saaty's random index table): got 16",
    )
  })
})
