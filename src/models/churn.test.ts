import { describe, expect, it } from 'vitest'
import { churn } from './churn.js'

// Six customers over months 0–3 (x = active):
//        0 1 2 3
// c0     x x x x   loyal (its month-1 pair is listed twice)
// c1     x x . .   churns in 2
// c2     x . x .   churns in 1, returns in 2, churns in 3
// c3     . x x x   acquired in 1
// c4     . x . .   acquired in 1, churns in 2
// c5     . . . x   acquired in 3
const activity = [
  [0, 0],
  [0, 1],
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 0],
  [1, 1],
  [2, 0],
  [2, 2],
  [3, 1],
  [3, 2],
  [3, 3],
  [4, 1],
  [5, 3],
] as const
const input = {
  customers: 6,
  periods: 4,
  customer: Int32Array.from(activity, (a) => a[0]),
  period: Int32Array.from(activity, (a) => a[1]),
}

describe('churn', () => {
  const r = churn(input)

  it('counts active, retained, churned, acquired and returning customers per month', () => {
    expect([...r.overall.active]).toEqual([3, 4, 3, 3])
    expect([...r.overall.retained]).toEqual([0, 2, 2, 2])
    // month 1: c2; month 2: c1 and c4; month 3: c2 again
    expect([...r.overall.churned]).toEqual([0, 1, 2, 1])
    expect([...r.overall.acquired]).toEqual([3, 2, 0, 1])
    expect([...r.overall.returning]).toEqual([0, 0, 1, 0])
  })

  it('divides churned by those active the month before (1/3, 2/4, 1/3)', () => {
    expect([...r.overall.churnRate]).toEqual([NaN, 1 / 3, 0.5, 1 / 3])
  })

  it('builds the cohort retention table by months since acquisition', () => {
    expect([...r.cohortSize]).toEqual([3, 2, 0, 1])
    // cohort 0 {c0, c1, c2}: 3, then c0 c1, then c0 c2, then c0
    expect([...r.cohortActive[0]!]).toEqual([3, 2, 2, 1])
    expect([...r.cohortRetention[0]!]).toEqual([1, 2 / 3, 2 / 3, 1 / 3])
    // cohort 1 {c3, c4}: 2, then c3, then c3
    expect([...r.cohortRetention[1]!]).toEqual([1, 0.5, 0.5])
    // nobody was acquired in month 2
    expect([...r.cohortRetention[2]!]).toEqual([NaN, NaN])
  })

  it('splits churn by tier: tier 0 (c0, c3) keeps everyone, tier 1 loses half then all', () => {
    const byTier = churn({ ...input, group: Int32Array.of(0, 1, 1, 0, 1, 1) }).byGroup
    expect([...byTier[0]!.active]).toEqual([1, 2, 2, 2])
    expect([...byTier[0]!.churnRate]).toEqual([NaN, 0, 0, 0])
    // tier 1 active: {c1, c2}, {c1, c4}, {c2}, {c5}; churned: c2, then c1 and c4, then c2
    expect([...byTier[1]!.churnRate]).toEqual([NaN, 0.5, 1, 1])
  })

  it('counts a pre-window customer (cohort −1) as active but neither acquired nor in the cohort table', () => {
    const r2 = churn({ ...input, cohort: Int32Array.of(-1, 0, 0, 1, 1, 3) })
    expect([...r2.overall.acquired]).toEqual([2, 2, 0, 1])
    expect([...r2.cohortSize]).toEqual([2, 2, 0, 1])
    expect([...r2.cohortActive[0]!]).toEqual([2, 1, 1, 0])
  })

  it('rejects activity before the cohort and pairs outside the ranges', () => {
    expect(() => churn({ ...input, cohort: Int32Array.of(0, 0, 0, 2, 1, 3) })).toThrow(
      'customer 3 is active in period 1 before its cohort 2',
    )
    expect(() => churn({ ...input, periods: 3 })).toThrow('period[4] must be from 0 to 2: got 3')
    expect(() => churn({ ...input, customers: 5 })).toThrow(
      'customer[13] must be from 0 to 4: got 5',
    )
  })
})
