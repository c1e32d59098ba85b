import { describe, expect, it } from 'vitest'
import {
  calibrationVsHoldout,
  cohortCumulativeForecast,
  cohortTrackingError,
  holdoutAccuracy,
} from './metrics.js'

describe('holdout metrics', () => {
  it('computes MAE, RMSE and total error by hand, with weights counting customers', () => {
    // errors 1 (×2 customers), −2, 0 → MAE (2+2+0)/4 = 1, RMSE √((2+4)/4) = 1.224745; totals 8 vs 7.
    const r = holdoutAccuracy(
      Float64Array.of(2, 1, 3),
      Float64Array.of(1, 3, 3),
      Float64Array.of(2, 1, 1),
    )
    expect(r.customers).toBe(4)
    expect(r.mae).toBe(1)
    expect(r.rmse).toBeCloseTo(Math.sqrt(1.5), 14)
    expect(r.predictedTotal).toBe(8)
    expect(r.actualTotal).toBe(8)
    expect(r.totalRelativeError).toBe(0)
  })

  it('bins calibration frequency 0..max with the last bin holding max and above (FHL 2005 fig. 3)', () => {
    const r = calibrationVsHoldout(
      Float64Array.of(0, 0, 1, 3, 9),
      Float64Array.of(0.1, 0.3, 0.5, 2, 4),
      Float64Array.of(0, 1, 1, 2, 6),
      undefined,
      2,
    )
    expect(Array.from(r.customers)).toEqual([2, 1, 2])
    expect(r.meanPredicted[0]).toBeCloseTo(0.2, 14)
    expect(Array.from(r.meanActual)).toEqual([0.5, 1, 4])
  })

  it('forecasts a cohort’s cumulative purchases from staggered acquisition dates (nothing before acquisition)', () => {
    // E[X(t)] = t/2 per customer; customers acquired at 0 (×3) and 4: at τ = 2 → 3·1 + 0; at τ = 6 → 3·3 + 1.
    const f = cohortCumulativeForecast(
      (t) => t.map((v) => v / 2),
      Float64Array.of(0, 4),
      Float64Array.of(3, 1),
      Float64Array.of(2, 6),
    )
    expect(Array.from(f)).toEqual([3, 10])
  })

  it('reports the tracking error of cumulative curves, skipping zero actuals in the percentage', () => {
    const r = cohortTrackingError(Float64Array.of(0, 10, 20), Float64Array.of(1, 12, 19))
    expect(r.mae).toBeCloseTo(4 / 3, 14)
    expect(r.mape).toBeCloseTo((0.2 + 0.05) / 2, 14)
    expect(r.finalRelativeError).toBeCloseTo(-0.05, 14)
  })

  it('rejects arrays of different lengths', () => {
    expect(() => holdoutAccuracy(Float64Array.of(1, 2), Float64Array.of(1))).toThrow(
      'invalid holdout arrays: lengths 2, 1',
    )
  })
})
