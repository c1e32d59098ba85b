import { describe, expect, it } from 'vitest'
import { addModelFeatures, addPercentiles, binned, directionOf } from './features.js'
import type { Frame } from './frame.js'
import { parsePolicyText } from './policy.js'

const withModels = (models: string) =>
  parsePolicyText(
    `id: m
name: { zh: 模型, en: Models }
models:
${models}
tiers:
  - id: all
    name: { zh: 全部, en: All }
default: all
`,
    'm.yaml',
  )

const frameOf = (numbers: Record<string, number[]>): Frame => {
  const n = Object.values(numbers)[0]!.length
  return {
    n,
    ids: Array.from({ length: n }, (_, i) => `c${i + 1}`),
    numbers: new Map(Object.entries(numbers).map(([k, v]) => [k, Float64Array.from(v)])),
    texts: new Map(),
  }
}

describe('addPercentiles', () => {
  it('adds mid-rank percentiles over the customers with a value, ties sharing one', () => {
    // Present: 10, 20, 20, 40 → (0 + ½)/4, (1 + 1)/4 twice, (3 + ½)/4.
    const f = frameOf({ monetary: [20, 10, NaN, 40, 20] })
    addPercentiles(f, ['monetary', 'absent'])
    expect(Array.from(f.numbers.get('monetary_pct')!)).toEqual([0.5, 0.125, NaN, 0.875, 0.5])
    expect(f.numbers.has('absent_pct')).toBe(false)
  })

  it('keeps a percentile column that is already there', () => {
    const f = frameOf({ x: [1, 2], x_pct: [0.9, 0.1] })
    addPercentiles(f, ['x'])
    expect(Array.from(f.numbers.get('x_pct')!)).toEqual([0.9, 0.1])
  })

  it('knows which indicators are better low', () => {
    expect(['recency_days', 'churn_risk', 'monetary', 'clv'].map(directionOf)).toEqual([
      'lower',
      'lower',
      'higher',
      'higher',
    ])
  })
})

describe('addModelFeatures', () => {
  // b1–b3 bought; p is on file but has not bought (no recency).
  const rfmFrame = () =>
    frameOf({
      recency_days: [10, 200, 30, NaN],
      frequency: [6, 2, 1, 0],
      monetary: [3000, 500, 200, 0],
    })

  it('splits RFM at the means of the customers who bought, not counting prospects', () => {
    // Means over b1–b3: R 80 days, F 3, M 1,233.33.
    // b1: 10 < 80, 6 > 3, 3,000 > 1,233 → important value; b2: 200, 2, 500 → all low;
    // b3: 30 < 80 only → general to develop. p has bought nothing: the lowest class.
    const f = rfmFrame()
    const d = addModelFeatures(f, withModels('  rfm: { center: mean }'))
    expect(f.texts.get('rfm_class')).toEqual([
      'important_value',
      'general_retain',
      'general_develop',
      'general_retain',
    ])
    expect(d.rfm!.thresholds).toEqual({ recency: 80, frequency: 3, monetary: 3700 / 3 })
    expect(Array.from(f.numbers.get('r_high')!)).toEqual([1, 0, 1, 0])
  })

  it('scores R, F and M 1–5 among buyers and names their segments', () => {
    // Three distinct values have doubled mid-ranks 1, 3, 5: scores 1, 3, 5 (R reversed).
    const f = rfmFrame()
    addModelFeatures(f, withModels('  rfm: {}'))
    expect(Array.from(f.numbers.get('r_score')!)).toEqual([5, 1, 3, 1])
    expect(Array.from(f.numbers.get('f_score')!)).toEqual([5, 3, 1, 1])
    expect(Array.from(f.numbers.get('fm_score')!)).toEqual([5, 3, 1, 1])
    // R5/FM5 champions, R1/FM3 at risk, R3/FM1 about to sleep; p lost.
    expect(f.texts.get('rfm_segment')).toEqual(['champions', 'at_risk', 'about_to_sleep', 'lost'])
  })

  it('gives a customer who has not bought no lifecycle state instead of failing', () => {
    // b1: 5 purchase days over 80 days, every 20 days, last 15 days ago: 15 / 20 ≤ 2, active.
    const f = frameOf({
      days_since_first_purchase: [95, NaN],
      recency_days: [15, NaN],
      purchase_days_total: [5, 0],
      last_gap_days: [20, NaN],
    })
    addModelFeatures(f, withModels('  lifecycle: {}'))
    expect(f.texts.get('lifecycle')).toEqual(['active', null])
  })

  it('scores a missing lower-is-better indicator as the worst value, not the best', () => {
    // recency: p's missing value counts as 30, the worst; min-max (30 − x)/20 → 1, 0, 0.
    // monetary min-max (x − 0)/300 → ⅓, 1, 0. Scores 100·(½·m + ½·r): 66.67, 50, 0.
    const f = frameOf({ monetary: [100, 300, 0], recency_days: [10, 30, NaN] })
    addModelFeatures(
      f,
      withModels(
        '  scorecard: { indicators: [monetary, recency_days], normalise: minmax, weights: [0.5, 0.5] }',
      ),
    )
    const s = Array.from(f.numbers.get('score')!)
    expect(s[0]).toBeCloseTo(200 / 3, 10)
    expect(s[1]).toBeCloseTo(50, 10)
    expect(s[2]).toBe(0)
  })
})

describe('the fit grid of large stores', () => {
  it('puts t_x and T on whole weeks and spend on three digits, keeping t_x within (0, T] for repeat buyers', () => {
    const x = Float64Array.from([0, 1, 3, 2])
    const tx = Float64Array.from([0, 0.14, 10.4, 20.6])
    const T = Float64Array.from([0.3, 5.2, 10.6, 20.6])
    const zbar = Float64Array.from([0, 123.456, 99.94, 1234.5])
    const g = binned(x, tx, T, zbar)
    // T rounds to weeks but never below one; t_x of a repeat buyer is at least one week and at most T.
    expect(Array.from(g.T)).toEqual([1, 5, 11, 21])
    expect(Array.from(g.tx)).toEqual([0, 1, 10, 21])
    expect(Array.from(g.zbar)).toEqual([0, 123, 99.9, 1230])
  })
})
