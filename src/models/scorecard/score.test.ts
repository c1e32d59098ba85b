import { describe, expect, it } from 'vitest'
import { entropyWeights } from './entropy.js'
import { scorecard, scorecardWeights, validateWeights, weightedScore } from './score.js'

// Four customers: monetary (higher is better) and recency in days (lower is better).
const monetary = Float64Array.of(100, 400, 250, 1000)
const recency = Float64Array.of(10, 60, 30, 5)
const indicators = [
  { values: monetary, name: 'monetary' },
  { values: recency, direction: 'lower' as const, name: 'recency' },
]

describe('scorecard', () => {
  it('scores 0–100 from min-max columns and hand weights 0.6 / 0.4', () => {
    // monetary (x − 100)/900: 0, 1/3, 1/6, 1; recency 1 − (x − 5)/55: 10/11, 0, 6/11, 1
    // c0 = 40·10/11 = 36.36; c1 = 60/3 = 20; c2 = 10 + 40·6/11 = 31.82; c3 = 100
    const r = scorecard(indicators, { weights: [0.6, 0.4] })
    const expected = [400 / 11, 20, 10 + 240 / 11, 100]
    r.scores.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 10))
    expect(r.warnings).toEqual([])
  })

  it('takes AHP weights (monetary 3× as important → 0.75 / 0.25)', () => {
    const r = scorecard(indicators, {
      weights: {
        kind: 'ahp',
        matrix: [
          [1, 3],
          [1 / 3, 1],
        ],
      },
    })
    expect([...r.weights]).toEqual([0.75, 0.25])
    // c3 is best on both → 100; c1 has 1/3 of monetary range and the worst recency → 25
    expect(r.scores[3]).toBeCloseTo(100, 10)
    expect(r.scores[1]).toBeCloseTo(25, 10)
    expect(r.ahp?.consistent).toBe(true)
  })

  it('warns, but still scores, when the AHP judgements are inconsistent', () => {
    const r = scorecard([...indicators, { values: Float64Array.of(1, 2, 3, 4) }], {
      weights: {
        kind: 'ahp',
        matrix: [
          [1, 9, 1 / 9],
          [1 / 9, 1, 9],
          [9, 1 / 9, 1],
        ],
      },
    })
    expect(r.warnings.map((w) => w.message)).toEqual([
      'AHP comparisons are inconsistent (CR 6.130 ≥ 0.1): revise the pairwise judgements',
    ])
    expect(r.scores).toHaveLength(4)
  })

  it('computes entropy weights on min-max columns even when scoring with z-scores', () => {
    // min-max 1, 2, 3 → 0, ½, 1: p = 0, ⅓, ⅔; e = 0.63651/ln 3 = 0.57938, d = 0.42062;
    // 0, 0, 5 → 0, 0, 1: e = 0, d = 1 → w = 0.42062/1.42062 = 0.29608, 0.70392
    const r = scorecard(
      [{ values: Float64Array.of(1, 2, 3) }, { values: Float64Array.of(0, 0, 5) }],
      {
        method: 'zscore',
        weights: { kind: 'entropy' },
      },
    )
    expect(r.weights[0]).toBeCloseTo(0.2960819, 6)
    expect(r.weights[1]).toBeCloseTo(0.7039181, 6)
    expect(r.normalised[0]?.method).toBe('zscore')
  })

  it('warns that a constant indicator adds the same points to everyone', () => {
    const r = scorecard(
      [{ values: monetary }, { values: Float64Array.of(3, 3, 3, 3), name: 'nps' }],
      {
        weights: [0.5, 0.5],
      },
    )
    expect(r.warnings.map((w) => w.message)).toEqual([
      'nps is the same for every customer: it adds the same points to everyone',
    ])
    expect(r.scores[0]).toBe(25)
  })

  it('rejects an AHP matrix of the wrong size', () => {
    expect(() => scorecard(indicators, { weights: { kind: 'ahp', matrix: [[1]] } })).toThrow(
      'AHP matrix has 1 rows for 2 indicators',
    )
  })
})

describe('validateWeights and weightedScore', () => {
  it('rejects hand weights that do not sum to 1, naming the sum', () => {
    expect(() => validateWeights([0.5, 0.4], 2)).toThrow(
      'weights sum to 0.9, expected 1 (±0.000001)',
    )
  })

  it('rejects a negative weight and a count mismatch', () => {
    expect(() => validateWeights([1.2, -0.2], 2)).toThrow(
      'weights[1] must be a finite number ≥ 0: got -0.2',
    )
    expect(() => validateWeights([1], 2)).toThrow('1 weights for 2 indicators')
  })

  it('sums 100 · w · x over columns', () => {
    expect([
      ...weightedScore([Float64Array.of(1, 0), Float64Array.of(0.5, 1)], [0.2, 0.8]),
    ]).toEqual([60, 80])
  })
})

describe('scorecardWeights', () => {
  const named = [
    { name: 'monetary', constant: false },
    { name: 'region_code', constant: true },
  ]
  const entropy = () => entropyWeights([Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 5)])

  it('warns of constant indicators first, then resolves AHP weights without the entropy', () => {
    const w = scorecardWeights(
      named,
      {
        kind: 'ahp',
        matrix: [
          [1, 3],
          [1 / 3, 1],
        ],
      },
      () => {
        throw new Error('entropy weights computed for an AHP scorecard')
      },
    )
    expect([...w.weights]).toEqual([0.75, 0.25])
    expect(w.ahp?.cr).toBe(0)
    expect(w.warnings).toEqual([
      {
        code: 'constant_indicator',
        message: 'region_code is the same for every customer: it adds the same points to everyone',
      },
    ])
  })

  it('takes entropy weights from the function given (columns, or sums from a database)', () => {
    const w = scorecardWeights(named, { kind: 'entropy' }, entropy)
    expect([...w.weights]).toEqual([...entropy().weights])
    expect(w.entropy?.entropy[1]).toBe(0)
  })
})
