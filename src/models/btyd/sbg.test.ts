import { describe, expect, it } from 'vitest'
import {
  fitSbg,
  sbgDiscountedResidualLifetime,
  sbgExpectedRemainingLifetime,
  sbgFromSurvivors,
  sbgLogLikelihood,
  sbgRetention,
  sbgSurvival,
  type SbgParams,
} from './sbg.js'
import { numericPartial, relativeError } from './test-fixtures.js'

// Fader & Hardie (2007): 1,000 customers, % surviving years 0..7.
const SURVIVORS = [1000, 631, 468, 382, 326, 289, 262, 241]

describe('fitSbg (Fader & Hardie 2007, "How to project customer retention")', () => {
  const fit = fitSbg(sbgFromSurvivors(SURVIVORS))

  it('reproduces alpha 0.70408, beta 1.18204 to 1e-3 relative and log-likelihood -1680.27 to 0.01', () => {
    expect(fit.converged).toBe(true)
    expect(fit.customers).toBe(1000)
    expect(relativeError(fit.params.alpha, 0.70408)).toBeLessThan(1e-3)
    expect(relativeError(fit.params.beta, 1.18204)).toBeLessThan(1e-3)
    expect(Math.abs(fit.logLikelihood - -1680.27)).toBeLessThan(0.01)
  })

  it('has an analytic gradient equal to central differences', () => {
    const data = sbgFromSurvivors(SURVIVORS)
    const p = { alpha: 1.1, beta: 2.3 }
    const { gradient } = sbgLogLikelihood(p, data)
    const f = (q: SbgParams) => sbgLogLikelihood(q, data).value
    expect(gradient[0]).toBeCloseTo(numericPartial(f, p, 'alpha'), 4)
    expect(gradient[1]).toBeCloseTo(numericPartial(f, p, 'beta'), 4)
  })

  it('tracks the observed survival curve within 1.5 points over the 7 calibration years', () => {
    const s = sbgSurvival(fit.params, [1, 2, 3, 4, 5, 6, 7])
    s.forEach((v, i) => expect(Math.abs(v * 1000 - (SURVIVORS[i + 1] ?? NaN))).toBeLessThan(15))
  })
})

describe('sbg predictions', () => {
  const P = { alpha: 0.704, beta: 1.182 }

  it('computes S(1), S(2) and r(2) by hand', () => {
    // S(1) = β/(α+β) = 1.182/1.886 = 0.626723; S(2) = S(1)·(β+1)/(α+β+1) = 0.626723·0.756064 = 0.473843.
    const [s1, s2] = sbgSurvival(P, [1, 2])
    expect(s1).toBeCloseTo(0.626723, 6)
    expect(s2).toBeCloseTo(0.473843, 6)
    expect(sbgRetention(P, [2])[0]).toBeCloseTo(2.182 / 2.886, 12)
  })

  it('raises retention with tenure (the sorting effect of heterogeneity)', () => {
    const r = sbgRetention(P, [1, 2, 5, 20])
    for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThan(r[i - 1] ?? NaN)
  })

  it('reports an infinite expected remaining lifetime when alpha ≤ 1 and (β+t)/(α−1) otherwise', () => {
    expect(sbgExpectedRemainingLifetime(P, [3])[0]).toBe(Infinity)
    expect(sbgExpectedRemainingLifetime({ alpha: 2.5, beta: 4 }, [3])[0]).toBeCloseTo(7 / 1.5, 12)
  })

  it('matches DERL = 7.530 of shifted_beta_geometric_py’s README (survival .869 … .491, 10 % discount, t = 7)', () => {
    const fit = fitSbg(sbgFromSurvivors([1, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491]))
    const [derl] = sbgDiscountedResidualLifetime(fit.params, [7], 0.1)
    expect(Math.abs((derl ?? NaN) - 7.53)).toBeLessThan(5e-4)
  })

  it('equals the direct discounted sum Σ_k S(t+k)/S(t)·(1+d)^−(k−1) for DERL', () => {
    const t = 4
    const d = 0.08
    const s = sbgSurvival(
      P,
      Array.from({ length: 3001 }, (_, k) => t + k),
    )
    let sum = 0
    for (let k = 1; k < s.length; k++) sum += ((s[k] ?? NaN) / (s[0] ?? NaN)) * (1 + d) ** -(k - 1)
    expect(sbgDiscountedResidualLifetime(P, [t], d)[0]).toBeCloseTo(sum, 8)
  })

  it('rejects a churn flag other than 0 or 1 naming the row', () => {
    const data = { t: Float64Array.of(1, 2), churned: Float64Array.of(1, 0.5) }
    expect(() => fitSbg(data)).toThrow(
      'invalid contract summary: row 1 has churned = 0.5 (must be 0 or 1)',
    )
  })
})
