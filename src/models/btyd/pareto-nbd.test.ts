import { describe, expect, it } from 'vitest'
import {
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdLogLikelihoodRows,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityAliveAt,
  paretoNbdProbabilityNoPurchase,
  type ParetoNbdParams,
} from './pareto-nbd.js'
import { cdnowCustomers, cdnowDistinct, relativeError } from './test-fixtures.js'
import gammaln from '@stdlib/math-base-special-gammaln'

// Full-precision MLE of the Pareto/NBD on the CDNOW sample (shared/data/README.md), weeks.
const MLE = { r: 0.553276, alpha: 10.57761, s: 0.606213, beta: 11.66791 }
const one = (x: number, tx: number, T: number) => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
})

/** ℓ by Simpson quadrature of FHL (2005) eq. 11: alive term + ∫ s β^s (β+τ)^−(s+1) (α+τ)^−(r+x) dτ over [t_x, T]. */
function quadratureLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p
  const head = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta)
  const alive = (alpha + T) ** -(r + x) * (beta + T) ** -s
  const f = (tau: number) => s * (beta + tau) ** -(s + 1) * (alpha + tau) ** -(r + x)
  const n = 20_000
  const h = (T - tx) / n
  let sum = f(tx) + f(T)
  for (let k = 1; k < n; k++) sum += (k % 2 === 1 ? 4 : 2) * f(tx + k * h)
  return head + Math.log(alive + (sum * h) / 3)
}

describe('fitParetoNbd on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const fit = fitParetoNbd(cdnowDistinct())

  it('reproduces the published MLE to 1e-3 relative and log-likelihood -9594.9739 to 0.01', () => {
    expect(fit.converged).toBe(true)
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(relativeError(fit.params[k], MLE[k])).toBeLessThan(1e-3)
    }
    expect(fit.logLikelihood).toBeCloseTo(-9594.9739, 2)
  })

  it('gives the same fit on one row per customer as on weighted distinct rows', () => {
    const raw = fitParetoNbd(cdnowCustomers(), { starts: 1 })
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(relativeError(raw.params[k], fit.params[k])).toBeLessThan(1e-4)
    }
    expect(raw.logLikelihood).toBeCloseTo(fit.logLikelihood, 5)
  })

  it('matches the BTYD walkthrough’s conditional expectation 25.46 for x=26, t_x=30.86, T=31 over 52 weeks', () => {
    // Quoted by lifetimes' test_conditional_expectation_returns_same_value_as_R_BTYD.
    const [e] = paretoNbdExpectedPurchases(fit.params, one(26, 30.86, 31), 52)
    expect(Math.abs((e ?? NaN) - 25.46)).toBeLessThan(0.01)
  })

  it('matches R BTYD’s unconditional E[X(t)] for t = 0..9 weeks to 0.005', () => {
    // pnbd.Expectation values quoted by lifetimes' test_expectation_returns_same_value_as_R_BTYD
    // (which allows 0.01): they come from BTYD's own estimates, about 0.5 % from ours, hence 0.005.
    const expected = [
      0, 0.05077821, 0.09916088, 0.14542507, 0.1897993, 0.23247466, 0.27361274, 0.31335159,
      0.35181024, 0.38909211,
    ]
    const actual = paretoNbdExpectedPurchasesNew(
      fit.params,
      expected.map((_, t) => t),
    )
    expected.forEach((v, i) => expect(Math.abs((actual[i] ?? NaN) - v)).toBeLessThan(5e-3))
  })
})

describe('paretoNbd likelihood and predictions', () => {
  const P: ParetoNbdParams = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }

  it('matches the BTYD walkthrough’s P(alive) = 0.9979 for x=26, t_x=30.86, T=31 (page 8)', () => {
    const [p] = paretoNbdProbabilityAlive(P, one(26, 30.86, 31))
    expect(Math.abs((p ?? NaN) - 0.9979)).toBeLessThan(1e-3)
  })

  it('agrees with direct quadrature of the likelihood integral for α > β, α < β and α = β (checks the 2F1 path)', () => {
    const cases: [ParetoNbdParams, number, number, number][] = [
      [P, 3, 20, 38],
      [{ r: 0.8, alpha: 2, s: 1.3, beta: 40 }, 7, 12, 39],
      [{ r: 0.8, alpha: 40, s: 1.3, beta: 0.5 }, 1, 0.5, 39],
      [{ r: 0.8, alpha: 5, s: 1.3, beta: 5 }, 2, 30, 39],
      [P, 0, 0, 38.86],
    ]
    for (const [p, x, tx, T] of cases) {
      const [l] = paretoNbdLogLikelihoodRows(p, one(x, tx, T))
      expect(l).toBeCloseTo(quadratureLogLikelihood(p, x, tx, T), 7)
    }
  })

  it('keeps log A0 finite where lifetimes once overflowed (x of 400–500, α = 0.008)', () => {
    // Inputs of lifetimes' test_overflow_error.
    const p = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 }
    const data = {
      x: Float64Array.of(400, 500, 500),
      tx: Float64Array.of(5, 1, 4),
      T: Float64Array.of(6, 37, 37),
    }
    for (const v of paretoNbdLogLikelihoodRows(p, data)) expect(Number.isFinite(v)).toBe(true)
    for (const v of paretoNbdProbabilityAlive(p, data)) expect(v >= 0 && v <= 1).toBe(true)
  })

  it('stays finite for t_x a hair below T, T of 10,000 and x = 0 with huge T', () => {
    const data = {
      x: Float64Array.of(1000, 50, 0, 2000),
      tx: Float64Array.of(38.9999999, 9999.99, 0, 30),
      T: Float64Array.of(39, 10_000, 1e6, 10_000),
    }
    for (const values of [
      paretoNbdLogLikelihoodRows(P, data),
      paretoNbdProbabilityAlive(P, data),
      paretoNbdProbabilityAliveAt(P, data, 52),
      paretoNbdProbabilityNoPurchase(P, data, 52),
      paretoNbdExpectedPurchases(P, data, 52),
    ]) {
      for (const v of values) expect(Number.isFinite(v)).toBe(true)
    }
  })

  it('computes P(alive at T + t) as P(alive)·((β+T)/(β+T+t))^s, by hand for x = 0', () => {
    // x = 0, T = 10: factor ((11.6562+10)/(11.6562+10+52))^0.6061 = 0.2940173^0.6061 = 0.4761906.
    const data = one(0, 0, 10)
    const [now] = paretoNbdProbabilityAlive(P, data)
    const [later] = paretoNbdProbabilityAliveAt(P, data, 52)
    expect((later ?? NaN) / (now ?? NaN)).toBeCloseTo(0.4761906, 6)
  })

  it('makes the churn risk P(no purchase in next t) fall with t and stay above P(dead)', () => {
    const data = one(4, 30, 38)
    const [alive] = paretoNbdProbabilityAlive(P, data)
    const values = [0, 4, 26, 104].map((t) => paretoNbdProbabilityNoPurchase(P, data, t)[0] ?? NaN)
    expect(values[0]).toBeCloseTo(1, 12)
    for (let i = 1; i < values.length; i++) {
      expect(values[i]).toBeLessThan(values[i - 1] ?? NaN)
      expect(values[i]).toBeGreaterThan(1 - (alive ?? NaN))
    }
  })

  it('stays continuous at s = 1, where 1/(s − 1) is 0/0 in the expectation', () => {
    const at = (s: number) => paretoNbdExpectedPurchasesNew({ ...P, s }, [52])[0] ?? NaN
    expect(at(1)).toBeCloseTo((at(1 - 1e-6) + at(1 + 1e-6)) / 2, 8)
  })
})
