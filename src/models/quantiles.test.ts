import { describe, expect, it } from 'vitest'
import { mulberry32 } from './kmeans.js'
import {
  ascendingOrder,
  doubledMidRanks,
  median,
  percentileRanks,
  quantileScores,
} from './quantiles.js'

describe('quantileScores', () => {
  it('splits 100 distinct values into exact quintiles (anchored mid-rank is unbiased without ties)', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => 1000 - 7 * i)
    const s = quantileScores(values)
    // value index i has rank 99 − i; score = 1 + ⌊5·rank/99⌋ → 20 customers per score
    expect(s.counts).toEqual([20, 20, 20, 20, 20])
    expect(s.effectiveBins).toBe(5)
    expect(s.warnings).toEqual([])
    // cut j = smallest value of score ≥ j + 2: ranks 20, 40, 60, 80 → 1000 − 7·(99 − rank)
    expect(s.cuts).toEqual([447, 587, 727, 867])
  })

  it('gives a constant column the middle score and says only one bin is used', () => {
    const s = quantileScores(Float64Array.of(4, 4, 4), { name: 'tenure' })
    expect([...s.scores]).toEqual([3, 3, 3])
    expect(s.effectiveBins).toBe(1)
    expect(s.cuts).toEqual([4, 4, Infinity, Infinity])
    expect(s.warnings).toEqual([
      {
        code: 'empty_bins',
        message:
          'tenure: 5 bins requested but only 1 used (score 1, 2, 4, 5 empty): 100% of customers share the value 4',
      },
    ])
  })

  it('mirrors scores for lower-is-better so the smallest value scores k', () => {
    const values = Float64Array.of(3, 1, 2)
    // doubled mid-ranks 5, 1, 3; lower-is-better goodness 6 − m = 1, 5, 3 → scores 1, 3, 2
    expect([...quantileScores(values, { bins: 3, direction: 'lower' }).scores]).toEqual([1, 3, 2])
    expect([...quantileScores(values, { bins: 3 }).scores]).toEqual([3, 1, 2])
  })

  it('reports cut points that reproduce every score by the documented rule (also with ties)', () => {
    const random = mulberry32(7)
    const values = Float64Array.from({ length: 500 }, () => Math.floor(random() * 12))
    for (const direction of ['higher', 'lower'] as const) {
      const s = quantileScores(values, { direction, bins: 4 })
      values.forEach((v, i) => {
        const bin = s.cuts.filter((c) => v >= c).length
        expect(direction === 'higher' ? 1 + bin : 4 - bin).toBe(s.scores[i])
      })
    }
  })

  it('rejects a bin count outside 2–10 with the indicator named', () => {
    expect(() => quantileScores(Float64Array.of(1, 2), { name: 'frequency', bins: 1 })).toThrow(
      'frequency bins must be an integer from 2 to 10: got 1',
    )
  })

  it('rejects an empty column', () => {
    expect(() => quantileScores(new Float64Array(0), { name: 'monetary' })).toThrow(
      'monetary is empty',
    )
  })
})

describe('percentileRanks and median', () => {
  it('uses (below + ties/2)/n, so tied values share one percentile', () => {
    // 10, 20, 20, 30: below 0,1,1,3 and ties 1,2,2,1 → (0.5, 2, 2, 3.5) / 4
    expect([...percentileRanks(Float64Array.of(10, 20, 20, 30))]).toEqual([0.125, 0.5, 0.5, 0.875])
    expect([...percentileRanks(Float64Array.of(10, 20, 20, 30), 'lower')]).toEqual([
      0.875, 0.5, 0.5, 0.125,
    ])
  })

  it('counts 2·below + ties for every value, as a pairwise count does, with -0 equal to 0', () => {
    let seed = 11
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (const n of [1, 2, 7, 300]) {
      // Few distinct values, so most values tie, in no particular order.
      const values = Float64Array.from({ length: n }, () => Math.floor(next() * 6) - 2)
      if (n > 2) values[1] = -0
      const pairwise = Array.from(values, (v) => {
        let r = 0
        for (const w of values) r += w < v ? 2 : w === v ? 1 : 0
        return r
      })
      expect([...doubledMidRanks(values)]).toEqual(pairwise)
    }
  })

  it('orders doubles of every sign and size as a stable comparison sort does', () => {
    let seed = 5
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    // Each radix pass moves something: magnitudes from subnormal to infinite, both signs,
    // values repeated far apart, and -0 beside 0.
    const pool = [
      -Infinity,
      -1e300,
      -2.5,
      -1,
      -Number.MIN_VALUE,
      -0,
      0,
      Number.MIN_VALUE,
      1e-300,
      0.1,
      0.2,
      1,
      1 + Number.EPSILON,
      3,
      1e15,
      2 ** 53 + 2,
      1e300,
      Infinity,
    ]
    const values = Float64Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0
        ? (pool[Math.floor(next() * pool.length)] as number)
        : (next() - 0.5) * 10 ** Math.floor(next() * 20 - 10),
    )
    const expected = Array.from(values, (_, i) => i).sort(
      (a, b) => (values[a] as number) - (values[b] as number) || a - b,
    )
    // -0 and 0 compare equal, so the comparator keeps them in index order, while the radix
    // order puts every -0 first: values are compared with -0 made 0, then the zeros' order.
    const order = [...ascendingOrder(values)]
    const plain = (i: number) => (values[i] as number) + 0
    expect(order.map(plain)).toEqual(expected.map(plain))
    const zeros = order.filter((i) => values[i] === 0).map((i) => Object.is(values[i], -0))
    expect(zeros.indexOf(false)).toBe(zeros.lastIndexOf(true) + 1)
    expect(zeros.filter(Boolean).length).toBeGreaterThan(0)
    // Within a run of equal values the indices ascend: the sort is stable.
    expect(order.filter((i) => values[i] === 1)).toEqual(expected.filter((i) => values[i] === 1))
    const pairwise = Array.from(values, (v) => {
      let r = 0
      for (const w of values) r += w < v ? 2 : w === v ? 1 : 0
      return r
    })
    expect([...doubledMidRanks(values)]).toEqual(pairwise)
  })

  it('takes the mean of the middle pair for an even count', () => {
    expect(median(Float64Array.of(9, 1, 4, 3))).toBe(3.5)
    expect(median(Float64Array.of(9, 1, 4))).toBe(4)
  })
})
