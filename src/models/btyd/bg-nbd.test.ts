import { describe, expect, it } from 'vitest'
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodRows,
  bgNbdProbabilityAlive,
  bgNbdProbabilityAliveAt,
  bgNbdProbabilityNoPurchase,
  fitBgNbd,
  type BgNbdParams,
} from './bg-nbd.js'
import { cdnowCustomers, cdnowDistinct, numericPartial, relativeError } from './test-fixtures.js'

// Full-precision MLE of FHL (2005) on the CDNOW sample (shared/data/README.md), weeks.
const MLE = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 }
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const one = (x: number, tx: number, T: number) => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
})

describe('fitBgNbd on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const distinct = cdnowDistinct()
  const fit = fitBgNbd(distinct, { unit: 'weeks' })

  it('reproduces the published MLE to 1e-3 relative and log-likelihood -9582.4256 to 0.01', () => {
    expect(distinct.x.length).toBeLessThan(1100)
    expect(fit.customers).toBe(2357)
    expect(fit.status).toBe('converged')
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relativeError(fit.params[k], MLE[k])).toBeLessThan(1e-3)
    }
    expect(fit.logLikelihood).toBeCloseTo(-9582.4256, 2)
    expect(fit.unit).toBe('weeks')
  })

  it('gives the same fit on one row per customer as on weighted distinct rows (weights are counts)', () => {
    const raw = fitBgNbd(cdnowCustomers())
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relativeError(raw.params[k], fit.params[k])).toBeLessThan(1e-6)
    }
    expect(raw.logLikelihood).toBeCloseTo(fit.logLikelihood, 6)
  })

  it('reports finite standard errors smaller than the estimates (the data pin all four down)', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(fit.standardErrors[k]).toBeGreaterThan(0)
      expect(fit.standardErrors[k]).toBeLessThan(fit.params[k])
    }
  })

  it('matches the conditional expectation of Hardie’s spreadsheet: x=2, t_x=30.43, T=38.86, next 39 weeks → 1.226', () => {
    // Value quoted by lifetimes' test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet.
    const [e] = bgNbdExpectedPurchases(fit.params, one(2, 30.43, 38.86), 39)
    expect(Math.abs((e ?? NaN) - 1.226)).toBeLessThan(1e-3)
  })

  it('matches the unconditional E[X(t)] of Hardie’s spreadsheet at six horizons', () => {
    // Values quoted by lifetimes' test_expectation_returns_same_value_Hardie_excel_sheet.
    const t = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0]
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576]
    const actual = bgNbdExpectedPurchasesNew(fit.params, t)
    expected.forEach((v, i) => expect(Math.abs((actual[i] ?? NaN) - v)).toBeLessThan(5e-4))
  })
})

describe('bgNbd predictions', () => {
  it('computes P(alive) by hand for x=2, t_x=30.43, T=38.86 with the published parameters', () => {
    // a/(b+x−1) = 0.793/3.426 = 0.231465; (α+T)/(α+t_x) = 43.274/34.844 = 1.241935;
    // 1.241935^(r+x = 2.243) = 1.625789; P = 1/(1 + 0.231465·1.625789) = 0.726579.
    const [p] = bgNbdProbabilityAlive(PUBLISHED, one(2, 30.43, 38.86))
    expect(p).toBeCloseTo(0.726579, 5)
  })

  it('puts P(alive) at 1 for customers with no repeat purchase (BG/NBD drops out only after buying)', () => {
    const p = bgNbdProbabilityAlive(PUBLISHED, one(0, 0, 38.86))
    expect(p[0]).toBe(1)
  })

  it('matches R BTYD’s P(X(39) = 0) = 0.5737864 for a new customer (likelihood of x=0 over T=39)', () => {
    const [l] = bgNbdLogLikelihoodRows(PUBLISHED, one(0, 0, 39))
    expect(Math.exp(l ?? NaN)).toBeCloseTo(0.5737864, 6)
  })

  it('agrees with a direct integral of e^(−λpt) over the posterior for P(alive at T + t)', () => {
    // λ | alive ~ Gamma(r+x, α+T) integrates to (1 + p·t/(α+T))^−(r+x); p | alive ~ Beta(a, b+x).
    const [x, tx, T, t] = [3, 20, 38, 26]
    const [now] = bgNbdProbabilityAlive(PUBLISHED, one(x, tx, T))
    const [later] = bgNbdProbabilityAliveAt(PUBLISHED, one(x, tx, T), t)
    const { r, alpha, a, b } = PUBLISHED
    // p = u^(1/a) removes the p^(a−1) singularity: E[f(p)] = ∫₀¹ f(u^(1/a))(1 − u^(1/a))^(b+x−1) du / (a·B(a, b+x)).
    const steps = 200_000
    let num = 0
    let den = 0
    for (let k = 0; k < steps; k++) {
      const p = ((k + 0.5) / steps) ** (1 / a)
      const weight = (1 - p) ** (b + x - 1)
      num += weight * (1 + (p * t) / (alpha + T)) ** -(r + x)
      den += weight
    }
    expect(later).toBeCloseTo((now ?? NaN) * (num / den), 6)
  })

  it('keeps P(alive at T + t) at P(alive) for t = 0 and decreasing in t', () => {
    const data = one(4, 30, 38)
    const [p0] = bgNbdProbabilityAlive(PUBLISHED, data)
    const values = [0, 10, 52, 520].map(
      (t) => bgNbdProbabilityAliveAt(PUBLISHED, data, t)[0] ?? NaN,
    )
    expect(values[0]).toBeCloseTo(p0 ?? NaN, 12)
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] ?? NaN)
  })

  it('bounds P(no purchase in the next t) between P(dead) and 1 and lowers it as t grows', () => {
    const data = one(4, 30, 38)
    const [alive] = bgNbdProbabilityAlive(PUBLISHED, data)
    const values = [0, 4, 13, 52].map(
      (t) => bgNbdProbabilityNoPurchase(PUBLISHED, data, t)[0] ?? NaN,
    )
    expect(values[0]).toBeCloseTo(1, 12)
    for (let i = 1; i < values.length; i++) {
      expect(values[i]).toBeLessThan(values[i - 1] ?? NaN)
      expect(values[i]).toBeGreaterThan(1 - (alive ?? NaN))
    }
  })

  it('makes expected purchases grow with the horizon, for new and for existing customers', () => {
    const horizons = [1, 10, 52, 520, 5200]
    const fresh = bgNbdExpectedPurchasesNew(PUBLISHED, horizons)
    const known = horizons.map(
      (t) => bgNbdExpectedPurchases(PUBLISHED, one(5, 35, 38), t)[0] ?? NaN,
    )
    for (let i = 1; i < horizons.length; i++) {
      expect(fresh[i]).toBeGreaterThan(fresh[i - 1] ?? NaN)
      expect(known[i]).toBeGreaterThan(known[i - 1] ?? NaN)
    }
  })

  it('stays continuous through a = 1, where (a+b+x−1)/(a−1) is 0/0', () => {
    const at = (a: number) =>
      bgNbdExpectedPurchases({ ...PUBLISHED, a }, one(2, 30, 38), 52)[0] ?? NaN
    expect(at(1)).toBeCloseTo((at(1 - 1e-3) + at(1 + 1e-3)) / 2, 5)
    expect(Number.isFinite(at(1 + 1e-9))).toBe(true)
  })

  it('stays finite for extreme customers: 1,000 purchases, t_x a hair below T, T of 10,000, x = 0 with huge T', () => {
    const data = {
      x: Float64Array.of(1000, 800, 0, 300, 2000),
      tx: Float64Array.of(38.9999999, 9999.5, 0, 10, 10_000),
      T: Float64Array.of(39, 10_000, 1e6, 10_000, 10_000),
    }
    const checks = [
      bgNbdProbabilityAlive(PUBLISHED, data),
      bgNbdProbabilityAliveAt(PUBLISHED, data, 52),
      bgNbdProbabilityNoPurchase(PUBLISHED, data, 52),
      bgNbdExpectedPurchases(PUBLISHED, data, 52),
      bgNbdLogLikelihoodRows(PUBLISHED, data),
    ]
    for (const values of checks) for (const v of values) expect(Number.isFinite(v)).toBe(true)
    const alive = checks[0] as Float64Array
    expect(alive[0]).toBeGreaterThan(0.99)
    expect(alive[3]).toBeLessThan(1e-6)
    // λ | data has mean (r+x)/(α+T) = 1000.243/43.414 = 23.04 a week, so at most 1,198 in 52 weeks;
    // dropout after each purchase (mean p ≈ 0.79/1002) trims that. mpmath at 50 digits gives 855.2063.
    expect((checks[3] as Float64Array)[0]).toBeCloseTo(855.2063, 3)
  })
})

describe('bgNbdLogLikelihood', () => {
  it('has an analytic gradient equal to central differences (so BFGS gets the true slope)', () => {
    const data = cdnowDistinct()
    const p = { r: 0.4, alpha: 6, a: 1.3, b: 3.1 }
    const { gradient } = bgNbdLogLikelihood(p, data)
    const f = (q: BgNbdParams) => bgNbdLogLikelihood(q, data).value
    ;(['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
      expect(gradient[i]).toBeCloseTo(numericPartial(f, p, k), 3)
    })
  })

  it('reports a fit stopped by its iteration budget as not converged instead of throwing', () => {
    const r = fitBgNbd(cdnowDistinct(), { maxIterations: 2, starts: 1 })
    expect(r.converged).toBe(false)
    expect(r.status).toBe('max_iterations')
    expect(Number.isFinite(r.logLikelihood)).toBe(true)
  })

  it('rejects t_x > T naming the row and values', () => {
    expect(() =>
      fitBgNbd({ x: Float64Array.of(1, 2), tx: Float64Array.of(3, 9), T: Float64Array.of(5, 8) }),
    ).toThrow('invalid customer summary: row 1 has t_x = 9 greater than T = 8')
  })
})
