import { describe, expect, it } from 'vitest'
import {
  LIFECYCLE_STATES,
  lifecycleOptions,
  lifecycleStates,
  type LifecycleInput,
} from './lifecycle.js'

// Nine customers as of day 0 (days since first, days since last, distinct purchase days, last gap):
// c0 first bought 10 days ago, once                       → new
// c1 100, 5, 10 days: interval 95/9 = 10.56, r = 0.47      → active
// c2 200, 70, 6: interval 130/5 = 26, r = 2.69             → dormant (2 < r ≤ 4)
// c3 300, 200, 5: interval 100/4 = 25, r = 8               → churned
// c4 400, 10, 5, gap 300: earlier rhythm (390 − 300)/3 = 30; 300 > 4 × 30 → reactivated
// c5 one purchase 60 days ago: fallback interval           → dormant
// c6 40, 38, 2: own interval 2 floored to 7, r = 38/7 = 5.4 → churned
// c7 one purchase 150 days ago                             → churned
// c8 300, 3, 2, gap 297: no earlier rhythm, fallback 25.5; 297 > 102 → reactivated
// Fallback = median of the repeat customers' mean intervals 2, 10.56, 25, 26, 97.5, 297 = 25.5.
const input: LifecycleInput = {
  daysSinceFirst: Float64Array.of(10, 100, 200, 300, 400, 60, 40, 150, 300),
  daysSinceLast: Float64Array.of(10, 5, 70, 200, 10, 60, 38, 150, 3),
  purchaseDays: Int32Array.of(1, 10, 6, 5, 5, 1, 2, 1, 2),
  lastGap: Float64Array.of(NaN, 10, 30, 25, 300, NaN, 2, NaN, 297),
}
const ids = (states: Uint8Array) => [...states].map((s) => LIFECYCLE_STATES[s]?.id)

describe('lifecycleStates', () => {
  const r = lifecycleStates(input)

  it('judges recency against each customer’s own rhythm, with a population fallback', () => {
    expect(ids(r.states)).toEqual([
      'new',
      'active',
      'dormant',
      'churned',
      'reactivated',
      'dormant',
      'churned',
      'churned',
      'reactivated',
    ])
    expect(r.counts).toEqual([1, 1, 2, 3, 2])
  })

  it('takes the median interval of repeat customers as the fallback for one-time buyers', () => {
    expect(r.options.fallbackInterval).toBe(25.5)
    expect(r.expectedInterval[5]).toBe(25.5)
    expect(r.ratio[7]).toBeCloseTo(150 / 25.5, 12)
  })

  it('floors an expected interval of 2 days at minInterval (7) so a double purchase is no daily habit', () => {
    expect(r.expectedInterval[6]).toBe(7)
    expect(r.ratio[6]).toBeCloseTo(38 / 7, 12)
  })

  it('makes the same customer dormant, not churned, when the churn multiple is raised to 10', () => {
    // c3: r = 200/25 = 8 ≤ 10; c6: 5.4; c7: 5.9 → all dormant; c4's 300-day gap is 10 × 30, not more
    const relaxed = lifecycleStates(input, { churnedAfter: 10 })
    expect(ids(relaxed.states)).toEqual([
      'new',
      'active',
      'dormant',
      'dormant',
      'active',
      'dormant',
      'dormant',
      'dormant',
      'reactivated',
    ])
  })

  it('uses a given fallback interval and a wider recent window', () => {
    const r2 = lifecycleStates(input, { fallbackInterval: 60, recentWindow: 40 })
    // c5: 60/60 = 1 → active; c6 first bought 40 days ago → new; c7: 2.5 → dormant
    expect(ids(r2.states).slice(5, 8)).toEqual(['active', 'new', 'dormant'])
  })
})

describe('lifecycleStates input checks', () => {
  it('asks for a fallback interval when nobody bought twice', () => {
    const once = {
      daysSinceFirst: Float64Array.of(5, 50),
      daysSinceLast: Float64Array.of(5, 50),
      purchaseDays: Int32Array.of(1, 1),
      lastGap: Float64Array.of(NaN, NaN),
    }
    expect(() => lifecycleStates(once)).toThrow(
      'lifecycle needs fallbackInterval: no customer has two or more purchase days to take a typical interval from',
    )
    // 50 days over a 20-day fallback: r = 2.5 → dormant
    expect(ids(lifecycleStates(once, { fallbackInterval: 20 }).states)).toEqual(['new', 'dormant'])
  })

  it('rejects a last purchase before the first', () => {
    const bad = { ...input, daysSinceLast: Float64Array.of(10, 5, 70, 301, 10, 60, 38, 150, 3) }
    expect(() => lifecycleStates(bad)).toThrow(
      'daysSinceLast[3] must be from 0 to daysSinceFirst (300): got 301',
    )
  })

  it('rejects a last gap longer than the purchase span', () => {
    const bad = { ...input, lastGap: Float64Array.of(NaN, 10, 30, 25, 391, NaN, 2, NaN, 297) }
    expect(() => lifecycleStates(bad)).toThrow(
      'lastGap[4] must be more than 0 and at most the 390 days between first and last purchase: got 391',
    )
  })

  it('rejects zero purchase days and thresholds in the wrong order', () => {
    const bad = { ...input, purchaseDays: Int32Array.of(1, 10, 6, 5, 5, 0, 2, 1, 2) }
    expect(() => lifecycleStates(bad)).toThrow(
      'purchaseDays[5] must be an integer of at least 1: got 0',
    )
    expect(() => lifecycleStates(input, { dormantAfter: 4, churnedAfter: 3 })).toThrow(
      'lifecycle needs 0 < dormantAfter < churnedAfter: got 4 and 3',
    )
  })
})

describe('lifecycleOptions', () => {
  it('takes the typical interval only when no fallback is given, as a cluster computes it', () => {
    let asked = 0
    const typical = () => (asked++, 25.5)
    expect(lifecycleOptions({ recentWindow: 45 }, typical)).toEqual({
      recentWindow: 45,
      dormantAfter: 2,
      churnedAfter: 4,
      minInterval: 7,
      fallbackInterval: 25.5,
    })
    expect(lifecycleOptions({ fallbackInterval: 20 }, typical).fallbackInterval).toBe(20)
    expect(asked).toBe(1)
  })

  it('asks for a fallback interval when the typical one is NaN (nobody bought twice)', () => {
    expect(() => lifecycleOptions({}, () => NaN)).toThrow(
      'lifecycle needs fallbackInterval: no customer has two or more purchase days to take a typical interval from',
    )
  })
})
