import { describe, expect, it } from 'vitest'
import {
  fitMbgNbd,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLogLikelihood,
  mbgNbdLogLikelihoodRows,
  mbgNbdProbabilityAlive,
  mbgNbdProbabilityAliveAt,
  mbgNbdProbabilityNoPurchase,
  type MbgNbdParams,
} from './mbg-nbd.js'
import { cdnowDistinct, numericPartial } from './test-fixtures.js'

const one = (x: number, tx: number, T: number) => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
})

describe('fitMbgNbd on CDNOW (Batislam, Denizel & Filiztekin 2007)', () => {
  const data = cdnowDistinct()
  const fit = fitMbgNbd(data)

  it('matches BTYDplus’s MLE r 0.525, alpha 6.183, a 0.891, b 1.614 to 3 decimals', () => {
    // Source: lifetimes' TestModifiedBetaGammaFitter.test_params_out_is_close_to_BTYDplus (BTYDplus, mplatzer).
    expect(fit.converged).toBe(true)
    const expected = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - expected[k])).toBeLessThan(5e-4)
    }
  })

  it('sits where the finite-difference gradient of the log-likelihood is zero (independent optimality check)', () => {
    const f = (p: MbgNbdParams) => mbgNbdLogLikelihood(p, data).value
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      // Scaled by the parameter: the change of ℓ for a 1 % change of k.
      expect(Math.abs(numericPartial(f, fit.params, k) * fit.params[k])).toBeLessThan(1e-3)
    }
  })
})

describe('mbgNbd likelihood and predictions', () => {
  const P: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }

  it('computes the likelihood of x=1, t_x=2, T=5 at r=α=a=b=1 by hand: ln(1/36)', () => {
    // Γ(2)/Γ(1)·1 · Γ(2)Γ(3)/(Γ(1)Γ(4)) = 2/6; bracket 6⁻² + (1/2)·3⁻² = 1/12; (1/3)(1/12) = 1/36.
    const [l] = mbgNbdLogLikelihoodRows({ r: 1, alpha: 1, a: 1, b: 1 }, one(1, 2, 5))
    expect(l).toBeCloseTo(Math.log(1 / 36), 12)
  })

  it('has an analytic gradient equal to central differences', () => {
    const data = cdnowDistinct()
    const p = { r: 0.4, alpha: 5, a: 1.2, b: 2.2 }
    const { gradient } = mbgNbdLogLikelihood(p, data)
    const f = (q: MbgNbdParams) => mbgNbdLogLikelihood(q, data).value
    ;(['r', 'alpha', 'a', 'b'] as const).forEach((k, i) =>
      expect(gradient[i]).toBeCloseTo(numericPartial(f, p, k), 3),
    )
  })

  it('lets customers with no repeat purchase be dead (the MBG change): P(alive) = 1/(1 + a/b·((α+T)/α)^r)', () => {
    // 1/(1 + 0.891/1.614 · (45.183/6.183)^0.525) = 1/(1 + 0.5520446·2.8410724) = 0.3893476.
    const [p] = mbgNbdProbabilityAlive(P, one(0, 0, 39))
    expect(p).toBeCloseTo(0.3893476, 6)
  })

  it('equals the conditional expectation with x = 0, T = 0 for a new customer (the formulas agree)', () => {
    const [fresh] = mbgNbdExpectedPurchasesNew(P, [39])
    const tiny = mbgNbdExpectedPurchases(P, one(0, 0, 1e-12), 39)[0] ?? NaN
    expect(fresh).toBeCloseTo(tiny, 8)
  })

  it('keeps predictions ordered and finite for extreme customers', () => {
    const data = {
      x: Float64Array.of(1000, 0, 3),
      tx: Float64Array.of(38.99999, 0, 10),
      T: Float64Array.of(39, 1e6, 10_000),
    }
    const alive = mbgNbdProbabilityAlive(P, data)
    const later = mbgNbdProbabilityAliveAt(P, data, 52)
    const none = mbgNbdProbabilityNoPurchase(P, data, 52)
    const expected = mbgNbdExpectedPurchases(P, data, 52)
    alive.forEach((a, i) => {
      expect(later[i]).toBeLessThanOrEqual(a)
      expect(none[i]).toBeGreaterThanOrEqual(1 - a - 1e-12)
      expect(Number.isFinite(expected[i])).toBe(true)
    })
  })
})
