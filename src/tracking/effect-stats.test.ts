import { describe, expect, it } from 'vitest'
import {
  meanInterval,
  regularizedBeta,
  studentTCdf,
  studentTQuantile,
  welchInterval,
} from './effect-stats.js'

describe('effect statistics', () => {
  it('gives the t quantiles of the printed tables (to 1e-6)', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 5)
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 6)
    expect(studentTQuantile(0.95, 30)).toBeCloseTo(1.697261, 6)
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.570582, 6)
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5)
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12)
  })

  it('matches closed forms of the incomplete beta: I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a', () => {
    expect(regularizedBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 12)
    expect(regularizedBeta(0.8, 3, 1)).toBeCloseTo(0.8 ** 3, 12)
    expect(regularizedBeta(0.5, 2.5, 2.5)).toBeCloseTo(0.5, 12)
  })

  it('gives the one-sample interval of a hand-worked mean', () => {
    // mean 2, s = 1, se = 1/√3, t(0.975, 2) = 4.302653
    const r = meanInterval(Float64Array.of(1, 2, 3))
    expect(r.estimate).toBe(2)
    expect(r.lower).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5)
    expect(r.upper).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5)
  })

  it("gives Welch's t, df and interval of Wikipedia's example (figures from scipy.stats.ttest_ind)", () => {
    // en.wikipedia.org/wiki/Welch%27s_t-test, example 2: t = −2.46, df = 24.99, p = 0.021;
    // scipy 1.x ttest_ind(equal_var=False).confidence_interval(): (−3.984096, −0.349237).
    const a = Float64Array.of(
      27.5,
      21.0,
      19.0,
      23.6,
      17.0,
      17.9,
      16.9,
      20.1,
      21.9,
      22.6,
      23.1,
      19.6,
      19.0,
      21.7,
      21.4,
    )
    const b = Float64Array.of(
      27.1,
      22.0,
      20.8,
      23.4,
      23.4,
      23.5,
      25.8,
      22.0,
      24.8,
      20.2,
      21.9,
      22.1,
      22.9,
      20.5,
      24.4,
    )
    const r = welchInterval(a, b)
    expect(r.estimate / r.standardError).toBeCloseTo(-2.455356, 5)
    expect(r.df).toBeCloseTo(24.988529, 5)
    expect(r.lower).toBeCloseTo(-3.984096, 5)
    expect(r.upper).toBeCloseTo(-0.349237, 5)
    expect(r.pValue).toBeCloseTo(0.021378, 5)
  })

  it('has no interval with fewer than two observations', () => {
    const r = meanInterval(Float64Array.of(5))
    expect(r.estimate).toBe(5)
    expect(r.lower).toBeNaN()
  })
})
