import { describe, expect, it } from 'vitest'
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from './gamma-gamma.js'
import { compressRows } from './summary.js'
import { cdnowSpend, numericPartial, relativeError } from './test-fixtures.js'

const MLE = { p: 6.2488, q: 3.74459, gamma: 15.44775 }

describe('fitGammaGamma on CDNOW (Fader & Hardie 2013)', () => {
  const all = cdnowSpend()
  const { columns, weight } = compressRows([all.x, all.zbar])
  const distinct = { x: columns[0] as Float64Array, zbar: columns[1] as Float64Array, weight }
  const fit = fitGammaGamma(distinct)

  it('reproduces the published MLE to 1e-3 relative and log-likelihood -4055.9232 to 0.01 on the 946 repeat buyers', () => {
    expect(fit.converged).toBe(true)
    expect(fit.customers).toBe(946)
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(relativeError(fit.params[k], MLE[k])).toBeLessThan(1e-3)
    expect(fit.logLikelihood).toBeCloseTo(-4055.9232, 2)
  })

  it('leaves out the 1,411 customers with x = 0 and says so in a warning instead of throwing', () => {
    expect(fit.excluded).toBe(1411)
    expect(fit.warnings).toEqual([
      {
        code: 'NO_REPEAT_PURCHASE',
        customers: 1411,
        message:
          '1411 customers without a repeat purchase (x = 0) were left out of the spend model; their expected spend is the population mean',
      },
    ])
  })

  it('gives the same fit on one row per customer as on weighted distinct rows', () => {
    const raw = fitGammaGamma(all)
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(relativeError(raw.params[k], fit.params[k])).toBeLessThan(1e-6)
  })

  it('has an analytic gradient equal to central differences', () => {
    const p = { p: 4, q: 2.5, gamma: 20 }
    const { gradient } = gammaGammaLogLikelihood(p, distinct)
    const f = (q: GammaGammaParams) => gammaGammaLogLikelihood(q, distinct).value
    ;(['p', 'q', 'gamma'] as const).forEach((k, i) =>
      expect(gradient[i]).toBeCloseTo(numericPartial(f, p, k), 3),
    )
  })

  it('counts non-positive spend as a second warning (refunds), not an error', () => {
    const data = {
      x: Float64Array.of(2, 3, 1, 4),
      zbar: Float64Array.of(20, -5, 0, 31),
      weight: Float64Array.of(5, 2, 1, 7),
    }
    const r = fitGammaGamma(data)
    expect(r.excluded).toBe(3)
    expect(r.warnings.map((w) => [w.code, w.customers])).toEqual([['NON_POSITIVE_SPEND', 3]])
  })

  it('rejects a negative purchase count naming the row', () => {
    expect(() => fitGammaGamma({ x: Float64Array.of(1, -2), zbar: Float64Array.of(3, 4) })).toThrow(
      'invalid spend summary: row 1 has x = -2 (negative)',
    )
  })
})

describe('gammaGammaExpectedSpend', () => {
  const P = { p: 6.25, q: 3.74, gamma: 15.44 }

  it('matches Hardie’s spreadsheet for the first ten CDNOW customers (note 025)', () => {
    // Values quoted by lifetimes' test_conditional_expected_average_profit, with its tolerance 0.1
    // (the sheet's parameters carry more digits than the rounded 6.25, 3.74, 15.44 used here).
    const all = cdnowSpend()
    const head = { x: all.x.slice(0, 10), zbar: all.zbar.slice(0, 10) }
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
    const actual = gammaGammaExpectedSpend(P, head)
    expected.forEach((v, i) => expect(Math.abs((actual[i] ?? NaN) - v)).toBeLessThan(0.1))
  })

  it('computes customer 1 by hand: (15.44 + 2·22.35)·6.25/(6.25·2 + 3.74 − 1) = 24.6637', () => {
    // 60.14 · 6.25 = 375.875; 12.5 + 2.74 = 15.24; 375.875 / 15.24 = 24.663714.
    const [v] = gammaGammaExpectedSpend(P, { x: Float64Array.of(2), zbar: Float64Array.of(22.35) })
    expect(v).toBeCloseTo(24.663714, 5)
  })

  it('shrinks toward the observed mean as purchases grow (x = 1,000 gives almost zbar)', () => {
    const [v] = gammaGammaExpectedSpend(P, { x: Float64Array.of(1000), zbar: Float64Array.of(50) })
    expect(Math.abs((v ?? NaN) / 50 - 1)).toBeLessThan(1e-3)
  })
})
